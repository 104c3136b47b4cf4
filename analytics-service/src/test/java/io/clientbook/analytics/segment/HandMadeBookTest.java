package io.clientbook.analytics.segment;

import io.clientbook.analytics.OrderEvents;
import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.devstack.testing.TopicProbe;
import io.clientbook.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A book of ten buying customers and a prospect, made so that every class is known by hand (the arithmetic is
 * in the comments): the book is emptied first, loaded through the broker, and classified by a rescoring job; the
 * reports are checked against the purchase rows in the database.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HandMadeBookTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final Map<String, UUID> book = new LinkedHashMap<>();

    /**
     * name: days since the last purchase, purchases (a week apart), spend each. Sorted, the book's quintile cut
     * points (the 2nd, 4th, 6th and 8th value of ten) are: days 10, 30, 80, 200; purchases 1, 2, 3, 5; spend 40,
     * 120, 300, 900. Revenue 5,740: from the top, 2000, 1500, 900 and 600 start below 80% (A), 300 and 200 below
     * 95% (B), the rest C.
     */
    private static final Object[][] CUSTOMERS = {
            {"c1", 5, 8, 250},   // R5 F5 M5 (2000)
            {"c2", 10, 1, 50},   // R5 F1 M2
            {"c3", 20, 5, 180},  // R4 F4 M4 (900)
            {"c4", 30, 2, 60},   // R4 F2 M2 (120)
            {"c5", 50, 1, 30},   // R3 F1 M1
            {"c6", 80, 3, 100},  // R3 F3 M3 (300)
            {"c7", 120, 6, 250}, // R2 F5 M5 (1500)
            {"c8", 200, 1, 40},  // R2 F1 M1
            {"c9", 300, 4, 150}, // R1 F4 M4 (600)
            {"c10", 400, 2, 100} // R1 F2 M3 (200), no purchase for 400 days
    };

    private static String manager() {
        return EmbeddedStack.get().tokens().forRole("manager");
    }

    @BeforeEach
    void loadTheBook() throws SQLException {
        if (!book.isEmpty()) {
            return;
        }
        try (Connection db = DriverManager.getConnection(EmbeddedStack.get().jdbcUrl("analytics"), "postgres", "");
             Statement sql = db.createStatement()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                try (var rows = sql.executeQuery("select count(*) from rescoring_job where state in ('queued', 'running')")) {
                    rows.next();
                    return rows.getLong(1) == 0;
                }
            });
            sql.execute("truncate customer_projection, purchase, customer_alias, customer_score, model_fit, customer_class, "
                    + "class_basis, class_change, rescoring_job, customer_year, customer_activity");
        }
        try (OrderEvents events = new OrderEvents()) {
            for (Object[] c : CUSTOMERS) {
                UUID id = events.customer(TODAY.minusYears(3) + "T08:00:00Z", "dev-sales", "book", (String) c[0]);
                book.put((String) c[0], id);
                int days = (Integer) c[1];
                for (int i = 0; i < (Integer) c[2]; i++) {
                    events.order(id, TODAY.minusDays(days + 7L * i) + "T12:00:00Z", "paid", "USD", c[3] + ".00");
                }
            }
            book.put("prospect", events.customer(TODAY.minusDays(3) + "T08:00:00Z", "someone-else", "book", "prospect"));
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                java.util.Arrays.stream(CUSTOMERS).allMatch(c -> {
                    var response = given().auth().oauth2(manager()).get("/api/v1/analytics/customers/{id}", book.get((String) c[0]));
                    return response.statusCode() == 200 && response.jsonPath().getInt("purchaseCount") == (Integer) c[2];
                }));
        rescore();
    }

    private static JsonPath rescore() {
        String location = given().auth().oauth2(manager()).contentType(ContentType.JSON).body("{\"refit\": false}")
                .when().post("/api/v1/analytics/rescoring-jobs")
                .then().statusCode(202).header("Location", startsWith("http://")).extract().header("Location");
        String path = location.substring(location.indexOf("/api/"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                "completed".equals(given().auth().oauth2(manager()).get(path).jsonPath().getString("state")));
        return given().auth().oauth2(manager()).get(path).jsonPath();
    }

    /** Payloads come back from jsonb with a space after each colon. */
    private static String compact(String json) {
        return json.replace(" ", "");
    }

    private static JsonPath customer(String name) {
        return given().auth().oauth2(manager()).when().get("/api/v1/analytics/customers/{id}", book.get(name))
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    @Order(1)
    void everyCustomerLandsInTheClassesWorkedOutByHand() {
        // name, R, F, M, segment, ABC, tier, stage
        Object[][] expected = {
                {"c1", 5, 5, 5, "champions", "a", "vip", "loyal"},
                {"c2", 5, 1, 2, "new", "c", "potential", "new"},
                {"c3", 4, 4, 4, "champions", "a", "regular", "loyal"},         // M4 = medium: not vip
                {"c4", 4, 2, 2, "potential-loyalist", "c", "potential", "repeat"},
                {"c5", 3, 1, 1, "about-to-sleep", "c", "potential", "new"},
                {"c6", 3, 3, 3, "loyal", "b", "regular", "repeat"},
                {"c7", 2, 5, 5, "cannot-lose-them", "a", "vip", "loyal"},
                {"c8", 2, 1, 1, "hibernating", "c", "potential", "new"},
                {"c9", 1, 4, 4, "cannot-lose-them", "a", "regular", "loyal"},  // before at-risk: first match wins
                {"c10", 1, 2, 3, "lost", "b", "regular", "churned"}};
        for (Object[] e : expected) {
            JsonPath c = customer((String) e[0]);
            String who = (String) e[0];
            assertEquals(e[1], c.getInt("rfm.recency"), who + " R");
            assertEquals(e[2], c.getInt("rfm.frequency"), who + " F");
            assertEquals(e[3], c.getInt("rfm.monetary"), who + " M");
            assertEquals(e[4], c.getString("segment.value"), who + " segment");
            assertEquals(e[5], c.getString("abc.value"), who + " ABC");
            assertEquals(e[6], c.getString("tier.value"), who + " tier");
            assertEquals(e[7], c.getString("lifecycleStage.value"), who + " stage");
        }
        JsonPath c1 = customer("c1");
        assertEquals("champions: R 4-5, F 4-5, M 4-5", c1.getString("segment.rule"));
        assertEquals("vip: monetary high, frequency high or medium (monetary high, M 5; frequency high, F 5)", c1.getString("tier.rule"));
        assertEquals("loyal: 4 purchases or more", c1.getString("lifecycleStage.rule"));
        assertTrue(c1.getString("abc.rule").startsWith("A: 2,000.00 USD spent; A from 600.00 USD"), c1.getString("abc.rule"));
        assertTrue(c1.getString("rfm.rule").startsWith("R 5: last purchase 5 days ago (R 5 = up to 10 days)"), c1.getString("rfm.rule"));

        JsonPath prospect = customer("prospect");
        assertNull(prospect.get("rfm"));
        assertNull(prospect.get("segment"));
        assertNull(prospect.get("tier.value"));
        assertEquals("prospect", prospect.getString("lifecycleStage.value"));
    }

    @Test
    @Order(2)
    void reportsAgreeWithTheOrdersAndComeAsCsvAndValidSvg() throws Exception {
        sendRelationshipFacts();
        double ordered = sql("select sum(amount) from purchase where counts");
        assertEquals(5740, ordered, 0.001, "the book as sent");

        JsonPath segments = report("segments");
        assertEquals(5740, segments.getDouble("revenue"), 0.001);
        assertEquals(11, segments.getInt("customers"));
        assertEquals(2, segments.getInt("items.find { it.name == 'champions' }.customers"));
        assertEquals(2900, segments.getDouble("items.find { it.name == 'champions' }.revenue"), 0.001);
        assertEquals(1, segments.getInt("items.find { it.name == 'none' }.customers"));
        JsonPath tiers = report("tiers");
        assertEquals(3500, tiers.getDouble("items.find { it.name == 'vip' }.revenue"), 0.001);
        assertEquals(2000, tiers.getDouble("items.find { it.name == 'regular' }.revenue"), 0.001);
        assertEquals(240, tiers.getDouble("items.find { it.name == 'potential' }.revenue"), 0.001);
        JsonPath abc = report("abc");
        assertEquals(5000, abc.getDouble("items.find { it.name == 'a' }.revenue"), 0.001);
        assertEquals(500, abc.getDouble("items.find { it.name == 'b' }.revenue"), 0.001);
        assertEquals(240, abc.getDouble("items.find { it.name == 'c' }.revenue"), 0.001);
        assertEquals(600, abc.getDouble("floors.a"), 0.001);
        double shares = abc.getList("items.revenueShare", Float.class).stream().mapToDouble(Float::doubleValue).sum();
        assertEquals(1, shares, 1e-4);

        String csv = given().auth().oauth2(manager()).accept("text/csv").get("/api/v1/analytics/reports/segments")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals("segment,customers,customerShare,revenue,revenueShare", lines[0]);
        double csvRevenue = java.util.Arrays.stream(lines).skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[3])).sum();
        assertEquals(5740, csvRevenue, 0.001);

        for (String chart : List.of("segments", "tiers", "abc", "churn", "cohorts", "clv", "satisfaction")) {
            String svg = given().auth().oauth2(manager()).accept("image/svg+xml").get("/api/v1/analytics/reports/" + chart)
                    .then().statusCode(200).contentType(startsWith("image/svg+xml")).extract().asString();
            var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var document = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertEquals("svg", document.getDocumentElement().getLocalName(), chart);
            assertEquals("http://www.w3.org/2000/svg", document.getDocumentElement().getNamespaceURI(), chart);
            if (chart.equals("segments")) {
                assertEquals(12, document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").getLength() - 1,
                        "one bar per segment and one for none, besides the background");
            }
        }
        given().auth().oauth2(manager()).accept("application/pdf").get("/api/v1/analytics/reports/segments")
                .then().statusCode(406);

        // churn: c10's last purchase was 400 days ago, so its 365-day window ran out 35 days ago
        String lapseMonth = java.time.YearMonth.from(TODAY.minusDays(35)).toString();
        JsonPath churn = report("churn");
        assertEquals(1, churn.getInt("items.find { it.month == '" + lapseMonth + "' }.churned"));
        assertEquals(sql("select count(distinct customer_id) from purchase where counts and placed_at < '" + TODAY.withDayOfMonth(1)
                        + "' and placed_at >= cast('" + TODAY.withDayOfMonth(1) + "' as date) - 365"),
                churn.getDouble("items.find { it.month == '" + java.time.YearMonth.from(TODAY) + "' }.activeAtStart"), 0.001);
        JsonPath cohorts = given().auth().oauth2(manager()).queryParam("from", java.time.YearMonth.from(TODAY.minusDays(54)).toString())
                .get("/api/v1/analytics/reports/cohorts").then().statusCode(200).extract().jsonPath();
        assertEquals(1.0, cohorts.getDouble("items[0].retention[0]"), 1e-9);
        given().auth().oauth2(manager()).queryParam("from", "2026-13").get("/api/v1/analytics/reports/churn")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));

        // satisfaction this month: NPS answers 10 and 3 give 0; CSAT 5 gives 100%
        String month = java.time.YearMonth.from(TODAY).toString();
        await().atMost(Duration.ofSeconds(30)).until(() -> report("satisfaction").getInt("items.find { it.month == '" + month + "' }.npsResponses") == 2);
        JsonPath satisfaction = report("satisfaction");
        assertEquals(0.0, satisfaction.getDouble("items.find { it.month == '" + month + "' }.nps"), 1e-9);
        assertEquals(100.0, satisfaction.getDouble("items.find { it.month == '" + month + "' }.csat"), 1e-9);

        // c1's year: its eight orders, the relationship facts sent above, its tier history
        int year = TODAY.getYear();
        JsonPath c1 = given().auth().oauth2(manager()).get("/api/v1/analytics/reports/customers/{id}/annual/{year}", book.get("c1"), year)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(sql("select count(*) from purchase where customer_id = '" + book.get("c1") + "' and placed_at >= '" + year + "-01-01'"),
                c1.getDouble("orders.count"), 0.001);
        assertEquals(sql("select sum(amount) from purchase where customer_id = '" + book.get("c1") + "' and placed_at >= '" + year + "-01-01'"),
                c1.getDouble("orders.spend"), 0.001);
        assertEquals(2, c1.getInt("interactions.total"));
        assertEquals(1, c1.getInt("interactions.byChannel.phone"));
        assertEquals(1, c1.getInt("tickets.opened"));
        assertEquals(1, c1.getInt("tickets.resolved"));
        assertEquals(0, c1.getInt("tickets.resolvedWithinSla"));
        assertEquals(1, c1.getInt("tickets.slaBreaches"));
        assertEquals("vip", c1.getString("tierAtYearEnd"));
        assertEquals("vip", c1.getString("tierHistory[-1].to"));
        String seller = EmbeddedStack.get().tokens().forRole("sales"); // dev-sales owns the book but the prospect
        given().auth().oauth2(seller).get("/api/v1/analytics/reports/customers/{id}/annual/{year}", book.get("c1"), year)
                .then().statusCode(200);
        given().auth().oauth2(seller).get("/api/v1/analytics/reports/customers/{id}/annual/{year}", book.get("prospect"), year)
                .then().statusCode(404);

        JsonPath yearReport = given().auth().oauth2(manager()).get("/api/v1/analytics/reports/annual/{year}", year)
                .then().statusCode(200).extract().jsonPath();
        String yearStart = year + "-01-01";
        String previousStart = (year - 1) + "-01-01";
        assertEquals(sql("select sum(amount) from purchase where counts and placed_at >= '" + yearStart + "'"),
                yearReport.getDouble("revenue.total"), 0.001);
        assertEquals(sql("select sum(amount) from purchase where counts and placed_at >= '" + previousStart + "' and placed_at < '" + yearStart + "'"),
                yearReport.getDouble("revenue.previousYear"), 0.001);
        assertEquals(sql("select count(distinct customer_id) from purchase where counts and placed_at >= '" + yearStart + "'"),
                yearReport.getDouble("customers.active"), 0.001);
        assertEquals(sql("select count(*) from (select customer_id from purchase where counts group by 1 having min(placed_at) >= '" + yearStart + "') n"),
                yearReport.getDouble("customers.newCustomers"), 0.001);
        double byTier = yearReport.getList("revenue.byTier.revenue", Float.class).stream().mapToDouble(Float::doubleValue).sum();
        assertEquals(yearReport.getDouble("revenue.total"), byTier, 0.01);
        assertEquals(book.get("c1").toString(), yearReport.getString("topCustomers[0].customerId"));
        given().auth().oauth2(manager()).get("/api/v1/analytics/reports/annual/{year}", "20x6")
                .then().statusCode(400).body("errors[0].field", equalTo("year"));
        String bookCsv = given().auth().oauth2(manager()).accept("text/csv").get("/api/v1/analytics/reports/annual/{year}", year)
                .then().statusCode(200).extract().asString();
        assertTrue(bookCsv.startsWith("section,name,value,count\r\ncustomers,active,"), bookCsv);
    }

    /** Two calls (one by phone), a ticket resolved late after an SLA breach, NPS 10 and 3 and CSAT 5 for c1. */
    private static void sendRelationshipFacts() {
        UUID c1 = book.get("c1");
        String now = TODAY + "T08:00:00Z";
        UUID ticket = UUID.randomUUID();
        try (var sender = new io.clientbook.devstack.testing.CloudEventSender(EmbeddedStack.get().bootstrapServers())) {
            java.util.function.BiConsumer<String, String> send = (type, json) ->
                    sender.send(Topics.INTERACTIONS, c1.toString(), UUID.randomUUID(), "clientbook." + type + ".v1", json);
            send.accept("interaction.logged", "{\"interactionId\":\"%s\",\"customerId\":\"%s\",\"channel\":\"phone\",\"direction\":\"outbound\",\"occurredAt\":\"%s\"}"
                    .formatted(UUID.randomUUID(), c1, now));
            send.accept("interaction.logged", "{\"interactionId\":\"%s\",\"customerId\":\"%s\",\"channel\":\"email\",\"direction\":\"inbound\",\"occurredAt\":\"%s\"}"
                    .formatted(UUID.randomUUID(), c1, now));
            send.accept("ticket.opened", "{\"ticketId\":\"%s\",\"customerId\":\"%s\",\"type\":\"complaint\",\"priority\":\"normal\",\"openedAt\":\"%s\",\"resolutionDueAt\":\"%s\"}"
                    .formatted(ticket, c1, now, now));
            send.accept("sla.breached", "{\"ticketId\":\"%s\",\"customerId\":\"%s\",\"target\":\"resolution\",\"dueAt\":\"%s\",\"priority\":\"high\",\"at\":\"%s\"}"
                    .formatted(ticket, c1, now, now));
            send.accept("ticket.resolved", "{\"ticketId\":\"%s\",\"customerId\":\"%s\",\"type\":\"complaint\",\"priority\":\"high\",\"resolutionBreached\":true,\"openedAt\":\"%s\",\"resolvedAt\":\"%s\"}"
                    .formatted(ticket, c1, now, now));
            for (int[] answer : new int[][] {{10, 0}, {3, 0}, {5, 1}}) {
                send.accept("survey.responded", "{\"responseId\":\"%s\",\"surveyId\":\"%s\",\"kind\":\"%s\",\"customerId\":\"%s\",\"score\":%d,\"detractor\":false,\"respondedAt\":\"%s\"}"
                        .formatted(UUID.randomUUID(), UUID.randomUUID(), answer[1] == 0 ? "nps" : "csat", c1, answer[0], now));
            }
        }
    }

    private static JsonPath report(String name) {
        return given().auth().oauth2(manager()).get("/api/v1/analytics/reports/" + name).then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath();
    }

    private static double sql(String query) throws SQLException {
        try (Connection db = DriverManager.getConnection(EmbeddedStack.get().jdbcUrl("analytics"), "postgres", "");
             Statement statement = db.createStatement(); var rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getDouble(1);
        }
    }

    @Test
    @Order(4)
    void aChurnedCustomerWhoBuysAgainIsWonBackAndOnlyChangesArePublished() {
        try (TopicProbe analytics = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.ANALYTICS);
             OrderEvents events = new OrderEvents()) {
            UUID c10 = book.get("c10");
            events.order(c10, TODAY + "T09:00:00Z", "paid", "USD", "100.00");
            var won = analytics.await(r -> r.key().equals(c10.toString()) && compact(r.value()).contains("\"stage\":\"won-back\""),
                    Duration.ofSeconds(30));
            assertTrue(compact(won.value()).contains("\"previousStage\":\"churned\""), won.value());
            given().auth().oauth2(manager()).get("/api/v1/analytics/customers/{id}", c10).then()
                    .body("lifecycleStage.value", equalTo("won-back"))
                    .body("rfm.recency", equalTo(5))          // today: within the 10 days of R 5
                    .body("segment.value", equalTo("loyal")); // R5 F3 (3 purchases) M3 (300)

            // a second job over an unchanged book publishes nothing about the customers that did not change
            int before = analytics.drain(Duration.ofSeconds(1)).size();
            JsonPath job = rescore();
            assertEquals(job.getLong("total"), job.getLong("processed"));
            List<ConsumerRecord<String, String>> all = analytics.drain(Duration.ofSeconds(2));
            List<String> about = all.subList(before, all.size()).stream().map(ConsumerRecord::key).toList();
            assertFalse(about.contains(book.get("c1").toString()), "c1 did not change: " + about);
        }
    }

    @Test
    @Order(3)
    void aTierPinnedByHandIsKeptAndNotPublished() {
        UUID c5 = book.get("c5");
        try (TopicProbe analytics = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.ANALYTICS);
             OrderEvents events = new OrderEvents()) {
            int before = analytics.drain(Duration.ofSeconds(1)).size();
            events.raw(c5.toString(), "clientbook.customer.updated.v1", """
                    {"customerId":"%s","changes":[{"field":"tier","oldValue":"potential","newValue":"vip"},
                     {"field":"tierPinned","oldValue":false,"newValue":true}],"version":9,"updatedAt":"%sT10:00:00Z"}"""
                    .formatted(c5, TODAY));
            await().atMost(Duration.ofSeconds(30)).until(() -> customer("c5").getBoolean("tier.pinned"));
            JsonPath pinned = customer("c5");
            assertEquals("vip", pinned.getString("tier.value"));
            assertEquals("potential", pinned.getString("tier.computed"));
            assertTrue(pinned.getString("tier.rule").startsWith("pinned by hand"), pinned.getString("tier.rule"));

            events.order(c5, TODAY + "T09:30:00Z", "paid", "USD", "2000.00"); // would make it vip by the rules anyway
            await().atMost(Duration.ofSeconds(30)).until(() -> customer("c5").getInt("purchaseCount") == 2);
            assertEquals("vip", customer("c5").getString("tier.value"));
            analytics.drain(Duration.ofSeconds(2));
            var after = analytics.seen().subList(before, analytics.seen().size());
            assertTrue(after.stream().anyMatch(r -> r.key().equals(c5.toString())), "the order moved c5's other classes");
            assertTrue(after.stream().noneMatch(r -> r.key().equals(c5.toString()) && compact(r.value()).contains("\"tier\":")),
                    "no tier event for a pinned tier");
        }
    }

    @Test
    @Order(5)
    void onlyManagersAndAdminsStartJobsAndUnknownJobsAre404() {
        given().auth().oauth2(EmbeddedStack.get().tokens().forRole("sales")).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/analytics/rescoring-jobs").then().statusCode(403);
        given().auth().oauth2(manager()).when().get("/api/v1/analytics/rescoring-jobs/{id}", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(manager()).contentType(ContentType.JSON).body("{\"refit\": \"sometimes\"}")
                .when().post("/api/v1/analytics/rescoring-jobs").then().statusCode(400).contentType("application/problem+json");
    }
}
