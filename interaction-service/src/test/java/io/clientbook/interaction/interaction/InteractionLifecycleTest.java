package io.clientbook.interaction.interaction;

import io.agroal.api.AgroalDataSource;
import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.devstack.testing.TopicProbe;
import io.clientbook.events.Topics;
import io.clientbook.interaction.care.CareEvents;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.clientbook.interaction.care.CareEvents.token;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Interactions through the API, and what merges, unmerges and erasure do to everything this service holds. */
@QuarkusTest
class InteractionLifecycleTest {

    @Inject
    AgroalDataSource dataSource;

    private static String recordCall(UUID customer, String role) {
        return given().auth().oauth2(token(role)).contentType("application/json")
                .body("{\"customerId\":\"" + customer + "\",\"channel\":\"PHONE\",\"direction\":\"outbound\",\"durationSeconds\":240,"
                        + "\"subject\":\"Post-purchase callback\",\"summary\":\"Happy with the machine\",\"outcome\":\"reached\"}")
                .when().post("/api/v1/interactions")
                .then().statusCode(201).header("Location", startsWith("http"))
                .body("channel", equalTo("phone")).body("agentId", equalTo("dev-" + role))
                .extract().path("id");
    }

    private static String createFollowUp(UUID customer) {
        return given().auth().oauth2(token("manager")).contentType("application/json")
                .body("{\"customerId\":\"" + customer + "\",\"type\":\"callback\",\"channel\":\"phone\",\"dueAt\":\"2030-01-10T09:00:00Z\"}")
                .when().post("/api/v1/follow-ups").then().statusCode(201).extract().path("id");
    }

    @Test
    void aRecordedCallIsOnTheTimelineAndReadsBack() {
        UUID customer = UUID.randomUUID();
        String id = recordCall(customer, "support");
        given().auth().oauth2(token("manager")).when().get("/api/v1/interactions/{id}", id)
                .then().statusCode(200).body("customerId", equalTo(customer.toString())).body("durationSeconds", equalTo(240))
                .body("direction", equalTo("outbound")).body("summary", equalTo("Happy with the machine"));
        given().auth().oauth2(token("manager")).queryParam("kind", "interaction")
                .when().get("/api/v1/customers/{id}/timeline", customer)
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(id))
                .body("items[0].type", equalTo("phone.outbound")).body("items[0].summary", equalTo("Post-purchase callback"));
    }

    /** Analytics counts contacts from interaction.logged: the facts travel, the content stays here. */
    @Test
    void aRecordedCallIsPublishedAsFactsWithoutItsContent() {
        UUID customer = UUID.randomUUID();
        try (TopicProbe interactions = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.INTERACTIONS)) {
            String id = recordCall(customer, "support");
            var logged = interactions.await(r -> r.key().equals(customer.toString())
                    && "clientbook.interaction.logged.v1".equals(TopicProbe.headers(r).get("ce_type")), Duration.ofSeconds(20));
            String payload = logged.value().replace(" ", "");
            assertTrue(payload.contains("\"interactionId\":\"" + id + "\""), payload);
            assertTrue(payload.contains("\"channel\":\"phone\"") && payload.contains("\"direction\":\"outbound\""), payload);
            assertTrue(!payload.contains("Happy") && !payload.contains("callback") && !payload.contains("reached"),
                    "no subject, summary or outcome on the topic: " + payload);
        }
    }

    @Test
    void badInteractionsAreRefusedByFieldAndNothingIsStored() throws SQLException {
        UUID customer = UUID.randomUUID();
        given().auth().oauth2(token("support")).contentType("application/json")
                .body("{\"customerId\":\"" + customer + "\",\"channel\":\"pigeon\",\"direction\":\"outbound\"}")
                .when().post("/api/v1/interactions")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("channel"));
        given().auth().oauth2(token("support")).contentType("application/json")
                .body("{\"channel\":\"phone\",\"direction\":\"outbound\"}")
                .when().post("/api/v1/interactions")
                .then().statusCode(400).body("errors.field", hasItem("customerId"));
        given().auth().oauth2(token("support")).contentType("application/json")
                .body("{\"customerId\":\"" + customer + "\",\"channel\":\"phone\",\"direction\":\"outbound\",\"occurredAt\":\""
                        + Instant.now().plus(Duration.ofDays(2)) + "\"}")
                .when().post("/api/v1/interactions")
                .then().statusCode(400).body("errors.field", hasItem("occurredAt"));
        assertEquals(0, count("select count(*) from interaction where customer_id = '" + customer + "'"));
        assertEquals(0, count("select count(*) from timeline_entry where customer_id = '" + customer + "'"));
    }

    @Test
    void aSalesUserRecordsOnlyForItsOwnCustomers() {
        UUID theirs = UUID.randomUUID();
        UUID mine = UUID.randomUUID();
        CareEvents.customerCreated(theirs, "someone-else", null, null, null, "[]");
        CareEvents.customerCreated(mine, "dev-sales", null, null, null, "[]");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token("sales"))
                .when().get("/api/v1/customers/{id}/timeline", mine).then().statusCode(200));
        recordCall(mine, "sales");
        given().auth().oauth2(token("sales")).contentType("application/json")
                .body("{\"customerId\":\"" + theirs + "\",\"channel\":\"phone\",\"direction\":\"outbound\"}")
                .when().post("/api/v1/interactions").then().statusCode(404);
        String othersCall = recordCall(theirs, "support");
        given().auth().oauth2(token("sales")).when().get("/api/v1/interactions/{id}", othersCall).then().statusCode(404);
    }

    @Test
    void mergeMovesInteractionsAndFollowUpsToTheSurvivorUnmergeTakesThemBackErasureAnonymises() throws Exception {
        UUID survivor = UUID.randomUUID();
        UUID duplicate = UUID.randomUUID();
        CareEvents.customerCreated(survivor, null, null, null, null, "[]");
        CareEvents.customerCreated(duplicate, null, null, null, null, "[]");
        String call = recordCall(duplicate, "support");
        String task = createFollowUp(duplicate);

        CareEvents.send(Topics.CUSTOMERS, survivor, UUID.randomUUID(), "clientbook.customer.merged.v1", "{\"survivorId\":\"" + survivor
                + "\",\"mergedIds\":[\"" + duplicate + "\"],\"version\":3,\"orderIds\":[],\"mergedAt\":\"2026-03-05T10:00:00Z\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token("manager"))
                .when().get("/api/v1/interactions/{id}", call).then().statusCode(200).body("customerId", equalTo(survivor.toString())));
        given().auth().oauth2(token("manager")).queryParam("customerId", survivor).when().get("/api/v1/follow-ups")
                .then().statusCode(200).body("items.id", hasItem(task));
        // recorded for the merged id after the merge: lands on the survivor
        String late = recordCall(duplicate, "support");
        given().auth().oauth2(token("manager")).when().get("/api/v1/interactions/{id}", late)
                .then().statusCode(200).body("customerId", equalTo(survivor.toString()));

        CareEvents.send(Topics.CUSTOMERS, survivor, UUID.randomUUID(), "clientbook.customer.unmerged.v1", "{\"survivorId\":\"" + survivor
                + "\",\"restoredId\":\"" + duplicate + "\",\"orderIds\":[],\"survivorVersion\":4,\"restoredVersion\":2,"
                + "\"unmergedAt\":\"2026-03-06T10:00:00Z\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token("manager"))
                .when().get("/api/v1/interactions/{id}", call).then().statusCode(200).body("customerId", equalTo(duplicate.toString())));
        given().auth().oauth2(token("manager")).when().get("/api/v1/interactions/{id}", late)
                .then().statusCode(200).body("customerId", equalTo(duplicate.toString()));
        given().auth().oauth2(token("manager")).when().get("/api/v1/follow-ups/{id}", task)
                .then().statusCode(200).body("customerId", equalTo(duplicate.toString()));

        UUID erasure = UUID.randomUUID();
        try (TopicProbe confirmations = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.ERASURES)) {
            CareEvents.send(Topics.CUSTOMERS, duplicate, UUID.randomUUID(), "clientbook.customer.erased.v1", "{\"customerId\":\"" + duplicate
                    + "\",\"erasureRequestId\":\"" + erasure + "\",\"mergedIds\":[],\"requestedAt\":\"2026-03-07T10:00:00Z\"}");
            confirmations.await(r -> r.key().equals(erasure.toString()) && r.value().contains("interaction-service"), Duration.ofSeconds(30));
        }
        given().auth().oauth2(token("manager")).when().get("/api/v1/interactions/{id}", call).then().statusCode(404);
        given().auth().oauth2(token("manager")).when().get("/api/v1/follow-ups/{id}", task).then().statusCode(404);
        try (var c = dataSource.getConnection(); var s = c.prepareStatement(
                "select customer_id, subject, summary, outcome, anonymised, channel from interaction where id = ?::uuid")) {
            s.setString(1, call);
            try (var rs = s.executeQuery()) {
                assertTrue(rs.next(), "the interaction is kept, anonymised");
                assertNull(rs.getObject(1));
                assertNull(rs.getString(2));
                assertNull(rs.getString(3));
                assertNull(rs.getString(4));
                assertTrue(rs.getBoolean(5));
                assertEquals("PHONE", rs.getString(6));
            }
        }
        assertEquals(0, count("select count(*) from customer_profile where customer_id = '" + duplicate + "'"));
        given().auth().oauth2(token("manager")).when().get("/api/v1/customers/{id}/timeline", survivor)
                .then().statusCode(200).body("items.type", hasItems("customer.merged", "customer.unmerged"));
    }

    private long count(String sql) throws SQLException {
        try (var c = dataSource.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
