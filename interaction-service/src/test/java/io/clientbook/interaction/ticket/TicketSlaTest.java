package io.clientbook.interaction.ticket;

import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.devstack.testing.TopicProbe;
import io.clientbook.events.Topics;
import io.clientbook.interaction.care.CareClock;
import io.clientbook.interaction.care.CareEvents;
import io.clientbook.interaction.care.MovableClock;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.clientbook.interaction.care.CareEvents.ALL_CONSENTS;
import static io.clientbook.interaction.care.CareEvents.token;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tickets and their SLA clocks on the real database and broker, with time moved by hand. */
@QuarkusTest
class TicketSlaTest {

    @Inject
    SlaWatch watch;

    private static boolean isType(ConsumerRecord<String, String> r, String type) {
        return new String(r.headers().lastHeader("ce_type").value()).equals(type);
    }

    private static JsonPath open(UUID customer, String type, String priority, String assignee) {
        return given().auth().oauth2(token("support")).contentType("application/json")
                .body("{\"customerId\":\"" + customer + "\",\"type\":\"" + type + "\",\"priority\":\"" + priority + "\",\"channel\":\"phone\","
                        + "\"subject\":\"Machine leaks\",\"description\":\"Second time\"" + (assignee == null ? "" : ",\"assigneeId\":\"" + assignee + "\"") + "}")
                .when().post("/api/v1/tickets").then().statusCode(201).extract().jsonPath();
    }

    private static JsonPath get(String id) {
        return given().auth().oauth2(token("manager")).when().get("/api/v1/tickets/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    private static void status(String id, String status) {
        String etag = given().auth().oauth2(token("manager")).when().get("/api/v1/tickets/{id}", id).then().extract().header("ETag");
        given().auth().oauth2(token("support")).header("If-Match", etag).contentType("application/merge-patch+json")
                .body("{\"status\":\"" + status + "\"}").when().patch("/api/v1/tickets/{id}", id).then().statusCode(200).body("status", equalTo(status));
    }

    @Test
    void aComplaintsFortyEightHourClockBreachesAtTheRightMomentAndGoesToTheManager() {
        Instant opened = Instant.parse("2031-06-02T08:00:00Z");
        MovableClock clock = new MovableClock(opened);
        QuarkusMock.installMockForType(clock, CareClock.class);
        String agent = "u-" + UUID.randomUUID();
        given().auth().oauth2(token("admin")).contentType("application/json")
                .body("{\"name\":\"Service " + agent + "\",\"managerId\":\"u-boss\",\"members\":[\"" + agent + "\"]}")
                .when().post("/api/v1/teams").then().statusCode(201);
        UUID customer = UUID.randomUUID();
        JsonPath t = open(customer, "complaint", "normal", agent);
        String id = t.getString("id");
        assertEquals("open", t.getString("status"));
        assertEquals("5a1a0000-0004-4000-8000-000000000004", t.getString("sla.policyId"));
        assertEquals("2031-06-02T09:00:00Z", t.getString("sla.firstResponseDueAt"));
        assertEquals("2031-06-04T08:00:00Z", t.getString("sla.resolutionDueAt"));
        given().auth().oauth2(token("support")).contentType("application/json").body("{\"body\":\"We are on it\",\"public\":true}")
                .when().post("/api/v1/tickets/{id}/comments", id).then().statusCode(201).body("public", equalTo(true));

        try (TopicProbe events = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.INTERACTIONS)) {
            clock.set(Instant.parse("2031-06-02T09:00:01Z"));
            watch.runOnce();
            assertEquals(false, get(id).getBoolean("sla.firstResponseBreached")); // answered in time
            clock.set(Instant.parse("2031-06-03T22:23:59Z")); // 80% of 48 h is 38 h 24 min
            watch.runOnce();
            clock.set(Instant.parse("2031-06-03T22:24:00Z"));
            watch.runOnce();
            events.await(r -> r.value().contains(id) && isType(r, "clientbook.sla.warning.v1"), Duration.ofSeconds(30));
            clock.set(Instant.parse("2031-06-04T07:59:59Z"));
            watch.runOnce();
            assertEquals(false, get(id).getBoolean("sla.resolutionBreached"));
            clock.set(Instant.parse("2031-06-04T08:00:00Z"));
            assertEquals(1, watch.runOnce());
            JsonPath breached = get(id);
            assertEquals(true, breached.getBoolean("sla.resolutionBreached"));
            assertEquals("high", breached.getString("priority"));
            assertEquals("u-boss", breached.getString("assigneeId"));
            assertEquals("u-boss", breached.getString("escalatedTo"));
            var breach = events.await(r -> r.value().contains(id) && isType(r, "clientbook.sla.breached.v1"), Duration.ofSeconds(30));
            assertEquals("resolution", JsonPath.from(breach.value()).getString("target"));
            assertEquals("2031-06-04T08:00:00Z", JsonPath.from(breach.value()).getString("dueAt"));
            assertEquals(0, watch.runOnce()); // nothing left to act on
        }
        given().auth().oauth2(token("manager")).queryParam("breached", true).queryParam("customerId", customer)
                .when().get("/api/v1/tickets").then().statusCode(200).body("items.id", hasItem(id));
        given().auth().oauth2(token("manager")).queryParam("kind", "ticket").when().get("/api/v1/customers/{id}/timeline", customer)
                .then().statusCode(200).body("items[0].summary", equalTo("Complaint: Machine leaks — open, SLA breached"));
    }

    @Test
    void pendingStopsTheResolutionClockAndLeavingPendingStartsItFromWhereItStood() {
        Instant opened = Instant.parse("2031-07-01T00:00:00Z");
        MovableClock clock = new MovableClock(opened);
        QuarkusMock.installMockForType(clock, CareClock.class);
        String id = open(UUID.randomUUID(), "problem", "normal", null).getString("id"); // 24 h
        assertEquals("2031-07-02T00:00:00Z", get(id).getString("sla.resolutionDueAt"));
        clock.set(Instant.parse("2031-07-01T10:00:00Z"));
        status(id, "pending");
        assertEquals(true, get(id).getBoolean("sla.paused"));
        clock.set(Instant.parse("2031-07-02T06:00:00Z")); // 20 h waiting on the customer: past the original due time
        watch.runOnce();
        assertEquals(false, get(id).getBoolean("sla.resolutionBreached"));
        status(id, "open");
        JsonPath resumed = get(id);
        assertEquals(false, resumed.getBoolean("sla.paused"));
        assertEquals("2031-07-02T20:00:00Z", resumed.getString("sla.resolutionDueAt")); // 14 h left
        clock.set(Instant.parse("2031-07-02T19:59:00Z"));
        watch.runOnce();
        assertEquals(false, get(id).getBoolean("sla.resolutionBreached"));
        clock.set(Instant.parse("2031-07-02T20:00:00Z"));
        watch.runOnce();
        assertEquals(true, get(id).getBoolean("sla.resolutionBreached"));
        assertTrue(get(id).getBoolean("sla.firstResponseBreached")); // nobody answered within the hour
    }

    @Test
    void aBusinessHoursPolicySkipsTheWeekendAndAHoliday() {
        MovableClock clock = new MovableClock(Instant.parse("2027-01-29T15:00:00Z")); // Friday 16:00 in Berlin
        QuarkusMock.installMockForType(clock, CareClock.class);
        String calendar = given().auth().oauth2(token("admin")).contentType("application/json").body("""
                        {"name": "Berlin office %s", "timeZone": "Europe/Berlin",
                         "workingHours": {"monday": [{"from": "09:00", "to": "17:00"}], "tuesday": [{"from": "09:00", "to": "17:00"}],
                                          "wednesday": [{"from": "09:00", "to": "17:00"}], "thursday": [{"from": "09:00", "to": "17:00"}],
                                          "friday": [{"from": "09:00", "to": "17:00"}]},
                         "holidays": ["2027-02-01"]}""".formatted(UUID.randomUUID()))
                .when().post("/api/v1/business-calendars").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token("admin")).contentType("application/json").body("""
                        {"name": "x", "timeZone": "Mars/Olympus", "workingHours": {"someday": [{"from": "17:00", "to": "09:00"}]}}""")
                .when().post("/api/v1/business-calendars").then().statusCode(400).body("errors.field", hasItem("timeZone"));
        given().auth().oauth2(token("manager")).contentType("application/json").body("""
                        {"name": "Urgent suggestions %s", "rank": 1, "condition": {"types": ["suggestion"], "priorities": ["urgent"]},
                         "firstResponseMinutes": 60, "resolutionMinutes": 120, "calendarId": "%s"}""".formatted(UUID.randomUUID(), calendar))
                .when().post("/api/v1/sla-policies").then().statusCode(201);
        JsonPath t = open(UUID.randomUUID(), "suggestion", "urgent", null);
        assertEquals("2027-01-29T16:00:00Z", t.getString("sla.firstResponseDueAt")); // Friday 17:00
        assertEquals("2027-02-02T09:00:00Z", t.getString("sla.resolutionDueAt")); // Tuesday 10:00: weekend and holiday Monday skipped
    }

    @Test
    void resolvingPublishesTicketResolvedWhichCareRulesFollow() {
        UUID customer = UUID.randomUUID();
        CareEvents.customerCreated(customer, "u-owner", null, null, null, ALL_CONSENTS);
        given().auth().oauth2(token("manager")).contentType("application/json")
                .body("{\"name\":\"Satisfaction call " + customer + "\",\"trigger\":{\"type\":\"event\",\"event\":\"ticket.resolved\"},"
                        + "\"delayDays\":1,\"action\":{\"kind\":\"task\",\"type\":\"survey\",\"channel\":\"phone\",\"purpose\":\"service\"}}")
                .when().post("/api/v1/follow-up-rules").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token("manager"))
                .when().get("/api/v1/customers/{id}/timeline", customer).then().statusCode(200));
        String id = open(customer, "problem", "low", null).getString("id");
        try (TopicProbe events = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.INTERACTIONS)) {
            status(id, "resolved");
            events.await(r -> r.value().contains(id) && isType(r, "clientbook.ticket.resolved.v1"), Duration.ofSeconds(30));
        }
        given().auth().oauth2(token("manager")).queryParam("customerId", customer).when().get("/api/v1/follow-ups")
                .then().statusCode(200).body("items.type", hasItem("survey"));
        status(id, "closed");
        String etag = given().auth().oauth2(token("manager")).when().get("/api/v1/tickets/{id}", id).then().extract().header("ETag");
        given().auth().oauth2(token("support")).header("If-Match", etag).contentType("application/merge-patch+json")
                .body("{\"status\":\"pending\"}").when().patch("/api/v1/tickets/{id}", id).then().statusCode(409);
        status(id, "open"); // reopened
        given().auth().oauth2(token("support")).header("If-Match", "*").contentType("application/merge-patch+json")
                .body("{\"customerId\":\"" + UUID.randomUUID() + "\"}").when().patch("/api/v1/tickets/{id}", id)
                .then().statusCode(400).body("errors.field", hasItem("customerId"));
    }
}
