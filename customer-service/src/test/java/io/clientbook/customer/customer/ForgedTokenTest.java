package io.clientbook.customer.customer;

import io.clientbook.devstack.auth.ForgedTokens;
import io.clientbook.devstack.testing.EmbeddedStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/** customer-service verifies tokens itself: a request that got past the network without the gateway gains nothing. */
@QuarkusTest
class ForgedTokenTest {

    @Test
    void everyForgedTokenIsRefusedOnReadsAndWrites() {
        ForgedTokens.all(EmbeddedStack.get().keys()).forEach((what, token) -> {
            given().auth().oauth2(token).when().get("/api/v1/customers")
                    .then().log().ifValidationFails().statusCode(401);
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"displayName\": \"Mallory\"}")
                    .when().post("/api/v1/customers")
                    .then().log().ifValidationFails().statusCode(401);
        });
    }
}
