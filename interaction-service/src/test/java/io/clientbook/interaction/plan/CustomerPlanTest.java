package io.clientbook.interaction.plan;

import io.agroal.api.AgroalDataSource;
import io.clientbook.events.Topics;
import io.clientbook.interaction.care.CareEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.clientbook.interaction.care.CareEvents.token;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** An annual plan whose progress is counted from the year's real orders, interactions and survey answers. */
@QuarkusTest
class CustomerPlanTest {

    @Inject
    AgroalDataSource dataSource;

    private static void order(UUID customer, String placedAt, String status, String currency, String total) {
        CareEvents.send(Topics.CUSTOMERS, customer, UUID.randomUUID(), "clientbook.order.recorded.v1", "{\"orderId\":\"" + UUID.randomUUID()
                + "\",\"customerId\":\"" + customer + "\",\"source\":\"erp\",\"externalId\":\"" + UUID.randomUUID() + "\",\"placedAt\":\"" + placedAt
                + "\",\"status\":\"" + status + "\",\"currency\":\"" + currency + "\",\"total\":\"" + total + "\",\"lineItems\":[]}");
    }

    private static void contact(UUID customer, String channel, String at) {
        given().auth().oauth2(token("support")).contentType("application/json")
                .body("{\"customerId\":\"" + customer + "\",\"channel\":\"" + channel + "\",\"direction\":\"outbound\",\"occurredAt\":\"" + at + "\"}")
                .when().post("/api/v1/interactions").then().statusCode(201);
    }

    private static void answer(UUID customer, int score, String at) {
        given().auth().oauth2(token("integrator")).contentType("application/json")
                .body("{\"surveyId\":\"5e7e0000-0002-4000-8000-000000000002\",\"customerId\":\"" + customer + "\",\"score\":" + score
                        + ",\"respondedAt\":\"" + at + "\"}")
                .when().post("/api/v1/survey-responses").then().statusCode(201);
    }

    @Test
    void progressIsCountedFromTheYearsOrdersContactsAndAnswers() throws Exception {
        UUID customer = UUID.randomUUID();
        CareEvents.customerCreated(customer, "dev-sales", "vip", null, null, "[]");
        order(customer, "2026-02-10T10:00:00Z", "paid", "EUR", "100.00");
        order(customer, "2026-03-10T10:00:00Z", "cancelled", "EUR", "50.00");
        order(customer, "2026-04-10T10:00:00Z", "paid", "USD", "30.00");
        order(customer, "2025-12-31T23:59:59Z", "paid", "EUR", "200.00"); // another year
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (var c = dataSource.getConnection(); var s = c.prepareStatement("select count(*) from customer_order where customer_id = ?")) {
                s.setObject(1, customer);
                try (var rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == 4;
                }
            }
        });
        contact(customer, "visit", "2026-02-11T10:00:00Z");
        contact(customer, "phone", "2026-05-02T10:00:00Z");
        contact(customer, "meeting", "2026-08-02T10:00:00Z");
        answer(customer, 9, "2026-03-01T10:00:00Z");
        answer(customer, 7, "2026-06-01T10:00:00Z");

        String plan = """
                {"goals": {"revenue": {"amount": "1000.00", "currency": "EUR"}, "visits": 4, "satisfaction": {"kind": "nps", "minAverage": 8}},
                 "touches": [{"quarter": 1, "channel": "visit", "count": 2}, {"quarter": 2, "channel": "phone", "count": 3}],
                 "notes": "Key account"}""";
        given().auth().oauth2(token("sales")).contentType("application/json").body(plan)
                .when().put("/api/v1/customers/{id}/plans/2026", customer).then().statusCode(201).header("ETag", "\"0\"")
                .body("ownerId", equalTo("dev-sales"));
        JsonPath p = given().auth().oauth2(token("sales")).when().get("/api/v1/customers/{id}/plans/2026", customer)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(100.0, p.getDouble("progress.revenue.amount"));
        assertEquals(0.1, p.getDouble("progress.revenue.share"));
        assertEquals(1, p.getInt("progress.revenue.orders"));
        assertEquals("USD", p.getString("progress.revenue.otherCurrencies[0].currency"));
        assertEquals(30.0, p.getDouble("progress.revenue.otherCurrencies[0].amount"));
        assertEquals(2, p.getInt("progress.visits.done")); // a visit and a meeting
        assertEquals(0.5, p.getDouble("progress.visits.share"));
        assertEquals(1, p.getInt("progress.touches.find { it.quarter == 1 }.done"));
        assertEquals(1, p.getInt("progress.touches.find { it.quarter == 2 }.done"));
        assertEquals(2, p.getInt("progress.satisfaction.responses"));
        assertEquals(8.0, p.getDouble("progress.satisfaction.average"));
        assertEquals(7, p.getInt("progress.satisfaction.latest"));
        assertEquals(true, p.getBoolean("progress.satisfaction.met"));

        given().auth().oauth2(token("manager")).contentType("application/json").body(plan)
                .when().put("/api/v1/customers/{id}/plans/2026", customer).then().statusCode(428);
        given().auth().oauth2(token("manager")).contentType("application/json").header("If-Match", "\"0\"").body(plan)
                .when().put("/api/v1/customers/{id}/plans/2026", customer).then().statusCode(200).header("ETag", "\"1\"");
        given().auth().oauth2(token("manager")).contentType("application/json")
                .body("{\"goals\": {}, \"touches\": [{\"quarter\": 5, \"channel\": \"pigeon\", \"count\": 1}]}")
                .when().put("/api/v1/customers/{id}/plans/2027", customer).then().statusCode(400).body("errors.field", hasItem("touches[0].quarter"));
        given().auth().oauth2(token("manager")).when().get("/api/v1/customers/{id}/plans/2031", customer).then().statusCode(404);
        UUID someoneElses = UUID.randomUUID();
        CareEvents.customerCreated(someoneElses, "another-owner", null, null, null, "[]");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token("manager"))
                .when().get("/api/v1/customers/{id}/timeline", someoneElses).then().statusCode(200));
        given().auth().oauth2(token("sales")).contentType("application/json").body(plan)
                .when().put("/api/v1/customers/{id}/plans/2026", someoneElses).then().statusCode(404);
    }
}
