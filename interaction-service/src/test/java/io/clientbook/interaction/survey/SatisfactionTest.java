package io.clientbook.interaction.survey;

import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.devstack.testing.TopicProbe;
import io.clientbook.events.Topics;
import io.clientbook.interaction.care.CareEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.clientbook.interaction.care.CareEvents.token;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Surveys, responses, the work detractors open, and summaries that add up. */
@QuarkusTest
class SatisfactionTest {

    private static final String CSAT = "5e7e0000-0001-4000-8000-000000000001";

    private static JsonPath respond(String survey, UUID customer, int score, String extra, String at) {
        return given().auth().oauth2(token("integrator")).contentType("application/json")
                .body("{\"surveyId\":\"" + survey + "\",\"customerId\":\"" + customer + "\",\"score\":" + score + ",\"respondedAt\":\"" + at + "\""
                        + extra + "}")
                .when().post("/api/v1/survey-responses").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void aDetractorAfterAComplaintOpensATicketOtherwiseACallbackForTheOwner() {
        UUID customer = UUID.randomUUID();
        CareEvents.customerCreated(customer, "u-owner-" + customer, null, null, null, "[]");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token("manager"))
                .when().get("/api/v1/customers/{id}/timeline", customer).then().statusCode(200));
        String complaint = given().auth().oauth2(token("support")).contentType("application/json")
                .body("{\"customerId\":\"" + customer + "\",\"type\":\"complaint\",\"channel\":\"email\",\"subject\":\"Wrong item\"}")
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("id");
        String now = Instant.now().toString();
        try (TopicProbe events = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.INTERACTIONS)) {
            JsonPath unhappy = respond(CSAT, customer, 1, ",\"comment\":\"Still the wrong colour\",\"ticketId\":\"" + complaint + "\"", now);
            assertEquals(true, unhappy.getBoolean("detractor"));
            assertEquals("email", unhappy.getString("channel"));
            String opened = unhappy.getString("openedTicketId");
            given().auth().oauth2(token("manager")).when().get("/api/v1/tickets/{id}", opened).then().statusCode(200)
                    .body("type", equalTo("complaint")).body("priority", equalTo("high")).body("assigneeId", equalTo("u-owner-" + customer));
            events.await(r -> r.key().equals(customer.toString()) && r.value().contains(unhappy.getString("id")), Duration.ofSeconds(30));
        }
        JsonPath nps = respond("5e7e0000-0002-4000-8000-000000000002", customer, 4, "", now);
        given().auth().oauth2(token("manager")).when().get("/api/v1/follow-ups/{id}", nps.getString("followUpId")).then().statusCode(200)
                .body("type", equalTo("callback")).body("assigneeId", equalTo("u-owner-" + customer));
        JsonPath happy = respond(CSAT, customer, 5, "", now);
        assertEquals(false, happy.getBoolean("detractor"));
        given().auth().oauth2(token("manager")).queryParam("kind", "survey-response").when().get("/api/v1/customers/{id}/timeline", customer)
                .then().statusCode(200).body("items.summary", hasItem("CSAT 1 — detractor: Still the wrong colour"));
    }

    @Test
    void badAnswersAreRefusedByField() {
        UUID customer = UUID.randomUUID();
        given().auth().oauth2(token("integrator")).contentType("application/json")
                .body("{\"surveyId\":\"" + CSAT + "\",\"customerId\":\"" + customer + "\",\"score\":9}")
                .when().post("/api/v1/survey-responses").then().statusCode(400).body("errors.field", hasItem("score"));
        given().auth().oauth2(token("integrator")).contentType("application/json")
                .body("{\"surveyId\":\"" + UUID.randomUUID() + "\",\"customerId\":\"" + customer + "\",\"score\":3}")
                .when().post("/api/v1/survey-responses").then().statusCode(400).body("errors.field", hasItem("surveyId"));
        given().auth().oauth2(token("manager")).queryParam("groupBy", "horoscope").when().get("/api/v1/satisfaction/summary")
                .then().statusCode(400).body("errors.field", hasItem("groupBy"));
    }

    @Test
    void summariesAddUp() {
        // a private window in the past so that other tests' answers stay out of it
        String survey = given().auth().oauth2(token("manager")).contentType("application/json")
                .body("{\"name\":\"Window NPS " + UUID.randomUUID() + "\",\"kind\":\"nps\"}")
                .when().post("/api/v1/surveys").then().statusCode(201).extract().path("id");
        String at = "2020-02-02T12:00:00Z";
        UUID vip = UUID.randomUUID();
        UUID regular = UUID.randomUUID();
        UUID unknownTier = UUID.randomUUID();
        CareEvents.customerCreated(vip, null, "vip", null, null, "[]");
        CareEvents.customerCreated(regular, null, "regular", null, null, "[]");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token("manager"))
                .when().get("/api/v1/customers/{id}/timeline", regular).then().statusCode(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token("manager"))
                .when().get("/api/v1/customers/{id}/timeline", vip).then().statusCode(200));
        for (int score : new int[] {10, 9, 8}) {
            respond(survey, vip, score, ",\"channel\":\"phone\"", at);
        }
        for (int score : new int[] {3, 10}) {
            respond(survey, regular, score, ",\"channel\":\"email\"", at);
        }
        respond(CSAT, regular, 4, ",\"channel\":\"email\"", at);
        respond(CSAT, unknownTier, 2, "", at);

        JsonPath byTier = given().auth().oauth2(token("analyst")).queryParam("from", "2020-02-01T00:00:00Z").queryParam("to", "2020-02-03T00:00:00Z")
                .queryParam("groupBy", "tier").when().get("/api/v1/satisfaction/summary").then().statusCode(200).extract().jsonPath();
        // NPS: 5 answers, promoters 10, 9, 10; passive 8; detractor 3 → 60% − 20% = 40
        assertEquals(5, byTier.getInt("total.nps.responses"));
        assertEquals(40.0, byTier.getDouble("total.nps.score"));
        assertEquals(3, byTier.getInt("total.nps.promoters"));
        // CSAT: 4 (satisfied) and 2 (detractor) → 50%, average 3.0
        assertEquals(2, byTier.getInt("total.csat.responses"));
        assertEquals(50.0, byTier.getDouble("total.csat.score"));
        assertEquals(3.0, byTier.getDouble("total.csat.average"));
        assertEquals(66.7, byTier.getDouble("groups.find { it.key == 'vip' }.figures.nps.score")); // 2 promoters, 1 passive
        assertEquals(0.0, byTier.getDouble("groups.find { it.key == 'regular' }.figures.nps.score")); // 1 promoter, 1 detractor
        given().auth().oauth2(token("analyst")).queryParam("from", "2020-02-01T00:00:00Z").queryParam("to", "2020-02-03T00:00:00Z")
                .queryParam("groupBy", "tier").when().get("/api/v1/satisfaction/summary")
                .then().body("groups.find { it.key == null }.figures.csat.responses", equalTo(1))
                .body("groups.find { it.key == null }.figures.nps.score", nullValue())
                .body("groups.find { it.key == 'vip' }.figures.csat.score", nullValue());
        JsonPath byChannel = given().auth().oauth2(token("manager")).queryParam("from", "2020-02-01T00:00:00Z").queryParam("to", "2020-02-03T00:00:00Z")
                .queryParam("groupBy", "channel").when().get("/api/v1/satisfaction/summary").then().statusCode(200).extract().jsonPath();
        assertEquals(3, byChannel.getInt("groups.find { it.key == 'phone' }.figures.nps.responses"));
        assertEquals(2, byChannel.getInt("groups.find { it.key == 'email' }.figures.nps.responses"));
        given().auth().oauth2(token("sales")).when().get("/api/v1/satisfaction/summary").then().statusCode(403);
        given().auth().oauth2(token("manager")).when().get("/api/v1/satisfaction/summary").then().statusCode(200).body("total", notNullValue());
    }
}
