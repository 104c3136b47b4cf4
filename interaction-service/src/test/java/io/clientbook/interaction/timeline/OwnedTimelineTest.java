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

/** A sales user reads only its own customers here too; ownership follows customer.created and customer.updated. */
@QuarkusTest
class OwnedTimelineTest {

    private static String sales(String subject) {
        return EmbeddedStack.get().tokens().sign("sales", subject, Duration.ofMinutes(5));
    }

    @Test
    void onlyTheOwnerAmongSellersSeesTheCustomerAndOwnershipMovesWithUpdates() {
        UUID customer = UUID.randomUUID();
        String ann = "seller-" + UUID.randomUUID();
        String bob = "seller-" + UUID.randomUUID();
        try (var sender = new CloudEventSender(EmbeddedStack.get().bootstrapServers())) {
            sender.send(Topics.CUSTOMERS, customer.toString(), UUID.randomUUID(), "clientbook.customer.created.v1",
                    "{\"customerId\":\"" + customer + "\",\"ownerId\":\"" + ann + "\",\"createdAt\":\"2026-03-01T10:00:00Z\"}");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(sales(ann)).when().get("/api/v1/customers/{id}/timeline", customer).then().statusCode(200));
        given().auth().oauth2(sales(bob)).when().get("/api/v1/customers/{id}/timeline", customer).then().statusCode(404);
        given().auth().oauth2(EmbeddedStack.get().tokens().forRole("manager")).when().get("/api/v1/customers/{id}/timeline", customer).then().statusCode(200);

        try (var sender = new CloudEventSender(EmbeddedStack.get().bootstrapServers())) {
            sender.send(Topics.CUSTOMERS, customer.toString(), UUID.randomUUID(), "clientbook.customer.updated.v1",
                    "{\"customerId\":\"" + customer + "\",\"version\":1,\"updatedAt\":\"2026-03-02T10:00:00Z\","
                            + "\"changes\":[{\"field\":\"ownerId\",\"oldValue\":\"" + ann + "\",\"newValue\":\"" + bob + "\"}]}");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(sales(bob)).when().get("/api/v1/customers/{id}/timeline", customer).then().statusCode(200));
        given().auth().oauth2(sales(ann)).when().get("/api/v1/customers/{id}/timeline", customer).then().statusCode(404);
    }
}
