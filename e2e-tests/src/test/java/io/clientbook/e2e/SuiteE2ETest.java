package io.clientbook.e2e;

import io.clientbook.devstack.auth.DevTokens;
import io.clientbook.devstack.infra.FreePorts;
import io.clientbook.devstack.infra.PostgresServer;
import io.clientbook.devstack.launcher.Suite;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole suite as ./crm runs it: PostgreSQL, Kafka and the four services' packaged JVMs, exercised over
 * real HTTP through the gateway and real Kafka between the services.
 */
class SuiteE2ETest {

    private static Suite suite;
    private static String adminToken;

    @BeforeAll
    static void startSuite() throws Exception {
        Path root = Path.of(System.getProperty("clientbook.root", "..")).toAbsolutePath().normalize();
        Path home = Files.createTempDirectory(root.resolve("e2e-tests/target"), "crm-home");
        int gatewayPort = FreePorts.pick();
        // the outage test writes as fast as it can with one principal: quotas far above that, still counted
        System.setProperty("clientbook.suite.java-opts", "-Dgateway.rate-limits.writes.quota=1000000");
        suite = new Suite(root, home, "127.0.0.1", gatewayPort, line -> System.out.println("[suite] " + line));
        suite.start();
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = gatewayPort;
        adminToken = new DevTokens(suite.keys()).forRole("admin");
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.stop();
            assertTrue(suite.running().isEmpty(), "every process stopped");
        }
    }

    @Test
    void crmUpSaysWhereTheMetricsAreAndEachAnswersPrometheusText() {
        String banner = io.clientbook.devstack.launcher.Crm.whereToLook(suite, adminToken);
        List<String> metrics = java.util.regex.Pattern.compile("http://\\S+/q/metrics").matcher(banner).results()
                .map(java.util.regex.MatchResult::group).toList();
        assertEquals(4, metrics.size(), banner);
        for (String url : metrics) {
            String exposition = given().get(url).then().statusCode(200).extract().asString();
            assertTrue(exposition.contains("jvm_memory_used_bytes"), url + " has JVM metrics");
        }
        String customerService = given().get(metrics.get(1)).asString();
        assertTrue(customerService.contains("clientbook_outbox_backlog"), "the outbox backlog is exported");
        assertTrue(customerService.contains("agroal_active_count"), "the connection pool is exported");
        assertTrue(customerService.contains("kafka_consumer_fetch_manager_records_lag_max"), "consumer lag is exported");
    }

    @Test
    void oneTraceIdFollowsAChangeFromTheGatewayThroughKafkaToTheNextServicesEvents() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String traceparent = "00-" + traceId + "-00f067aa0ba902b7-01";
        String id = given().auth().oauth2(adminToken).contentType(ContentType.JSON).header("traceparent", traceparent)
                .body("{\"displayName\": \"Trace Lee\"}")
                .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).header("traceparent", traceparent)
                .body("{\"customer\": {\"id\": \"" + id + "\"}, \"placedAt\": \"2026-01-31T10:00:00Z\", "
                        + "\"status\": \"paid\", \"currency\": \"USD\", \"total\": \"40.00\"}")
                .when().put("/api/v1/orders/by-external-id/erp/trace-" + id).then().statusCode(201);
        try (var probe = new io.clientbook.devstack.testing.TopicProbe(suite.kafkaBootstrapServers(), "clientbook.customers")) {
            for (String type : List.of("customer.created", "order.recorded", "loyalty.changed")) {
                var record = probe.await(r -> id.equals(r.key())
                        && ("clientbook." + type + ".v1").equals(io.clientbook.devstack.testing.TopicProbe.headers(r).get("ce_type")),
                        Duration.ofSeconds(30));
                String header = io.clientbook.devstack.testing.TopicProbe.headers(record).get("traceparent");
                // customer.created and order.recorded: written by the request the gateway passed on;
                // loyalty.changed: written by the loyalty consumer, continuing order.recorded's trace
                assertTrue(header != null && header.startsWith("00-" + traceId + "-"), type + " carries the request's trace: " + header);
            }
        }
    }

    @Test
    void theAuditTrailGathersTheGatewaysAndEveryServicesRecords() {
        String requestId = "audit-" + UUID.randomUUID();
        given().auth().oauth2("not-a-token").header("X-Request-Id", requestId)
                .when().get("/api/v1/customers").then().statusCode(401);
        String manager = "manager-" + UUID.randomUUID();
        String managerToken = new DevTokens(suite.keys()).sign("manager", manager, Duration.ofHours(1));
        String rule = given().auth().oauth2(managerToken).contentType(ContentType.JSON)
                .body("{\"name\":\"Audit win-back\",\"trigger\":{\"type\":\"segment-changed\",\"to\":\"audit-lost\"},"
                        + "\"condition\":{\"segments\":[\"audit-lost\"]},\"delayDays\":1,"
                        + "\"action\":{\"kind\":\"task\",\"type\":\"win-back\",\"channel\":\"visit\"}}")
                .when().post("/api/v1/follow-up-rules").then().statusCode(201).extract().path("id");
        given().auth().oauth2(managerToken).contentType(ContentType.JSON).body("{\"name\": \"Audit team\"}")
                .when().post("/api/v1/teams").then().statusCode(403);
        String analyst = "analyst-" + UUID.randomUUID();
        given().auth().oauth2(new DevTokens(suite.keys()).sign("analyst", analyst, Duration.ofHours(1)))
                .contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/analytics/rescoring-jobs").then().statusCode(403);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(adminToken)
                .queryParam("action", "authentication.failed").queryParam("service", "gateway")
                .when().get("/api/v1/audit-events")
                .then().statusCode(200)
                .body("items.requestId", org.hamcrest.Matchers.hasItem(requestId)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(adminToken)
                .queryParam("actor", manager)
                .when().get("/api/v1/audit-events")
                .then().statusCode(200)
                .body("items.action", org.hamcrest.Matchers.containsInAnyOrder("request.denied", "follow-up-rule.created"))
                .body("items.service", org.hamcrest.Matchers.everyItem(equalTo("interaction-service")))
                .body("items.resourceId", org.hamcrest.Matchers.hasItem(rule)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(adminToken)
                .queryParam("actor", analyst)
                .when().get("/api/v1/audit-events")
                .then().statusCode(200)
                .body("items.service", org.hamcrest.Matchers.contains("analytics-service"))
                .body("items.path", org.hamcrest.Matchers.contains("/api/v1/analytics/rescoring-jobs")));
    }

    @Test
    void customerFieldsNeverReachAnyLog() throws Exception {
        String marker = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String name = "Quixote" + marker;
        String email = "zq" + marker + "@example.org";
        String phone = "+141555501" + (10 + Math.abs(marker.hashCode() % 90));
        String body = "{\"displayName\": \"" + name + "\", \"emails\": [{\"address\": \"" + email + "\"}], "
                + "\"phones\": [{\"number\": \"" + phone + "\"}], \"birthday\": \"1980-02-29\"}";
        String id = given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
        // the paths where a careless service would log a value: a duplicate, bad input, a search, an export
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/customers").then().statusCode(409);
        given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body("{\"displayName\": \"" + name + "\", \"emails\": [{\"address\": \"" + email + "@@\"}], \"phones\": [{\"number\": \"" + phone + "999999999\"}]}")
                .when().post("/api/v1/customers").then().statusCode(400);
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("{\"displayName\": \"" + name + "\", \"unknownField\": \"" + email + "\"}")
                .when().post("/api/v1/customers").then().statusCode(400);
        given().auth().oauth2(adminToken).queryParam("q", name).when().get("/api/v1/customers").then().statusCode(200);
        given().auth().oauth2(adminToken).queryParam("email", email).when().get("/api/v1/customers").then().statusCode(200);
        given().auth().oauth2(adminToken).when().get("/api/v1/customers/{id}/export", id).then().statusCode(200);
        given().auth().oauth2(adminToken).when().get("/api/v1/customers/{id}/overview", id).then().statusCode(200);
        // wait until the other services have applied the customer, so their logs had the chance to carry it
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(adminToken)
                .when().get("/api/v1/analytics/customers/{id}", id).then().statusCode(200));

        List<String> offending = new java.util.ArrayList<>();
        try (var logs = Files.list(suite.home().resolve("logs"))) {
            for (Path log : logs.toList()) {
                String text = Files.readString(log);
                for (String value : List.of(name, email, phone, phone.substring(1), marker)) {
                    if (text.contains(value)) {
                        offending.add(log.getFileName() + " contains " + value);
                    }
                }
            }
        }
        assertEquals(List.of(), offending, "customer fields in the logs");
    }

    @Test
    void theExportGathersEveryServicesPartOfThePerson() {
        String id = given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body("{\"displayName\": \"Export Lee\"}")
                .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
        given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body("{\"customer\": {\"id\": \"" + id + "\"}, \"placedAt\": \"2026-02-01T10:00:00Z\", "
                        + "\"status\": \"paid\", \"currency\": \"USD\", \"total\": \"80.00\"}")
                .when().put("/api/v1/orders/by-external-id/erp/export-" + id).then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body("{\"customerId\": \"" + id + "\", \"channel\": \"phone\", \"direction\": \"outbound\", \"subject\": \"Export call\"}")
                .when().post("/api/v1/interactions").then().statusCode(201));
        given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body("{\"customerId\": \"" + id + "\", \"type\": \"complaint\", \"subject\": \"Export complaint\"}")
                .when().post("/api/v1/tickets").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(adminToken)
                .when().get("/api/v1/customers/{id}/export", id)
                .then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("customer-" + id))
                .body("customerId", equalTo(id))
                .body("'customer-service'.customer.id", equalTo(id))
                .body("'customer-service'.orders.size()", equalTo(1))
                .body("'interaction-service'.timeline.kind", org.hamcrest.Matchers.hasItems("interaction", "ticket"))
                .body("'interaction-service'.tickets.subject", org.hamcrest.Matchers.hasItem("Export complaint"))
                .body("'analytics-service'.customerId", equalTo(id)));
        String seller = new DevTokens(suite.keys()).sign("sales", "seller-" + UUID.randomUUID(), Duration.ofHours(1));
        given().auth().oauth2(seller).when().get("/api/v1/customers/{id}/export", id).then().statusCode(403);
        given().auth().oauth2(adminToken).when().get("/api/v1/customers/{id}/export", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aCustomerCreatedThroughTheGatewayReachesEveryService() {
        String id = given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body("""
                        {"displayName": "Ann Lee", "emails": [{"address": "ann@example.com", "primary": true}]}""")
                .when().post("/api/v1/customers")
                .then().statusCode(201)
                .header("Location", startsWith("http://127.0.0.1:" + RestAssured.port + "/api/v1/customers/"))
                .body("displayName", equalTo("Ann Lee"))
                .extract().path("id");

        given().auth().oauth2(adminToken).when().get("/api/v1/customers/{id}", id)
                .then().statusCode(200).body("emails[0].address", equalTo("ann@example.com"))
                .header("RateLimit-Policy", "\"reads\";q=1200;w=60")
                .header("Cache-Control", "no-store");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(adminToken).when().get("/api/v1/analytics/customers/{id}", id)
                        .then().statusCode(200).body("customerId", equalTo(id)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(adminToken).when().get("/api/v1/customers/{id}/timeline", id)
                        .then().statusCode(200)
                        .body("items", hasSize(1))
                        .body("items[0].type", equalTo("customer.created")));
    }

    @Test
    void integratorConventionsHoldThroughTheGateway() {
        String token = new DevTokens(suite.keys()).forRole("integrator");
        String shopId = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        String body = "{\"displayName\": \"Gwen Gateway\", \"externalIds\": [{\"source\": \"erp\", \"externalId\": \"" + shopId + "\"}]}";
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/customers")
                .then().statusCode(201).header("ETag", "\"0\"").extract().path("id");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/customers")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));

        given().auth().oauth2(token).contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"tags\": [\"gateway\"]}")
                .when().patch("/api/v1/customers/{id}", id)
                .then().statusCode(200).header("ETag", "\"1\"");
        given().auth().oauth2(token).contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"tags\": []}")
                .when().patch("/api/v1/customers/{id}", id)
                .then().statusCode(412);

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"customer\": {\"source\": \"erp\", \"externalId\": \"" + shopId + "\"}, \"placedAt\": \"2026-01-31T10:00:00Z\", "
                        + "\"status\": \"paid\", \"currency\": \"EUR\", \"total\": \"12.50\"}")
                .when().put("/api/v1/orders/by-external-id/erp/o-" + shopId)
                .then().statusCode(201).body("customerId", equalTo(id));
        given().auth().oauth2(token).when().get("/api/v1/customers/{id}/orders", id)
                .then().statusCode(200).body("items", hasSize(1));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"items\": [{\"displayName\": \"Batch One\"}, {\"displayName\": \"\"}]}")
                .when().post("/api/v1/customers/batch-upsert")
                .then().statusCode(207).body("results.status", org.hamcrest.Matchers.contains("created", "error"));
        given().auth().oauth2(token).queryParam("q", "gwen gatewy").when().get("/api/v1/customers")
                .then().statusCode(200).body("items.id", org.hamcrest.Matchers.hasItem(id));
    }

    /**
     * The care policy across three services: an order through customer-service makes interaction-service plan
     * a callback at +30 days and an e-mail task at +90; a lifecycle change makes it request a reactivation
     * offer; the delivery adapter's unsubscribe revokes the consent on the customer record.
     */
    @Test
    void anOrderPlansTheCallbacksAndAnUnsubscribeReachesTheCustomerRecord() {
        String shopId = UUID.randomUUID().toString();
        String id = create("""
                {"displayName": "Carla Care", "ownerId": "u-carla-owner",
                 "externalIds": [{"source": "shopify:store-a.myshopify.com", "externalId": "%s"}],
                 "consents": [{"channel": "phone", "purpose": "service", "granted": true, "basis": "contract"},
                              {"channel": "email", "purpose": "service", "granted": true, "basis": "contract"},
                              {"channel": "email", "purpose": "marketing", "granted": true, "basis": "consent"}]}""".formatted(shopId));
        String placedAt = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        String order = "{\"customer\": {\"source\": \"shopify:store-a.myshopify.com\", \"externalId\": \"" + shopId + "\"}, "
                + "\"placedAt\": \"" + placedAt + "\", \"status\": \"paid\", \"currency\": \"EUR\", \"total\": \"89.00\"}";
        for (int i = 0; i < 2; i++) { // the shop sends its webhook twice
            given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(order)
                    .when().put("/api/v1/orders/by-external-id/shopify:store-a.myshopify.com/care-" + shopId)
                    .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(adminToken).queryParam("customerId", id).when().get("/api/v1/follow-ups")
                        .then().statusCode(200).body("items", hasSize(2))
                        .body("items[0].type", equalTo("callback")).body("items[0].channel", equalTo("phone"))
                        .body("items[0].dueAt", equalTo(java.time.Instant.parse(placedAt).plus(Duration.ofDays(30)).toString()))
                        .body("items[0].assigneeId", equalTo("u-carla-owner"))
                        .body("items[1].channel", equalTo("email"))
                        .body("items[1].dueAt", equalTo(java.time.Instant.parse(placedAt).plus(Duration.ofDays(90)).toString())));

        // the 360° view composed by the gateway from the three services
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(adminToken).when().get("/api/v1/customers/{id}/overview", id)
                        .then().statusCode(200).body("profile.displayName", equalTo("Carla Care"))
                        .body("recentOrders", hasSize(1)).body("nextFollowUps", hasSize(2)).body("openTickets", hasSize(0))
                        .body("nextFollowUps[0].type", equalTo("callback")).body("degraded", hasSize(0)));
        given().auth().oauth2(new DevTokens(suite.keys()).forRole("sales")).when().get("/api/v1/customers/{id}/overview", id)
                .then().statusCode(404); // not this seller's customer: no parts at all
        // analytics classifies the first purchase (stage new) onto the record; then a manager marks it at risk by hand
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(adminToken)
                .when().get("/api/v1/customers/{id}", id).then().body("lifecycleStage", equalTo("new")));
        String etag = given().auth().oauth2(adminToken).when().get("/api/v1/customers/{id}", id).then().extract().header("ETag");
        given().auth().oauth2(adminToken).contentType("application/merge-patch+json").header("If-Match", etag)
                .body("{\"lifecycleStage\": \"at-risk\"}").when().patch("/api/v1/customers/{id}", id).then().statusCode(200);
        String messageId = await().atMost(Duration.ofSeconds(30)).until(() ->
                given().auth().oauth2(adminToken).queryParam("kind", "message").when().get("/api/v1/customers/{id}/timeline", id)
                        .then().statusCode(200).extract().<String>path("items.find { it.type == 'message.reactivation-offer' }.id"),
                java.util.Objects::nonNull);
        given().auth().oauth2(adminToken).when().get("/api/v1/messages/{id}", messageId)
                .then().statusCode(200).body("templateKey", equalTo("reactivation-offer")).body("status", equalTo("requested"));
        String integrator = new DevTokens(suite.keys()).forRole("integrator");
        given().auth().oauth2(integrator).contentType(ContentType.JSON).body("{\"outcome\": \"unsubscribed\"}")
                .when().post("/api/v1/messages/{id}/outcome", messageId).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(adminToken).when().get("/api/v1/customers/{id}", id).then().statusCode(200)
                        .body("consents.find { it.channel == 'email' && it.purpose == 'marketing' }.granted", equalTo(false))
                        .body("consents.find { it.channel == 'email' && it.purpose == 'service' }.granted", equalTo(true)));
    }

    /**
     * A customer buying big six days running: analytics classifies it (champions, VIP, loyal) and the tier and
     * stage reach the customer record through the events; the reports answer as CSV and SVG through the gateway.
     */
    @Test
    void aBigBuyersTierAndStageFlowFromAnalyticsToTheCustomerRecord() {
        String id = create("{\"displayName\": \"Vera Value\"}");
        given().auth().oauth2(adminToken).when().get("/api/v1/customers/{id}", id).then().body("lifecycleStage", equalTo("prospect"));
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (int day = 0; day < 6; day++) {
            given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                    .body("{\"customer\": {\"id\": \"" + id + "\"}, \"placedAt\": \"" + now.minus(Duration.ofDays(day))
                            + "\", \"status\": \"paid\", \"currency\": \"USD\", \"total\": \"50000.00\"}")
                    .when().put("/api/v1/orders/by-external-id/shop:vera/vera-" + id + "-" + day).then().statusCode(201);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(adminToken)
                .when().get("/api/v1/customers/{id}", id).then().statusCode(200)
                .body("tier", equalTo("vip")).body("tierPinned", equalTo(false)).body("lifecycleStage", equalTo("loyal")));
        given().auth().oauth2(adminToken).when().get("/api/v1/analytics/customers/{id}", id).then().statusCode(200)
                .body("segment.value", equalTo("champions")).body("tier.value", equalTo("vip"))
                .body("lifecycleStage.rule", equalTo("loyal: 4 purchases or more"));
        given().auth().oauth2(adminToken).when().get("/api/v1/customers/{id}/history", id).then().statusCode(200)
                .body("items.find { it.changes.find { c -> c.field == 'tier' } }.channel", equalTo("analytics"));
        given().auth().oauth2(adminToken).accept("text/csv").when().get("/api/v1/analytics/reports/tiers")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .body(org.hamcrest.Matchers.startsWith("tier,customers,customerShare,revenue,revenueShare"));
        String svg = given().auth().oauth2(adminToken).accept("image/svg+xml").when().get("/api/v1/analytics/reports/segments")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("image/svg+xml")).extract().asString();
        try {
            var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var root = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .getDocumentElement();
            assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
            assertEquals("svg", root.getLocalName());
        } catch (Exception e) {
            throw new AssertionError("the chart is not well-formed SVG: " + e.getMessage(), e);
        }
        // the customer's year in the report agrees with the orders sent through the gateway
        int year = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear();
        long thisYear = java.util.stream.IntStream.range(0, 6)
                .filter(day -> now.minus(Duration.ofDays(day)).atZone(java.time.ZoneOffset.UTC).getYear() == year).count();
        given().auth().oauth2(adminToken).when().get("/api/v1/analytics/reports/customers/{id}/annual/{year}", id, year)
                .then().statusCode(200).body("orders.count", equalTo((int) thisYear))
                .body("orders.spend", equalTo((float) (thisYear * 50000.0))).body("tierAtYearEnd", equalTo("vip"));
        float vipRevenue = given().auth().oauth2(adminToken).when().get("/api/v1/analytics/reports/tiers")
                .then().statusCode(200).extract().path("items.find { it.name == 'vip' }.revenue");
        org.junit.jupiter.api.Assertions.assertTrue(vipRevenue >= 300000, "vip revenue includes this customer's 300,000: " + vipRevenue);
    }

    /** A complaint opened through the gateway gets the seed policy's 1 h / 48 h clock and appears on the timeline. */
    @Test
    void aComplaintThroughTheGatewayRunsOnTheSeedSlaPolicy() {
        String id = create("{\"displayName\": \"Tom Ticket\"}");
        var ticket = given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body("{\"customerId\": \"" + id + "\", \"type\": \"complaint\", \"subject\": \"Late delivery\"}")
                .when().post("/api/v1/tickets")
                .then().statusCode(201).body("status", equalTo("new")).body("sla.paused", equalTo(false))
                .extract().jsonPath();
        java.time.Instant created = java.time.Instant.parse(ticket.getString("createdAt"));
        assertEquals(created.plus(Duration.ofHours(1)), java.time.Instant.parse(ticket.getString("sla.firstResponseDueAt")));
        assertEquals(created.plus(Duration.ofHours(48)), java.time.Instant.parse(ticket.getString("sla.resolutionDueAt")));
        given().auth().oauth2(adminToken).queryParam("kind", "ticket").when().get("/api/v1/customers/{id}/timeline", id)
                .then().statusCode(200).body("items[0].summary", equalTo("Complaint: Late delivery — new"));
    }

    @Test
    void aMergeThroughTheGatewayMovesTheTimelineAndAnUnmergeMovesItBack() {
        String survivor = create("{\"displayName\": \"Rita Rekey\"}");
        String merged = create("{\"displayName\": \"R. Rekey\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(adminToken).when().get("/api/v1/customers/{id}/timeline", merged)
                        .then().statusCode(200).body("items", hasSize(1)));

        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("{\"duplicateIds\": [\"" + merged + "\"]}")
                .when().post("/api/v1/customers/{id}/merge", survivor)
                .then().statusCode(200);
        given().auth().oauth2(adminToken).when().get("/api/v1/customers/{id}", merged)
                .then().statusCode(404).body("mergedInto", equalTo(survivor));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(adminToken).when().get("/api/v1/analytics/customers/{id}", merged)
                        .then().statusCode(404).body("mergedInto", equalTo(survivor)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(adminToken).when().get("/api/v1/customers/{id}/timeline", survivor)
                        .then().statusCode(200)
                        .body("items.type", org.hamcrest.Matchers.contains("customer.merged", "customer.created", "customer.created")));

        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("{\"customerId\": \"" + merged + "\"}")
                .when().post("/api/v1/customers/{id}/unmerge", survivor)
                .then().statusCode(200).body("displayName", equalTo("R. Rekey"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(adminToken).when().get("/api/v1/customers/{id}/timeline", merged)
                        .then().statusCode(200).body("items.type", org.hamcrest.Matchers.contains("customer.created")));
    }

    @Test
    void anErasureReachesEveryServiceAndTheRequestCompletes() {
        String id = create("{\"displayName\": \"Erin Erase\", \"emails\": [{\"address\": \"erin@example.com\"}]}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            given().auth().oauth2(adminToken).when().get("/api/v1/customers/{id}/timeline", id).then().statusCode(200);
            given().auth().oauth2(adminToken).when().get("/api/v1/analytics/customers/{id}", id).then().statusCode(200);
        });

        String location = given().auth().oauth2(adminToken).when().post("/api/v1/customers/{id}/erasure", id)
                .then().statusCode(202)
                .header("Location", startsWith("http://127.0.0.1:" + RestAssured.port + "/api/v1/erasure-requests/"))
                .extract().header("Location");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(adminToken).when().get(location)
                        .then().statusCode(200)
                        .body("status", equalTo("completed"))
                        .body("services.customer-service", equalTo("completed"))
                        .body("services.interaction-service", equalTo("completed"))
                        .body("services.analytics-service", equalTo("completed")));
        given().auth().oauth2(adminToken).when().get("/api/v1/customers/{id}", id).then().statusCode(404);
        given().auth().oauth2(adminToken).when().get("/api/v1/customers/{id}/timeline", id).then().statusCode(404);
        given().auth().oauth2(adminToken).when().get("/api/v1/analytics/customers/{id}", id).then().statusCode(404);
    }

    private static String create(String body) {
        return given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
    }

    @Test
    void theGatewayServesOneOpenApiDocumentForTheSuite() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.keySet()", org.hamcrest.Matchers.hasItems("/api/v1/customers", "/api/v1/customers/{id}",
                        "/api/v1/customers/batch-upsert", "/api/v1/orders/by-external-id/{source}/{externalId}",
                        "/api/v1/customers/{id}/timeline", "/api/v1/analytics/customers/{id}", "/api/v1/changes",
                        "/api/v1/customers/{id}/merge", "/api/v1/customers/{id}/history", "/api/v1/analytics/customers",
                        "/api/v1/analytics/models/fits", "/api/v1/analytics/models/fits/{id}/scores", "/api/v1/interactions",
                        "/api/v1/follow-ups", "/api/v1/follow-ups/{id}", "/api/v1/follow-up-rules", "/api/v1/teams",
                        "/api/v1/messages/{id}/outcome", "/api/v1/tickets", "/api/v1/tickets/{id}/comments", "/api/v1/sla-policies",
                        "/api/v1/business-calendars", "/api/v1/surveys", "/api/v1/survey-responses", "/api/v1/satisfaction/summary",
                        "/api/v1/customers/{id}/plans/{year}", "/api/v1/customers/{id}/overview", "/api/v1/analytics/rescoring-jobs",
                        "/api/v1/analytics/reports/segments", "/api/v1/analytics/reports/annual/{year}",
                        "/api/v1/analytics/reports/customers/{id}/annual/{year}"));
    }

    /**
     * Customers keep being created while the broker is killed and restarted. Every one of them must reach
     * the analytics projection and the timeline exactly once.
     */
    @Test
    void aKafkaOutageLosesNoEventAndDuplicatesNone() throws Exception {
        List<String> created = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = Thread.ofPlatform().name("customer-writer").start(() -> {
            while (writing.get()) {
                var response = given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                        .body(Map.of("displayName", "Outage " + UUID.randomUUID()))
                        .when().post("/api/v1/customers");
                if (response.statusCode() == 201) {
                    created.add(response.path("id"));
                } else {
                    failures.incrementAndGet();
                }
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> created.size() >= 20);
        suite.kill(Suite.KAFKA);
        long outageStarted = System.nanoTime();
        int beforeOutage = created.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> created.size() >= beforeOutage + 30);
        suite.launch(Suite.KAFKA);
        int duringOutage = created.size() - beforeOutage;
        double outageSeconds = (System.nanoTime() - outageStarted) / 1e9;
        await().atMost(Duration.ofSeconds(30)).until(() -> created.size() >= beforeOutage + 60);
        writing.set(false);
        writer.join();

        List<String> ids = List.copyOf(created);
        assertEquals(0, failures.get(), "creating customers does not need the broker");
        long catchUpStarted = System.nanoTime();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> count("analytics", "select count(*) from customer_projection where customer_id = any(?)", ids) == ids.size());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> count("interaction", "select count(*) from timeline_entry where customer_id = any(?)", ids) == ids.size());

        System.out.printf("Kafka outage: %d customers created, %d of them during the %.1f s the broker was down; "
                + "all in analytics and on the timeline %.1f s after writing stopped%n",
                ids.size(), duringOutage, outageSeconds, (System.nanoTime() - catchUpStarted) / 1e9);
        assertEquals(0, count("analytics", "select count(*) from customer_projection where customer_id = any(?) and events_applied <> 1", ids),
                "each creation applied exactly once");
        assertEquals(ids.size(), count("customer", "select count(*) from outbox where aggregateid = any(?::text[]) and published_at is not null", ids),
                "every outbox row was published");
    }

    private static long count(String database, String sql, List<String> ids) throws SQLException {
        try (Connection c = DriverManager.getConnection(suite.jdbcUrl(database), PostgresServer.USER, "");
             var s = c.prepareStatement(sql)) {
            boolean text = sql.contains("::text[]");
            s.setArray(1, c.createArrayOf(text ? "text" : "uuid", text ? ids.toArray() : ids.stream().map(UUID::fromString).toArray()));
            var rs = s.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aSignedShopifyOrderSentToTheGatewaysRootBecomesAnOrderAndItsCustomer() throws Exception {
        String integrator = new DevTokens(suite.keys()).forRole("integrator");
        String domain = "store-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
        String secret = "shpss_" + UUID.randomUUID();
        String shopId = given().auth().oauth2(integrator).contentType(ContentType.JSON)
                .body("{\"platform\": \"shopify\", \"domain\": \"" + domain + "\", \"webhookSecret\": \"" + secret + "\"}")
                .when().post("/api/v1/integrations/shops")
                .then().statusCode(201)
                .body("webhookUrl", equalTo("http://127.0.0.1:" + RestAssured.port + "/webhooks/shopify"))
                .extract().path("id");
        String order = """
                {"id": 450789469, "created_at": "2026-03-01T10:00:00-05:00", "updated_at": "2026-03-01T10:05:00-05:00",
                 "currency": "EUR", "financial_status": "paid", "fulfillment_status": null, "total_price": "59.80",
                 "total_discounts": "0.00", "source_name": "web",
                 "customer": {"id": 207119551, "email": "%s", "first_name": "Ann", "last_name": "Lee",
                              "updated_at": "2026-03-01T09:00:00-05:00"},
                 "line_items": [{"sku": "TEA-1", "title": "Green tea", "quantity": 2, "price": "29.90"}]}"""
                .formatted("ann-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = java.util.Base64.getEncoder().encodeToString(mac.doFinal(order.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        given().contentType(ContentType.JSON).body(order.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .header("X-Shopify-Topic", "orders/paid").header("X-Shopify-Shop-Domain", domain)
                .header("X-Shopify-Hmac-Sha256", signature).header("X-Shopify-Event-Id", UUID.randomUUID().toString())
                .when().post("/webhooks/shopify")
                .then().statusCode(200).body("status", equalTo("accepted"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(integrator)
                .when().get("/api/v1/orders/by-external-id/shopify:" + domain + "/450789469")
                .then().statusCode(200).body("status", equalTo("paid")).body("total", equalTo("59.80")));
        given().auth().oauth2(integrator).when().get("/api/v1/customers/by-external-id/shopify:" + domain + "/207119551")
                .then().statusCode(200).body("displayName", equalTo("Ann Lee"));
        given().auth().oauth2(integrator).queryParam("shopId", shopId).when().get("/api/v1/integrations/deliveries")
                .then().statusCode(200).body("items[0].status", equalTo("processed")).body("items[0].topic", equalTo("orders/paid"));
    }

    @Test
    void crmImportUploadsAFileThroughTheGatewayAndImportsItOnce() throws Exception {
        String source = "e2e-import-" + UUID.randomUUID().toString().substring(0, 8);
        Path file = Files.createTempFile(Path.of("target"), "customers", ".ndjson");
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 1500; i++) {
            rows.append("{\"displayName\": \"Imported ").append(i).append("\", \"externalIds\": [{\"source\": \"").append(source)
                    .append("\", \"externalId\": \"").append(i).append("\"}]}\n");
        }
        rows.append("{\"displayName\": \"\"}\n");
        Files.writeString(file, rows);
        // the refused row makes the command report a completed job with one refusal, and write it down
        assertEquals(0, io.clientbook.devstack.launcher.Crm.importFile(suite, List.of(file.toString())));
        assertTrue(Files.readString(file.resolveSibling(file.getFileName() + ".errors.ndjson")).startsWith("{\"line\":1501,"));
        given().auth().oauth2(adminToken).when().get("/api/v1/customers/by-external-id/" + source + "/1500")
                .then().statusCode(200).body("displayName", equalTo("Imported 1500"));
        // the same file again is the same job: nothing imported twice
        assertEquals(0, io.clientbook.devstack.launcher.Crm.importFile(suite, List.of(file.toString())));
        int count = 0;
        String cursor = "";
        do {
            var page = given().auth().oauth2(adminToken).queryParam("source", source).queryParam("limit", 200).queryParam("cursor", cursor)
                    .when().get("/api/v1/customers").then().statusCode(200).extract().jsonPath();
            count += page.getList("items").size();
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(1500, count);
    }
}
