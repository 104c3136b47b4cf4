package io.clientbook.gateway;

import io.clientbook.devstack.auth.DevTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * The identity provider rotates its signing key: the gateway, reading keys from its JWKS URL, accepts tokens
 * signed with a key published after it started, without a restart, and never one signed with a key that was
 * not published.
 */
@QuarkusTest
@TestProfile(KeyRotationTest.FromJwks.class)
@QuarkusTestResource(value = RotatingKeys.class, restrictToAnnotatedClass = true)
class KeyRotationTest {

    /** Its own application start: the keys come from the JWKS endpoint, not a configured public key. */
    public static class FromJwks implements QuarkusTestProfile {
        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            return java.util.Map.of("mp.jwt.verify.publickey.location", RotatingKeys.location());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String token(String kid) {
        return new DevTokens(RotatingKeys.key(kid), kid).forRole("admin");
    }

    @Test
    void aKeyPublishedAfterStartIsAcceptedWithoutARestartAndAnUnpublishedOneNever() {
        RotatingKeys.publish("key-a");
        given().auth().oauth2(token("key-a")).when().get("/api/v1/customers/1")
                .then().statusCode(200).body("service", equalTo("customer"));
        given().auth().oauth2(token("key-b")).when().get("/api/v1/customers/1").then().statusCode(401);

        // rotation: the provider publishes key B beside A and starts signing with B
        RotatingKeys.publish("key-a", "key-b");
        int status = 0;
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (status != 200 && System.nanoTime() < deadline) { // the unknown key id sends the gateway to fetch the set again
            status = given().auth().oauth2(token("key-b")).when().get("/api/v1/customers/1").statusCode();
            if (status != 200) {
                sleep();
            }
        }
        given().auth().oauth2(token("key-b")).when().get("/api/v1/customers/1")
                .then().statusCode(200).body("service", equalTo("customer"));
        given().auth().oauth2(token("key-a")).when().get("/api/v1/customers/1").then().statusCode(200);

        // a token naming a key nobody published, or signed by another key under a published id, stays out
        given().auth().oauth2(token("key-x")).when().get("/api/v1/customers/1").then().statusCode(401);
        given().auth().oauth2(new DevTokens(RotatingKeys.key("key-x"), "key-b").forRole("admin"))
                .when().get("/api/v1/customers/1").then().statusCode(401);
    }
}
