package io.clientbook.interaction.followup;

import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.devstack.testing.TopicProbe;
import io.clientbook.events.Topics;
import io.clientbook.interaction.care.CareClock;
import io.clientbook.interaction.care.MovableClock;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.clientbook.interaction.care.CareEvents.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Follow-ups by hand: the PATCH rules, agendas, overdue and escalation to the team manager. */
@QuarkusTest
class FollowUpLifecycleTest {

    @Inject
    FollowUpService followUps;

    private static JsonPath create(String role, String body) {
        return given().auth().oauth2(token(role)).contentType("application/json").body(body)
                .when().post("/api/v1/follow-ups").then().statusCode(201).extract().jsonPath();
    }

    private static String etag(String id) {
        return given().auth().oauth2(token("manager")).when().get("/api/v1/follow-ups/{id}", id).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void completingNeedsAnOutcomeSnoozingALaterDueTimeAndClosedIsFinal() {
        UUID customer = UUID.randomUUID();
        String id = create("support", "{\"customerId\":\"" + customer + "\",\"type\":\"callback\",\"channel\":\"phone\","
                + "\"dueAt\":\"2030-05-01T09:00:00Z\"}").getString("id");
        given().auth().oauth2(token("support")).contentType("application/merge-patch+json").body("{\"status\":\"done\"}")
                .when().patch("/api/v1/follow-ups/{id}", id).then().statusCode(428);
        given().auth().oauth2(token("support")).header("If-Match", "\"99\"").contentType("application/merge-patch+json")
                .body("{\"status\":\"done\"}").when().patch("/api/v1/follow-ups/{id}", id).then().statusCode(412);
        given().auth().oauth2(token("support")).header("If-Match", etag(id)).contentType("application/merge-patch+json")
                .body("{\"status\":\"done\"}").when().patch("/api/v1/follow-ups/{id}", id)
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("outcome"));
        given().auth().oauth2(token("support")).header("If-Match", etag(id)).contentType("application/merge-patch+json")
                .body("{\"customerId\":\"" + UUID.randomUUID() + "\"}").when().patch("/api/v1/follow-ups/{id}", id)
                .then().statusCode(400).body("errors.field", hasItem("customerId"));
        given().auth().oauth2(token("support")).header("If-Match", etag(id)).contentType("application/merge-patch+json")
                .body("{\"status\":\"snoozed\"}").when().patch("/api/v1/follow-ups/{id}", id)
                .then().statusCode(400).body("errors.field", hasItem("dueAt"));
        given().auth().oauth2(token("support")).header("If-Match", etag(id)).contentType("application/merge-patch+json")
                .body("{\"status\":\"snoozed\",\"dueAt\":\"2030-05-08T09:00:00Z\"}").when().patch("/api/v1/follow-ups/{id}", id)
                .then().statusCode(200).body("status", equalTo("snoozed")).body("dueAt", equalTo("2030-05-08T09:00:00Z"));
        given().auth().oauth2(token("support")).header("If-Match", etag(id)).contentType("application/merge-patch+json")
                .body("{\"status\":\"done\",\"outcome\":\"reached\"}").when().patch("/api/v1/follow-ups/{id}", id)
                .then().statusCode(200).body("status", equalTo("done")).body("outcome", equalTo("reached"));
        given().auth().oauth2(token("support")).header("If-Match", etag(id)).contentType("application/merge-patch+json")
                .body("{\"status\":\"open\"}").when().patch("/api/v1/follow-ups/{id}", id).then().statusCode(409);
        given().auth().oauth2(token("manager")).queryParam("customerId", customer).queryParam("status", "open,snoozed")
                .when().get("/api/v1/follow-ups").then().statusCode(200).body("items.id", not(hasItem(id)));
        given().auth().oauth2(token("manager")).queryParam("status", "someday").when().get("/api/v1/follow-ups")
                .then().statusCode(400).body("errors.field", hasItem("status"));
    }

    @Test
    void anOverdueFollowUpIsAnnouncedOnceAndEscalatedToTheTeamManagerAfterTheDelay() {
        MovableClock clock = new MovableClock(Instant.parse("2031-02-02T10:00:00Z"));
        QuarkusMock.installMockForType(clock, CareClock.class);
        String member = "u-" + UUID.randomUUID();
        String team = given().auth().oauth2(token("admin")).contentType("application/json")
                .body("{\"name\":\"Team " + member + "\",\"managerId\":\"u-maria\",\"members\":[\"" + member + "\"]}")
                .when().post("/api/v1/teams").then().statusCode(201).extract().path("id");
        UUID customer = UUID.randomUUID();
        JsonPath created = create("manager", "{\"customerId\":\"" + customer + "\",\"type\":\"visit\",\"channel\":\"visit\","
                + "\"dueAt\":\"2031-02-03T09:00:00Z\",\"assigneeId\":\"" + member + "\"}");
        String id = created.getString("id");
        assertEquals(team, created.getString("teamId"));
        given().auth().oauth2(token("manager")).queryParam("teamId", team).when().get("/api/v1/follow-ups")
                .then().statusCode(200).body("items.id", hasItem(id));

        try (TopicProbe events = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.INTERACTIONS)) {
            followUps.watchOverdue();
            clock.set(Instant.parse("2031-02-03T09:30:00Z"));
            followUps.watchOverdue();
            followUps.watchOverdue();
            given().auth().oauth2(token("manager")).when().get("/api/v1/follow-ups/{id}", id)
                    .then().statusCode(200).body("overdue", equalTo(true)).body("escalatedTo", equalTo(null));
            events.await(r -> r.value().contains(id) && new String(r.headers().lastHeader("ce_type").value()).equals("clientbook.followup.overdue.v1"),
                    Duration.ofSeconds(30));

            clock.set(Instant.parse("2031-02-04T09:30:01Z")); // a day overdue
            followUps.watchOverdue();
            given().auth().oauth2(token("manager")).when().get("/api/v1/follow-ups/{id}", id)
                    .then().statusCode(200).body("escalatedTo", equalTo("u-maria"));
            var escalated = events.await(r -> r.value().contains(id)
                    && new String(r.headers().lastHeader("ce_type").value()).equals("clientbook.followup.escalated.v1"), Duration.ofSeconds(30));
            assertEquals("u-maria", JsonPath.from(escalated.value()).getString("escalatedTo"));
            long overdueEvents = events.drain(Duration.ofSeconds(1)).stream().filter(r -> r.value().contains(id)
                    && new String(r.headers().lastHeader("ce_type").value()).equals("clientbook.followup.overdue.v1")).count();
            assertEquals(1, overdueEvents);
        }
    }
}
