package io.clientbook.customer;

import io.agroal.api.AgroalDataSource;
import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.devstack.testing.InjectionProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Injection attempts in every filter and sort parameter of customer-service's list and read endpoints
 * ({@link InjectionProbe}), as an admin (who sees everything, so a widened query would show most) and as a
 * seller who owns nothing: no 5xx, no SQL in an answer, no list longer than for a value that matches nothing,
 * and the tables still there.
 */
@QuarkusTest
class InjectionTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void noFilterOrSortParameterCanBeTurnedIntoSql() throws SQLException {
        String base = "http://localhost:" + RestAssured.port;
        assertTrue(InjectionProbe.parameters(base) >= 3, "the probe found the service's query parameters");
        long rows = rows();
        var tokens = EmbeddedStack.get().tokens();
        for (String token : List.of(tokens.forRole("admin"), tokens.sign("sales", "nobody-" + UUID.randomUUID(), Duration.ofMinutes(10)))) {
            assertEquals(List.of(), InjectionProbe.run(base, token));
        }
        assertTrue(rows() >= rows, "customer is intact");
    }

    private long rows() throws SQLException {
        try (var c = dataSource.getConnection(); var rs = c.createStatement().executeQuery("select count(*) from customer")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
