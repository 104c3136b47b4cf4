package io.clientbook.gateway;

import io.clientbook.devstack.auth.DevTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

/** Rate limits, CORS and security headers at the front door, with small quotas so they can be reached. */
@QuarkusTest
@TestProfile(EdgePolicyTest.SmallQuotas.class)
@QuarkusTestResource(value = StubServices.class, restrictToAnnotatedClass = true)
class EdgePolicyTest {

    public static class SmallQuotas implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.rate-limits.reads.quota", "3", "gateway.rate-limits.writes.quota", "2",
                    "gateway.rate-limits.bulk.quota", "1", "gateway.cors.origins", "https://app.example.com",
                    "gateway.routes[1].timeout", "6s"); // analytics/**: longer than the 1 s the stubs run with
        }
    }

    private static String token(String subject) {
        return new DevTokens(GatewayTest.keys()).sign("sales", subject, Duration.ofMinutes(5));
    }

    @Test
    void readsAreLimitedPerPrincipalWithHeadersOnEveryAnswerAndA429WhenSpent() {
        String ann = token("ann-" + UUID.randomUUID());
        for (int left = 2; left >= 0; left--) {
            given().auth().oauth2(ann).when().get("/api/v1/customers/1")
                    .then().statusCode(200)
                    .header("RateLimit-Policy", "\"reads\";q=3;w=60")
                    .header("RateLimit", matchesPattern("\"reads\";r=" + left + ";t=\\d+"));
        }
        given().auth().oauth2(ann).when().get("/api/v1/customers/1")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", matchesPattern("\\d+"))
                .header("RateLimit", matchesPattern("\"reads\";r=0;t=\\d+"))
                .body("type", equalTo("/problems/rate-limited"));
        // writes have their own quota, and another principal its own
        given().auth().oauth2(ann).contentType(ContentType.JSON).body("{}").when().post("/api/v1/customers/created")
                .then().statusCode(201).header("RateLimit-Policy", "\"writes\";q=2;w=60");
        given().auth().oauth2(token("bob-" + UUID.randomUUID())).when().get("/api/v1/customers/1").then().statusCode(200);
    }

    @Test
    void batchesCountAsBulk() {
        String carl = token("carl-" + UUID.randomUUID());
        given().auth().oauth2(carl).contentType(ContentType.JSON).body("{\"items\": []}")
                .when().post("/api/v1/customers/batch-upsert")
                .then().statusCode(200).header("RateLimit-Policy", "\"bulk\";q=1;w=60");
        given().auth().oauth2(carl).contentType(ContentType.JSON).body("{\"items\": []}")
                .when().post("/api/v1/orders/batch-upsert")
                .then().statusCode(429);
    }

    @Test
    void onlyConfiguredOriginsGetCorsAndPreflightsNeedNoToken() {
        given().header("Origin", "https://app.example.com").header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization, if-match")
                .when().options("/api/v1/customers/1")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", "https://app.example.com")
                .header("Access-Control-Allow-Methods", containsString("PATCH"))
                .header("Access-Control-Allow-Headers", containsString("If-Match"))
                .header("Vary", "Origin");
        given().header("Origin", "https://evil.example.net").header("Access-Control-Request-Method", "GET")
                .when().options("/api/v1/customers/1")
                .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
        given().auth().oauth2(token("dee-" + UUID.randomUUID())).header("Origin", "https://app.example.com")
                .when().get("/api/v1/customers/1")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://app.example.com")
                .header("Access-Control-Expose-Headers", containsString("ETag"));
        given().auth().oauth2(token("eve-" + UUID.randomUUID())).header("Origin", "https://evil.example.net")
                .when().get("/api/v1/customers/1")
                .then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aServiceThatKeepsFailingIsGivenARestWhileTheOthersServeOn() {
        // interaction-service is down in this test: after five failed attempts the gateway stops trying for a while;
        // a read is tried three times (two retries), so the second read's retries open the circuit
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(token("gus-" + UUID.randomUUID())).when().get("/api/v1/customers/1/timeline")
                    .then().statusCode(503).header("Retry-After", "5");
        }
        given().auth().oauth2(token("gus-" + UUID.randomUUID())).when().get("/api/v1/customers/1/timeline")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", matchesPattern("([1-9]|10)"))
                .body("detail", containsString("stopped sending it requests"));
        given().auth().oauth2(token("hal-" + UUID.randomUUID())).when().get("/api/v1/customers/1").then().statusCode(200);
    }

    @Test
    void aServiceSheddingLoadWithRetryAfterDoesNotOpenItsCircuit() {
        // the webhook intake answers 503 + Retry-After when its queue is full: passed on to the shop, but the service is
        // alive, and counting those as failures would cut every customer route off for a while
        for (int i = 0; i < 8; i++) {
            given().contentType("application/json").body("{}").when().post("/webhooks/shedding-8/" + UUID.randomUUID())
                    .then().statusCode(503).header("Retry-After", "5");
        }
        given().auth().oauth2(token("ida-" + UUID.randomUUID())).when().get("/api/v1/customers/1").then().statusCode(200);
    }

    @Test
    void aRouteMayWaitLongerThanTheDefault() {
        // the stub takes 3 s; the default here is 1 s (GatewayTest shows the 504), the analytics route waits 6 s
        given().auth().oauth2(token("ian-" + UUID.randomUUID())).when().get("/api/v1/analytics/customers/1/slow")
                .then().statusCode(200);
    }

    @Test
    void apiAnswersAreNeitherCachedNorSniffedWhoeverAnswers() {
        given().auth().oauth2(token("fay-" + UUID.randomUUID())).when().get("/api/v1/customers/1")
                .then().statusCode(200).header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
        given().when().get("/api/v1/customers/1")
                .then().statusCode(401).header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
    }
}
