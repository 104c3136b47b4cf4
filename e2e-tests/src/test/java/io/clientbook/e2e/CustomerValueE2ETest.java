package io.clientbook.e2e;

import io.clientbook.devstack.auth.DevTokens;
import io.clientbook.devstack.infra.FreePorts;
import io.clientbook.devstack.launcher.Suite;
import io.clientbook.devstack.testing.CdnowPurchases;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The customer-value models on the public CDNOW sample, end to end: its 6,919 purchases go in as orders
 * through the gateway, customer-service publishes them, analytics-service projects them from the broker,
 * and fits and scores come back through the gateway. The estimates must match the published ones to three
 * decimals, and the churn risk must rank the customers who did not buy again in the next 39 weeks better
 * than the best single published-model signal (ROC AUC 0.779, from expected purchases).
 */
class CustomerValueE2ETest {

    private static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    private static final String SOURCE = "cdnow";

    private static Suite suite;
    private static String integrator;
    private static String analyst;
    /** master customer id -> purchase lines */
    private static Map<String, List<CdnowPurchases.Purchase>> purchases;

    @BeforeAll
    static void loadCdnowThroughTheApi() throws Exception {
        Path root = Path.of(System.getProperty("clientbook.root", "..")).toAbsolutePath().normalize();
        Path home = Files.createTempDirectory(root.resolve("e2e-tests/target"), "crm-home");
        int gatewayPort = FreePorts.pick();
        // one principal reads every customer's figures while waiting: quotas far above that, still counted
        System.setProperty("clientbook.suite.java-opts", "-Dgateway.rate-limits.reads.quota=1000000");
        suite = new Suite(root, home, "127.0.0.1", gatewayPort, line -> System.out.println("[suite] " + line));
        suite.start();
        System.clearProperty("clientbook.suite.java-opts");
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = gatewayPort;
        DevTokens tokens = new DevTokens(suite.keys());
        integrator = tokens.forRole("integrator");
        analyst = tokens.forRole("analyst");

        List<CdnowPurchases.Purchase> sample = CdnowPurchases.sample(root);
        purchases = sample.stream().collect(Collectors.groupingBy(CdnowPurchases.Purchase::customerId, LinkedHashMap::new, Collectors.toList()));
        assertEquals(2357, purchases.size());

        // customers first (by their CDNOW id as external id), then their orders, a thousand per batch
        Map<String, String> customerIds = new HashMap<>();
        List<String> masters = new ArrayList<>(purchases.keySet());
        for (int from = 0; from < masters.size(); from += 1000) {
            List<String> batch = masters.subList(from, Math.min(masters.size(), from + 1000));
            List<Map<String, Object>> items = batch.stream().map(m -> Map.<String, Object>of("displayName", "CDNOW customer " + m,
                    "externalIds", List.of(Map.of("source", SOURCE, "externalId", m)))).toList();
            List<String> ids = given().auth().oauth2(integrator).contentType(ContentType.JSON).body(Map.of("items", items))
                    .when().post("/api/v1/customers/batch-upsert")
                    .then().statusCode(207).extract().jsonPath().getList("results.id");
            for (int i = 0; i < batch.size(); i++) {
                customerIds.put(batch.get(i), ids.get(i));
            }
        }
        List<Map<String, Object>> orders = new ArrayList<>();
        int line = 0;
        for (CdnowPurchases.Purchase p : sample) {
            orders.add(Map.of("source", SOURCE, "externalId", p.customerId() + "-" + line++,
                    "customer", Map.of("id", customerIds.get(p.customerId())),
                    "placedAt", p.day() + "T12:00:00Z", "status", "paid", "currency", "USD", "total", p.dollars().toPlainString()));
        }
        for (int from = 0; from < orders.size(); from += 1000) {
            JsonPath results = given().auth().oauth2(integrator).contentType(ContentType.JSON)
                    .body(Map.of("items", orders.subList(from, Math.min(orders.size(), from + 1000))))
                    .when().post("/api/v1/orders/batch-upsert")
                    .then().statusCode(207).extract().jsonPath();
            assertEquals(List.of(), results.getList("results.findAll { it.status == 'error' }"), "every order accepted");
        }

        // the events travel customer-service -> broker -> analytics-service: wait until every order is there
        Map<String, Integer> expected = new HashMap<>();
        purchases.forEach((master, lines) -> expected.put(customerIds.get(master), lines.size()));
        Set<String> pending = new HashSet<>(expected.keySet());
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            pending.removeIf(id -> {
                Response r = given().auth().oauth2(analyst).when().get("/api/v1/analytics/customers/{id}", id);
                return r.statusCode() == 200 && r.jsonPath().getInt("purchaseCount") == expected.get(id);
            });
            return pending.isEmpty();
        });
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.stop();
        }
    }

    private static JsonPath fit(String model) {
        return given().auth().oauth2(analyst).contentType(ContentType.JSON)
                .body(Map.of("model", model, "calibrationEnd", CALIBRATION_END.toString(), "timeUnit", "weeks"))
                .when().post("/api/v1/analytics/models/fits")
                .then().statusCode(201).extract().jsonPath();
    }

    @Test
    void bgNbdReproducesThePublishedEstimates() {
        JsonPath fit = fit("bgnbd");
        assertEquals(2357, fit.getInt("population"));
        assertTrue(fit.getBoolean("converged"));
        assertEquals(0.243, fit.getDouble("parameters.r"), 0.0005);
        assertEquals(4.414, fit.getDouble("parameters.alpha"), 0.0005);
        assertEquals(0.793, fit.getDouble("parameters.a"), 0.0005);
        assertEquals(2.426, fit.getDouble("parameters.b"), 0.0005);
        assertEquals(-9582.4, fit.getDouble("logLikelihood"), 0.05);
    }

    @Test
    void paretoNbdReproducesThePublishedEstimates() {
        JsonPath fit = fit("paretonbd");
        assertTrue(fit.getBoolean("converged"));
        assertEquals(0.553, fit.getDouble("parameters.r"), 0.0005);
        assertEquals(10.578, fit.getDouble("parameters.alpha"), 0.0005);
        assertEquals(0.606, fit.getDouble("parameters.s"), 0.0005);
        assertEquals(11.669, fit.getDouble("parameters.beta"), 0.0005);
    }

    @Test
    void gammaGammaReproducesThePublishedEstimates() {
        JsonPath fit = fit("gammagamma");
        assertTrue(fit.getBoolean("converged"));
        assertEquals(946, fit.getInt("inputs.customersWithRepeatPurchases"));
        assertEquals(6.25, fit.getDouble("parameters.p"), 0.005);
        assertEquals(3.74, fit.getDouble("parameters.q"), 0.005);
        assertEquals(15.44, fit.getDouble("parameters.gamma"), 0.005);
    }

    @Test
    void churnRiskRanksTheLostCustomersBetterThanExpectedPurchasesAlone() {
        String fitId = fit("bgnbd").getString("id");
        fit("gammagamma");
        Map<String, Double> risk = new HashMap<>();
        Map<String, Double> expectedPurchases = new HashMap<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(analyst).queryParam("horizon", 39).queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/v1/analytics/models/fits/{id}/scores", fitId)
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            for (Map<String, Object> item : items) {
                @SuppressWarnings("unchecked")
                String master = ((List<Map<String, String>>) item.get("externalIds")).getFirst().get("externalId");
                risk.put(master, ((Number) item.get("churnRisk")).doubleValue());
                expectedPurchases.put(master, ((Number) item.get("expectedPurchases")).doubleValue());
            }
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(2357, risk.size());

        // churned: no purchase in the 39 weeks after the calibration end
        LocalDate holdoutEnd = CALIBRATION_END.plusWeeks(39);
        Map<String, Boolean> churned = new HashMap<>();
        purchases.forEach((master, lines) -> churned.put(master, lines.stream()
                .noneMatch(p -> p.day().isAfter(CALIBRATION_END) && !p.day().isAfter(holdoutEnd))));

        double riskAuc = auc(churned, risk::get);
        double expectedAuc = auc(churned, m -> -expectedPurchases.get(m));
        System.out.printf("CDNOW churn ROC AUC: churn risk %.4f, expected purchases alone %.4f%n", riskAuc, expectedAuc);
        assertTrue(riskAuc > 0.779, "churn risk AUC " + riskAuc + " beats the published 0.779");
        assertTrue(riskAuc > expectedAuc, "churn risk AUC " + riskAuc + " beats expected purchases alone " + expectedAuc);
    }

    /** ROC AUC of {@code score} for {@code positive} (ties count half): the Mann-Whitney statistic. */
    static double auc(Map<String, Boolean> positive, Function<String, Double> score) {
        List<String> ids = new ArrayList<>(positive.keySet());
        ids.sort(Comparator.comparing(score));
        double rankSum = 0;
        long positives = positive.values().stream().filter(b -> b).count();
        long negatives = ids.size() - positives;
        int i = 0;
        while (i < ids.size()) {
            int j = i;
            while (j + 1 < ids.size() && score.apply(ids.get(j + 1)).equals(score.apply(ids.get(i)))) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (positive.get(ids.get(k))) {
                    rankSum += averageRank;
                }
            }
            i = j + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
