package io.clientbook.analytics;

import io.agroal.api.AgroalDataSource;
import io.clientbook.devstack.testing.BadBodies;
import io.clientbook.devstack.testing.EmbeddedStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Randomly generated bad bodies ({@link BadBodies}) for analytics-service's model fits: never a 5xx, a refusal
 * is problem+json without a stack trace, and a refused request records no event. 1,000 bodies
 * ({@code -Dclientbook.fuzz.count}, {@code -Dclientbook.fuzz.seed}). A random body never names a model, so it
 * never starts a fit. Rescoring jobs are not fuzzed here: their body is one optional boolean, so an empty
 * object is a valid request that rescores the whole test book under the other tests' feet.
 */
@QuarkusTest
class WriteFuzzTest {

    private static final Map<String, List<String>> FIELDS = Map.of(
            "POST /api/v1/analytics/models/fits", List.of("model", "calibrationEnd", "timeUnit", "customers", "id"));

    @Inject
    AgroalDataSource dataSource;

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(EmbeddedStack.get().tokens().forRole(role)).contentType("application/json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST /api/v1/analytics/models/fits"})
    void noBodyGivesA5xxAStackTraceOrAnEvent(String endpoint) throws SQLException {
        BadBodies bodies = new BadBodies(FIELDS.get(endpoint), endpoint);
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1);
        for (int i = 0; i < BadBodies.COUNT; i++) {
            String body = bodies.next();
            long eventsBefore = events();
            RequestSpecification request = as("admin").body(body);
            Response response = request.request(method, path);
            String answer = response.asString();
            String context = endpoint + " #" + i + " (seed " + BadBodies.SEED + ") body " + BadBodies.abbreviate(body) + " -> "
                    + response.statusCode() + " " + BadBodies.abbreviate(answer);
            assertEquals(java.util.Optional.empty(), BadBodies.fault(response.statusCode(), response.contentType(), answer), context);
            if (response.statusCode() >= 400) {
                assertEquals(eventsBefore, events(), "a refused request recorded an event: " + context);
            }
        }
    }

    private long events() throws SQLException {
        return BadBodies.events(dataSource);
    }
}
