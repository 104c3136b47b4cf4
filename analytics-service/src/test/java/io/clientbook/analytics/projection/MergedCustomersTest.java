package io.clientbook.analytics.projection;

import io.clientbook.devstack.testing.CloudEventSender;
import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** customer.merged folds the merged customers into the survivor's figures; customer.unmerged takes them out again. */
@QuarkusTest
class MergedCustomersTest {

    private static String token() {
        return EmbeddedStack.get().tokens().forRole("analyst");
    }

    private static void created(CloudEventSender sender, UUID customer, String at) {
        sender.send(Topics.CUSTOMERS, customer.toString(), UUID.randomUUID(), "clientbook.customer.created.v1",
                "{\"customerId\":\"" + customer + "\",\"createdAt\":\"" + at + "\"}");
    }

    @Test
    void theSurvivorTakesInTheMergedCustomersUntilTheyAreUnmerged() {
        UUID survivor = UUID.randomUUID();
        UUID merged = UUID.randomUUID();
        try (var sender = new CloudEventSender(EmbeddedStack.get().bootstrapServers())) {
            created(sender, survivor, "2026-03-01T10:00:00Z");
            created(sender, merged, "2025-07-01T10:00:00Z");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(token()).when().get("/api/v1/analytics/customers/{id}", merged).then().statusCode(200));

        try (var sender = new CloudEventSender(EmbeddedStack.get().bootstrapServers())) {
            sender.send(Topics.CUSTOMERS, survivor.toString(), UUID.randomUUID(), "clientbook.customer.merged.v1",
                    "{\"survivorId\":\"" + survivor + "\",\"mergedIds\":[\"" + merged + "\"],\"version\":2,\"orderIds\":[],"
                            + "\"mergedAt\":\"2026-04-01T10:00:00Z\"}");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(token()).when().get("/api/v1/analytics/customers/{id}", survivor)
                        .then().statusCode(200).body("customerSince", equalTo("2025-07-01T10:00:00Z")));
        given().auth().oauth2(token()).when().get("/api/v1/analytics/customers/{id}", merged)
                .then().statusCode(404).body("mergedInto", equalTo(survivor.toString()));

        try (var sender = new CloudEventSender(EmbeddedStack.get().bootstrapServers())) {
            sender.send(Topics.CUSTOMERS, survivor.toString(), UUID.randomUUID(), "clientbook.customer.unmerged.v1",
                    "{\"survivorId\":\"" + survivor + "\",\"restoredId\":\"" + merged + "\",\"orderIds\":[],\"survivorVersion\":3,"
                            + "\"restoredVersion\":2,\"unmergedAt\":\"2026-04-02T10:00:00Z\"}");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(token()).when().get("/api/v1/analytics/customers/{id}", survivor)
                        .then().statusCode(200).body("customerSince", equalTo("2026-03-01T10:00:00Z")));
        given().auth().oauth2(token()).when().get("/api/v1/analytics/customers/{id}", merged)
                .then().statusCode(200).body("customerSince", equalTo("2025-07-01T10:00:00Z"));
    }
}
