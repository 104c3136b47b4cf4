package io.clientbook.analytics.score;

import io.clientbook.analytics.OrderEvents;
import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.devstack.testing.TopicProbe;
import io.clientbook.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fits and scores through the API on purchases that arrived as events: 300 customers of a 2025 cohort whose
 * purchases follow the BG/NBD story (each buys at their own rate until they drop out after a purchase).
 */
@QuarkusTest
class FitsAndScoresTest {

    private static final int CUSTOMERS = 300;
    private static final String CALIBRATION_END = "2025-09-30";
    private static final List<UUID> cohort = new ArrayList<>();
    private static final Set<UUID> ownedBySales = new HashSet<>();
    private static final Map<UUID, Integer> ordersOf = new java.util.HashMap<>();

    private static String analyst() {
        return EmbeddedStack.get().tokens().forRole("analyst");
    }

    /** Once per class, but after Quarkus has started (RestAssured knows the port only then). */
    @BeforeEach
    void loadCohort() {
        if (!cohort.isEmpty()) {
            return;
        }
        Random random = new Random(7);
        LocalDate start = LocalDate.of(2025, 1, 1);
        try (OrderEvents events = new OrderEvents()) {
            for (int i = 0; i < CUSTOMERS; i++) {
                LocalDate first = start.plusDays(random.nextInt(84));
                String owner = i % 10 == 0 ? "dev-sales" : "someone-else";
                UUID customer = events.customer(first + "T08:00:00Z", owner, "cohort-2025", "K-" + i);
                cohort.add(customer);
                if (owner.equals("dev-sales")) {
                    ownedBySales.add(customer);
                }
                double rate = -Math.log(1 - random.nextDouble()) / 20; // purchases per day while alive
                double dropout = 0.15 + 0.5 * random.nextDouble();
                LocalDate day = first;
                events.order(customer, day + "T10:00:00Z", "paid", "USD", String.valueOf(10 + random.nextInt(40)));
                ordersOf.merge(customer, 1, Integer::sum);
                while (random.nextDouble() > dropout) {
                    day = day.plusDays(1 + (long) (-Math.log(1 - random.nextDouble()) / rate));
                    if (day.isAfter(LocalDate.of(2026, 6, 30))) {
                        break;
                    }
                    events.order(customer, day + "T10:00:00Z", "paid", "USD", String.valueOf(10 + random.nextInt(40)));
                    ordersOf.merge(customer, 1, Integer::sum);
                }
            }
        }
        // events are keyed by customer, so they spread over partitions: wait for every customer's every order
        Set<UUID> pending = new HashSet<>(cohort);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            pending.removeIf(customer -> {
                var response = given().auth().oauth2(analyst()).when().get("/api/v1/analytics/customers/{id}", customer);
                return response.statusCode() == 200 && response.jsonPath().getInt("purchaseCount") == ordersOf.get(customer);
            });
            return pending.isEmpty();
        });
    }

    private static JsonPath fit(String model) {
        return given().auth().oauth2(analyst()).contentType(ContentType.JSON)
                .body(Map.of("model", model, "calibrationEnd", CALIBRATION_END, "timeUnit", "weeks"))
                .when().post("/api/v1/analytics/models/fits")
                .then().statusCode(201)
                .header("Location", startsWith("http://"))
                .body("model", equalTo(model)).body("state", equalTo("completed"))
                .extract().jsonPath();
    }

    @Test
    void aFitIsStoredWithItsInputsAndAFitOfTheSameDataGivesTheSameEstimate() {
        JsonPath first = fit("bgnbd");
        assertEquals(CUSTOMERS, first.getInt("population"));
        assertTrue(first.getBoolean("converged"), "converged");
        assertTrue(first.getDouble("logLikelihood") < 0);
        assertEquals(Set.of("r", "alpha", "a", "b"), first.getMap("parameters").keySet());
        assertEquals(64, first.getString("inputs.summariesSha256").length());
        assertEquals("weeks", first.getString("timeUnit"));

        JsonPath second = fit("bgnbd");
        assertEquals(first.getInt("version") + 1, second.getInt("version"));
        assertEquals(first.getString("inputs.summariesSha256"), second.getString("inputs.summariesSha256"));
        assertEquals(first.getDouble("parameters.r"), second.getDouble("parameters.r"), 1e-9);

        given().auth().oauth2(analyst()).when().get("/api/v1/analytics/models/fits/{id}", first.getString("id"))
                .then().statusCode(200).body("parameters.alpha", equalTo(first.getFloat("parameters.alpha")));
        given().auth().oauth2(analyst()).when().get("/api/v1/analytics/models/fits/{id}", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badFitRequestsAreProblemsNamingTheField() {
        given().auth().oauth2(analyst()).contentType(ContentType.JSON)
                .body("{\"model\": \"arima\", \"calibrationEnd\": \"1997-09-30\"}")
                .when().post("/api/v1/analytics/models/fits")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("model"));
        given().auth().oauth2(analyst()).contentType(ContentType.JSON).body("{\"model\": \"bgnbd\"}")
                .when().post("/api/v1/analytics/models/fits")
                .then().statusCode(400).body("errors.field", hasItem("calibrationEnd"));
        given().auth().oauth2(analyst()).contentType(ContentType.JSON)
                .body("{\"model\": \"bgnbd\", \"calibrationEnd\": \"" + LocalDate.now(ZoneOffset.UTC).plusDays(2) + "\"}")
                .when().post("/api/v1/analytics/models/fits")
                .then().statusCode(400).body("errors.field", hasItem("calibrationEnd"));
        given().auth().oauth2(EmbeddedStack.get().tokens().forRole("sales")).contentType(ContentType.JSON)
                .body("{\"model\": \"bgnbd\", \"calibrationEnd\": \"1997-09-30\"}")
                .when().post("/api/v1/analytics/models/fits")
                .then().statusCode(403);
    }

    @Test
    void scoresOfAFitCoverItsPopulationPageByPage() {
        String bgnbd = fit("bgnbd").getString("id");
        fit("gammagamma");
        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(analyst()).queryParam("limit", 100).queryParam("horizon", 26);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/v1/analytics/models/fits/{id}/scores", bgnbd)
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            for (Map<String, Object> item : items) {
                assertTrue(seen.add((String) item.get("customerId")), "each customer once");
                double pAlive = ((Number) item.get("pAlive")).doubleValue();
                assertTrue(pAlive >= 0 && pAlive <= 1, "P(alive) is a probability");
                if (((Number) item.get("x")).intValue() == 0) {
                    assertEquals(1.0, pAlive, 0, "BG/NBD: no repeat purchase means alive");
                }
                double expected = ((Number) item.get("expectedPurchases")).doubleValue();
                double spend = ((Number) item.get("expectedAverageSpend")).doubleValue();
                assertEquals(expected * spend, ((Number) item.get("clv")).doubleValue(), 1e-5 * Math.max(1, expected * spend));
                assertTrue(Set.of("low", "medium", "high").contains((String) item.get("churnLevel")));
                assertTrue(!((List<?>) item.get("reasons")).isEmpty(), "every score says why");
                assertNotNull(item.get("T"));
                @SuppressWarnings("unchecked")
                List<Map<String, String>> ids = (List<Map<String, String>>) item.get("externalIds");
                assertEquals("cohort-2025", ids.getFirst().get("source"));
            }
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(CUSTOMERS, seen.size());

        given().auth().oauth2(analyst()).queryParam("horizon", -1)
                .when().get("/api/v1/analytics/models/fits/{id}/scores", bgnbd)
                .then().statusCode(400).body("errors.field", hasItem("horizon"));
        given().auth().oauth2(analyst()).queryParam("cursor", "nonsense")
                .when().get("/api/v1/analytics/models/fits/{id}/scores", bgnbd)
                .then().statusCode(400).body("errors.field", hasItem("cursor"));
    }

    @Test
    void currentScoresFollowTheLatestFitsAndLevelChangesArePublished() {
        try (TopicProbe analytics = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.ANALYTICS)) {
            fit("bgnbd");
            fit("gammagamma");
            UUID someone = cohort.get(3);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    given().auth().oauth2(analyst()).when().get("/api/v1/analytics/customers/{id}", someone)
                            .then().statusCode(200)
                            .body("scores.churnLevel", notNullValue())
                            .body("scores.models.purchase.model", equalTo("bgnbd"))
                            .body("scores.models.spend.model", equalTo("gammagamma"))
                            .body("scores.currency", equalTo("USD")));
            analytics.await(r -> r.key().equals(someone.toString())
                    && r.value().contains("\"level\"") && r.value().contains("\"reasons\""), Duration.ofSeconds(30));
        }

        JsonPath risky = given().auth().oauth2(analyst()).queryParam("sort", "-churnRisk").queryParam("limit", 200)
                .when().get("/api/v1/analytics/customers").then().statusCode(200).extract().jsonPath();
        List<Float> risks = risky.getList("items.churnRisk", Float.class);
        for (int i = 1; i < risks.size(); i++) {
            assertTrue(risks.get(i - 1) >= risks.get(i), "sorted by churn risk, highest first");
        }
        given().auth().oauth2(analyst()).queryParam("churnLevel", "high")
                .when().get("/api/v1/analytics/customers").then().statusCode(200)
                .body("items.churnLevel.findAll { it != 'high' }.size()", equalTo(0));
        given().auth().oauth2(analyst()).queryParam("churnLevel", "doomed")
                .when().get("/api/v1/analytics/customers").then().statusCode(400).body("errors.field", hasItem("churnLevel"));

        // a sales user's call list holds only their own customers
        JsonPath mine = given().auth().oauth2(EmbeddedStack.get().tokens().forRole("sales")).queryParam("limit", 200)
                .when().get("/api/v1/analytics/customers").then().statusCode(200).extract().jsonPath();
        List<String> ids = mine.getList("items.customerId");
        assertTrue(!ids.isEmpty(), "the sales user owns some scored customers");
        ids.forEach(id -> assertTrue(ownedBySales.contains(UUID.fromString(id)), "only own customers"));
        assertTrue(Instant.now().isAfter(Instant.parse("2025-09-30T00:00:00Z")));
    }
}
