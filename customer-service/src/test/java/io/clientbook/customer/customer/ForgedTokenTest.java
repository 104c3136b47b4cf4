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

    @Test
    void aTokenAlreadyVerifiedDoesNotLendItsSignatureToOtherClaims() {
        var tokens = new io.clientbook.devstack.auth.DevTokens(EmbeddedStack.get().keys());
        String sales = tokens.forRole("sales");
        given().auth().oauth2(sales).when().get("/api/v1/customers").then().statusCode(200);
        given().auth().oauth2(sales).when().get("/api/v1/customers").then().statusCode(200); // now remembered
        String[] parts = sales.split("\\.");
        String adminClaims = tokens.forRole("admin").split("\\.")[1];
        char last = parts[2].charAt(parts[2].length() - 2);
        String otherSignature = parts[2].substring(0, parts[2].length() - 2) + (last == 'A' ? 'B' : 'A')
                + parts[2].charAt(parts[2].length() - 1);
        for (String forged : new String[] {parts[0] + "." + adminClaims + "." + parts[2], parts[0] + "." + parts[1] + "." + otherSignature}) {
            given().auth().oauth2(forged).when().get("/api/v1/customers")
                    .then().log().ifValidationFails().statusCode(401);
        }
    }
}
