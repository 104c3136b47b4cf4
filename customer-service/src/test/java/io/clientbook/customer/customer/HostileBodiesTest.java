package io.clientbook.customer.customer;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static io.clientbook.customer.Fixtures.as;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bodies built to hurt the parser get a clear 400 problem, no stack trace, and store nothing. */
@QuarkusTest
class HostileBodiesTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void deeplyNestedJsonIsRefused() throws SQLException {
        long before = customers();
        String nested = "[".repeat(500) + "]".repeat(500);
        as("admin").body("{\"displayName\": \"Nesting\", \"customAttributes\": {\"x\": " + nested + "}}")
                .when().post("/api/v1/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("customAttributes"))
                .body("errors.message", hasItem(containsString("nesting depth 64")))
                .body("detail", not(containsString("Exception")));
        assertEquals(before, customers());
    }

    @Test
    void malformedUtf8IsRefused() throws SQLException {
        long before = customers();
        byte[] body = "{\"displayName\": \"Bad \u0000\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] broken = new byte[body.length + 2];
        System.arraycopy(body, 0, broken, 0, 18);
        broken[18] = (byte) 0xC3; // a lead byte followed by no continuation byte
        broken[19] = (byte) 0x28;
        System.arraycopy(body, 18, broken, 20, body.length - 18);
        as("admin").body(broken).when().post("/api/v1/customers")
                .then().statusCode(400).contentType("application/problem+json");
        assertEquals(before, customers());
    }

    @Test
    void textThatCannotBeStoredIsRefusedNamingTheField() throws SQLException {
        // found by WriteFuzzTest: legal JSON escapes, but PostgreSQL refuses NUL and half surrogate pairs at commit (a 500)
        long before = customers();
        for (String text : java.util.List.of("Nul \\u0000 inside", "Half \\uD800 a pair", "Other half \\uDC00")) {
            as("admin").body("{\"displayName\": \"" + text + "\"}").when().post("/api/v1/customers")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("displayName"));
        }
        String id = io.clientbook.customer.Fixtures.customer("Storable Text");
        as("admin").header("If-Match", io.clientbook.customer.Fixtures.etag(id)).contentType("application/merge-patch+json")
                .body("{\"occupation\": \"baker\\u0000\"}").when().patch("/api/v1/customers/{id}", id)
                .then().statusCode(400).body("errors.field", hasItem("occupation"));
        as("admin").body("{\"displayName\": \"Emoji \\uD83D\\uDE00 is a whole pair\"}").when().post("/api/v1/customers")
                .then().statusCode(201);
        assertEquals(before + 2, customers());
    }

    @Test
    void aNullInAListIsRefusedNamingTheField() {
        // found by WriteFuzzTest: a null phone in a patch reached the phone normaliser (a 500)
        String id = io.clientbook.customer.Fixtures.customer("Null Lists");
        as("admin").header("If-Match", io.clientbook.customer.Fixtures.etag(id)).contentType("application/merge-patch+json")
                .body("{\"phones\": [null, null]}").when().patch("/api/v1/customers/{id}", id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(org.hamcrest.Matchers.startsWith("phones")));
        as("admin").body("{\"displayName\": \"Null Lists\", \"emails\": [null]}").when().post("/api/v1/customers")
                .then().statusCode(400).body("errors.field", hasItem(org.hamcrest.Matchers.startsWith("emails")));
    }

    private long customers() throws SQLException {
        try (var c = dataSource.getConnection(); var rs = c.createStatement().executeQuery("select count(*) from customer")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
