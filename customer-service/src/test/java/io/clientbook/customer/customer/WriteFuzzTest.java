package io.clientbook.customer.customer;

import io.agroal.api.AgroalDataSource;
import io.clientbook.devstack.testing.BadBodies;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;
import java.util.List;
import java.util.Random;

import static io.clientbook.customer.Fixtures.as;
import static io.clientbook.customer.Fixtures.customer;
import static io.clientbook.customer.Fixtures.etag;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Randomly generated bad bodies for each write endpoint: valid documents with fields of the wrong type,
 * unknown and read-only fields, extreme numbers and strings, nulls, deep arrays, broken JSON. Whatever
 * arrives, the answer is never a 5xx, a refusal is problem+json without a stack trace, and a refused request
 * stores nothing (no event recorded). {@link BadBodies}: 1,000 bodies per endpoint by default
 * ({@code -Dclientbook.fuzz.count} for more, {@code -Dclientbook.fuzz.seed} to replay a run).
 * (Jazzer's JUnit integration only fuzzes one test per run outside regression mode; this runs in every build.)
 */
@QuarkusTest
class WriteFuzzTest {

    private static final int COUNT = BadBodies.COUNT;
    private static final long SEED = BadBodies.SEED;

    /** Field names the write endpoints know, so mutations reach the validation of real fields. */
    private static final List<String> FIELDS = List.of("displayName", "givenName", "familyName", "kind", "companyName",
            "emails", "phones", "addresses", "birthday", "gender", "language", "timeZone", "tags", "customAttributes",
            "ownerId", "tier", "lifecycleStage", "externalIds", "consents", "sourceUpdatedAt", "preferences", "id", "version",
            "createdAt", "items", "customer", "placedAt", "status", "currency", "total", "discountTotal", "channel",
            "lineItems", "type", "points", "reason", "duplicateIds", "address", "number", "label", "primary", "customerId",
            "referredCustomerId", "fields", "platform", "domain", "webhookSecret");

    @Inject
    AgroalDataSource dataSource;

    @ParameterizedTest
    @ValueSource(strings = {"POST /api/v1/customers", "PATCH /api/v1/customers/{id}", "PUT /api/v1/customers/by-external-id/erp/{key}",
            "POST /api/v1/customers/batch-upsert", "PUT /api/v1/orders/by-external-id/erp/{key}", "POST /api/v1/orders/batch-upsert",
            "POST /api/v1/customers/{id}/loyalty/transactions", "POST /api/v1/customers/{id}/loyalty/referrals",
            "POST /api/v1/customers/{id}/merge", "POST /api/v1/customers/{id}/unmerge", "POST /api/v1/integrations/shops"})
    void noBodyGivesA5xxAStackTraceOrAHalfWrittenRecord(String endpoint) throws SQLException {
        String id = customer("Fuzz Target");
        BadBodies bodies = new BadBodies(FIELDS, endpoint);
        Random random = bodies.random();
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String etag = etag(id);
        for (int i = 0; i < COUNT; i++) {
            String body = bodies.next();
            String path = endpoint.substring(endpoint.indexOf(' ') + 1).replace("{id}", id).replace("{key}", "fuzz-" + random.nextInt(50));
            long eventsBefore = events();
            var request = as("admin").body(body);
            if (method.equals("PATCH")) {
                request = request.contentType("application/merge-patch+json").header("If-Match", etag);
            }
            Response response = request.request(method, path);
            if (response.statusCode() < 300) { // an accepted write may move the version; a refused one never does
                etag = etag(id);
            }
            String answer = response.asString();
            String context = endpoint + " #" + i + " (seed " + SEED + ") body " + BadBodies.abbreviate(body) + " -> " + response.statusCode()
                    + " " + BadBodies.abbreviate(answer);
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
