package io.clientbook.interaction.timeline;

import io.clientbook.devstack.testing.CloudEventSender;
import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;

/** customer.merged moves the merged customers' timelines to the survivor; customer.unmerged moves them back. */
@QuarkusTest
class MergedTimelineTest {

    private static String token() {
        return EmbeddedStack.get().tokens().forRole("support");
    }

    /** The merged customer's own events may arrive before or after the merge: they travel on another partition. */
    @Test
    void aMergeMovesTheTimelineAndAnUnmergeMovesItBackEachAppliedOnce() {
        UUID survivor = UUID.randomUUID();
        UUID merged = UUID.randomUUID();
        UUID survivorCreated = UUID.randomUUID();
        UUID mergedCreated = UUID.randomUUID();
        UUID mergeEvent = UUID.randomUUID();
        UUID unmergeEvent = UUID.randomUUID();
        try (var sender = new CloudEventSender(EmbeddedStack.get().bootstrapServers())) {
            sender.send(Topics.CUSTOMERS, survivor.toString(), survivorCreated, "clientbook.customer.created.v1",
                    "{\"customerId\":\"" + survivor + "\",\"createdAt\":\"2026-03-01T10:00:00Z\"}");
            String mergeData = "{\"survivorId\":\"" + survivor + "\",\"mergedIds\":[\"" + merged + "\"],\"version\":3,"
                    + "\"orderIds\":[],\"mergedAt\":\"2026-03-05T10:00:00Z\"}";
            sender.send(Topics.CUSTOMERS, survivor.toString(), mergeEvent, "clientbook.customer.merged.v1", mergeData);
            sender.send(Topics.CUSTOMERS, survivor.toString(), mergeEvent, "clientbook.customer.merged.v1", mergeData); // redelivered
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(token()).when().get("/api/v1/customers/{id}/timeline", survivor)
                        .then().statusCode(200).body("items.id", org.hamcrest.Matchers.hasItem(mergeEvent.toString())));
        try (var sender = new CloudEventSender(EmbeddedStack.get().bootstrapServers())) {
            // the merged customer's creation, late
            sender.send(Topics.CUSTOMERS, merged.toString(), mergedCreated, "clientbook.customer.created.v1",
                    "{\"customerId\":\"" + merged + "\",\"createdAt\":\"2026-03-02T10:00:00Z\"}");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(token()).when().get("/api/v1/customers/{id}/timeline", survivor)
                        .then().statusCode(200)
                        .body("items.id", contains(mergeEvent.toString(), mergedCreated.toString(), survivorCreated.toString()))
                        .body("items[0].type", org.hamcrest.Matchers.equalTo("customer.merged")));
        given().auth().oauth2(token()).when().get("/api/v1/customers/{id}/timeline", merged).then().statusCode(404);

        try (var sender = new CloudEventSender(EmbeddedStack.get().bootstrapServers())) {
            sender.send(Topics.CUSTOMERS, survivor.toString(), unmergeEvent, "clientbook.customer.unmerged.v1",
                    "{\"survivorId\":\"" + survivor + "\",\"restoredId\":\"" + merged + "\",\"orderIds\":[],\"survivorVersion\":4,"
                            + "\"restoredVersion\":2,\"unmergedAt\":\"2026-03-06T10:00:00Z\"}");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(token()).when().get("/api/v1/customers/{id}/timeline", merged)
                        .then().statusCode(200)
                        .body("items.id", contains(mergedCreated.toString())));
        given().auth().oauth2(token()).when().get("/api/v1/customers/{id}/timeline", survivor)
                .then().statusCode(200)
                .body("items.id", containsInAnyOrder(unmergeEvent.toString(), mergeEvent.toString(), survivorCreated.toString()));
    }
}
