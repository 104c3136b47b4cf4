package io.clientbook.gateway;

import io.clientbook.devstack.auth.DevKeys;
import io.clientbook.devstack.auth.DevTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(value = StubServices.class, restrictToAnnotatedClass = true)
class GatewayTest {

    static DevKeys keys() {
        return DevKeys.loadOrCreate(StubServices.KEYS);
    }

    static String token(String role) {
        return new DevTokens(keys()).forRole(role);
    }

    @Test
    void customerPathsGoToCustomerServiceWithTokenAndRequestId() {
        String token = token("admin");
        var response = given().auth().oauth2(token)
                .when().get("/api/v1/customers/42?fields=all")
                .then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .body("service", equalTo("customer"))
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/api/v1/customers/42?fields=all"))
                .body("authorization", equalTo("Bearer " + token))
                .body("forwardedHost", notNullValue())
                .extract();
        org.junit.jupiter.api.Assertions.assertEquals(response.header("X-Request-Id"), response.path("requestId"));
    }

    @Test
    void theOverviewComposesEveryServiceAndListsTheOneThatIsDown() {
        String token = token("manager");
        given().auth().oauth2(token).header("X-Request-Id", "overview-1")
                .when().get("/api/v1/customers/0b6f3c1e-8a57-4d8e-9a53-2f1d6c7b9e10/overview")
                .then().statusCode(200)
                .body("customerId", equalTo("0b6f3c1e-8a57-4d8e-9a53-2f1d6c7b9e10"))
                .body("profile.service", equalTo("customer"))
                .body("profile.uri", equalTo("/api/v1/customers/0b6f3c1e-8a57-4d8e-9a53-2f1d6c7b9e10"))
                .body("profile.authorization", equalTo("Bearer " + token))
                .body("profile.requestId", equalTo("overview-1"))
                .body("analytics.uri", equalTo("/api/v1/analytics/customers/0b6f3c1e-8a57-4d8e-9a53-2f1d6c7b9e10"))
                .body("loyalty.uri", equalTo("/api/v1/customers/0b6f3c1e-8a57-4d8e-9a53-2f1d6c7b9e10/loyalty"))
                .body("recentOrders", org.hamcrest.Matchers.empty())
                .body("latestInteractions", org.hamcrest.Matchers.nullValue())
                .body("degraded", org.hamcrest.Matchers.containsInAnyOrder("latestInteractions", "openTickets", "nextFollowUps"));
        given().auth().oauth2(token).when().get("/api/v1/customers/not-a-uuid/overview")
                .then().statusCode(400).contentType("application/problem+json");
        given().when().get("/api/v1/customers/0b6f3c1e-8a57-4d8e-9a53-2f1d6c7b9e10/overview").then().statusCode(401);
    }

    @Test
    void aCallersRequestIdIsKept() {
        given().auth().oauth2(token("admin")).header("X-Request-Id", "trace-abc-1")
                .when().get("/api/v1/customers/1")
                .then().statusCode(200)
                .header("X-Request-Id", "trace-abc-1")
                .body("requestId", equalTo("trace-abc-1"));
    }

    @Test
    void analyticsPathsGoToAnalyticsService() {
        given().auth().oauth2(token("analyst"))
                .when().get("/api/v1/analytics/customers/7")
                .then().statusCode(200)
                .body("service", equalTo("analytics"));
    }

    @Test
    void aLargeBodyIsForwardedIntactAndTheStatusKept() {
        byte[] body = new byte[1_000_000];
        new Random(7).nextBytes(body);
        given().auth().oauth2(token("integrator")).contentType(ContentType.BINARY).body(body)
                .when().post("/api/v1/customers/created")
                .then().statusCode(201)
                .body("method", equalTo("POST"))
                .body("bodyLength", equalTo(body.length))
                .body("bodySha256", equalTo(StubServices.sha256(body)));
    }

    @Test
    void shopWebhooksReachCustomerServiceWithoutATokenAndTheirBytesIntact() {
        byte[] body = "{\"id\": 706405506930370084, \"email\": \"bob@biller.com\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        given().contentType(ContentType.JSON).header("X-Shopify-Hmac-Sha256", "c2lnbmF0dXJl").body(body)
                .when().post("/webhooks/shopify")
                .then().statusCode(200)
                .header("X-Request-Id", notNullValue())
                .body("service", equalTo("customer"))
                .body("uri", equalTo("/webhooks/shopify"))
                .body("authorization", equalTo(""))
                .body("bodySha256", equalTo(StubServices.sha256(body)));
        // only POST, and only where a service owns the path
        given().when().get("/webhooks/shopify").then().statusCode(404);
        given().contentType(ContentType.JSON).body(new byte[6 * 1024 * 1024]).when().post("/webhooks/woocommerce").then().statusCode(413);
    }

    @Test
    void onlyImportUploadsMayStreamWithoutAContentLength() throws Exception {
        byte[] file = "{\"displayName\": \"Ann\"}\n".repeat(1000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        java.util.function.Function<String, java.net.http.HttpResponse<String>> chunked = path -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + path))
                        .header("Authorization", "Bearer " + token("integrator")).header("Content-Type", "application/x-ndjson")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(file))).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        var upload = chunked.apply("/api/v1/import-jobs?kind=customers");
        org.junit.jupiter.api.Assertions.assertEquals(200, upload.statusCode(), upload.body());
        io.restassured.path.json.JsonPath seen = io.restassured.path.json.JsonPath.from(upload.body());
        org.junit.jupiter.api.Assertions.assertEquals("customer", seen.getString("service"));
        org.junit.jupiter.api.Assertions.assertEquals(file.length, seen.getInt("bodyLength"));
        org.junit.jupiter.api.Assertions.assertEquals(StubServices.sha256(file), seen.getString("bodySha256"));
        var batch = chunked.apply("/api/v1/customers/batch-upsert");
        org.junit.jupiter.api.Assertions.assertEquals(411, batch.statusCode(), batch.body());
        org.junit.jupiter.api.Assertions.assertTrue(batch.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    void anonymousApiCallsAreUnauthenticatedProblems() {
        given().when().get("/api/v1/customers/1")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .header("X-Request-Id", notNullValue())
                .body("status", equalTo(401))
                .body("instance", equalTo("/api/v1/customers/1"));
    }

    @Test
    void expiredForeignAndMisaddressedTokensAreRefused() {
        long now = System.currentTimeMillis() / 1000;
        String expired = Jwt.issuer(DevTokens.ISSUER).audience(DevTokens.AUDIENCE).subject("u").groups(Set.of("admin"))
                .issuedAt(now - 7200).expiresAt(now - 3600).sign(keys().privateKey());
        String otherIssuer = Jwt.issuer("someone-else").audience(DevTokens.AUDIENCE).subject("u").groups(Set.of("admin"))
                .expiresIn(600).sign(keys().privateKey());
        String otherAudience = Jwt.issuer(DevTokens.ISSUER).audience("another-app").subject("u").groups(Set.of("admin"))
                .expiresIn(600).sign(keys().privateKey());
        for (String token : new String[] {expired, otherIssuer, otherAudience, "not.a.jwt"}) {
            given().auth().oauth2(token)
                    .when().get("/api/v1/customers/1")
                    .then().statusCode(401)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void forgedTokensAreRefusedBeforeAnyServiceIsAsked() {
        io.clientbook.devstack.auth.ForgedTokens.all(keys()).forEach((what, token) ->
                given().auth().oauth2(token)
                        .when().get("/api/v1/customers/1")
                        .then().log().ifValidationFails().statusCode(401)
                        .contentType("application/problem+json")
                        .header("WWW-Authenticate", "Bearer")
                        .body("detail", not(containsString("Exception"))));
    }

    @Test
    void aVerifiedTokenIsRememberedButAnyChangedByteIsVerifiedAgain() {
        String token = token("admin");
        given().auth().oauth2(token).when().get("/api/v1/customers/1").then().statusCode(200);
        String[] parts = token.split("\\.");
        // the same header and claims with another signature, and other claims under the remembered signature
        char last = parts[2].charAt(parts[2].length() - 2);
        String otherSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
        String otherClaims = Jwt.issuer(DevTokens.ISSUER).audience(DevTokens.AUDIENCE).subject("someone-else").groups(Set.of("admin"))
                .expiresIn(600).sign(keys().privateKey()).split("\\.")[1];
        for (String changed : new String[] {otherSignature, parts[0] + "." + otherClaims + "." + parts[2], token + "x"}) {
            given().auth().oauth2(changed).when().get("/api/v1/customers/1")
                    .then().statusCode(401).contentType("application/problem+json");
        }
        given().auth().oauth2(token).when().get("/api/v1/customers/1").then().statusCode(200);
    }

    @Test
    void oversizedBodiesAndHeadersAreRefusedAtTheDoor() {
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body(twoMegabytes)
                .when().post("/api/v1/customers/created")
                .then().statusCode(413).contentType("application/problem+json").body("type", equalTo("/problems/body-too-large"));
        // batches have a larger allowance
        given().auth().oauth2(token("integrator")).contentType(ContentType.JSON).body(twoMegabytes)
                .when().post("/api/v1/customers/batch-upsert")
                .then().statusCode(200).body("bodyLength", equalTo(twoMegabytes.length));
        given().auth().oauth2(token("admin")).header("X-Padding", "x".repeat(40_000))
                .when().get("/api/v1/customers/1")
                .then().statusCode(431);
    }

    @Test
    void healthNeedsNoToken() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void anUnroutedApiPathIsNotFound() {
        given().auth().oauth2(token("admin"))
                .when().get("/api/v1/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anExportThatCannotBeCompleteIsAProblemNotAPartialDocument() {
        // customer-service answers (the stub), interaction-service is down: no partial export of a person
        given().auth().oauth2(token("admin"))
                .when().get("/api/v1/customers/" + java.util.UUID.randomUUID() + "/export")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("detail", containsString("interaction-service"));
        given().auth().oauth2(token("admin")).when().get("/api/v1/customers/not-a-uuid/export").then().statusCode(400);
    }

    @Test
    void aServiceThatIsDownGivesAProblemNotAHang() {
        given().auth().oauth2(token("support"))
                .when().get("/api/v1/customers/1/timeline")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("detail", containsString("interaction"));
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeGivesGatewayTimeout() {
        given().auth().oauth2(token("admin"))
                .when().get("/api/v1/customers/slow")
                .then().statusCode(504)
                .contentType("application/problem+json");
    }

    @Test
    void oneOpenApiDocumentListsEveryServicesPublicPaths() {
        given().when().get("/q/openapi")
                .then().statusCode(200)
                .contentType(containsString("yaml"))
                .body(containsString("/api/v1/customer-things"))
                .body(containsString("/api/v1/analytics-things"))
                .body(not(containsString("/internal/")));
        given().queryParam("format", "json")
                .when().get("/q/openapi")
                .then().statusCode(200)
                .contentType(containsString("json"))
                .body("paths.'/api/v1/customer-things'.get.responses.'200'.description", equalTo("ok"))
                .body("components.schemas.customerThing.type", equalTo("object"))
                .body("components.securitySchemes.jwt.scheme", equalTo("bearer"))
                .body("tags.name", hasItem("analytics-tag"))
                .body("'x-unavailable-services'", hasItem("interaction"));
    }

    @Test
    void swaggerUiIsServed() {
        given().when().get("/q/swagger-ui/")
                .then().statusCode(200)
                .contentType(containsString("html"));
    }

    @Test
    void aReadIsRetriedWhenTheServiceDropsTheConnectionOrIsNotReadyYet() {
        String token = token("admin");
        String id = java.util.UUID.randomUUID().toString();
        given().auth().oauth2(token).when().get("/api/v1/customers/drops-1/" + id)
                .then().statusCode(200).body("attempt", equalTo(2));
        given().auth().oauth2(token).when().get("/api/v1/customers/busy-2/" + id)
                .then().statusCode(200).body("attempt", equalTo(3));
        // two retries at most: the third failure is the answer
        given().auth().oauth2(token).when().get("/api/v1/customers/busy-3/" + id)
                .then().statusCode(503);
        given().auth().oauth2(token).when().get("/api/v1/customers/busy-3/" + id)
                .then().statusCode(200).body("attempt", equalTo(4));
    }

    @Test
    void writesAreNeverRetried() {
        String token = token("admin");
        String id = java.util.UUID.randomUUID().toString();
        given().auth().oauth2(token).contentType("application/json").body("{\"displayName\": \"Once\"}")
                .when().post("/api/v1/customers/busy-1/" + id)
                .then().statusCode(503);
        given().auth().oauth2(token).contentType("application/json").body("{\"displayName\": \"Once\"}")
                .when().post("/api/v1/customers/drops-1/" + id)
                .then().statusCode(503).contentType("application/problem+json");
        // the stub saw each write once: the next attempt is its second
        given().auth().oauth2(token).contentType("application/json").body("{}")
                .when().post("/api/v1/customers/busy-1/" + id)
                .then().statusCode(200).body("attempt", equalTo(2));
        given().auth().oauth2(token).contentType("application/json").body("{}")
                .when().put("/api/v1/customers/busy-1/" + id)
                .then().statusCode(503);
    }
}
