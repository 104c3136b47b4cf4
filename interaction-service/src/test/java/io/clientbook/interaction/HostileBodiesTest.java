package io.clientbook.interaction;

import io.clientbook.devstack.testing.EmbeddedStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Bodies WriteFuzzTest found answered with a 500, kept as plain regression tests. */
@QuarkusTest
class HostileBodiesTest {

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(EmbeddedStack.get().tokens().forRole(role)).contentType("application/json");
    }

    private static String ticket() {
        return as("support").body("{\"customerId\": \"" + UUID.randomUUID() + "\", \"type\": \"problem\", \"subject\": \"Leaks\"}")
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("id");
    }

    @Test
    void aPatchWithTextThatCannotBeStoredIsA400NamingTheField() {
        // PostgreSQL refuses NUL and half surrogate pairs only at commit: a 500 before
        String id = ticket();
        String etag = as("support").when().get("/api/v1/tickets/{id}", id).then().statusCode(200).extract().header("ETag");
        as("support").contentType("application/merge-patch+json").header("If-Match", etag)
                .body("{\"subject\": \"Leaks \\u0000 again\"}").when().patch("/api/v1/tickets/{id}", id)
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("subject"));
        as("support").when().get("/api/v1/tickets/{id}", id).then().statusCode(200).body("subject", equalTo("Leaks"))
                .header("ETag", equalTo(etag));
    }

    @Test
    void aKeyTwiceInOneObjectIsA400() {
        // a record's creator property given twice made Jackson throw a definition error: a 500 before
        String id = ticket();
        as("support").body("{\"body\": \"first\", \"public\": true, \"body\": \"second\"}")
                .when().post("/api/v1/tickets/{id}/comments", id)
                .then().statusCode(400).contentType("application/problem+json").body("errors.message", hasItem(containsString("JSON")));
    }
}
