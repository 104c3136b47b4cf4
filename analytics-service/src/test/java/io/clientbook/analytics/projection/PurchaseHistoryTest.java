package io.clientbook.analytics.projection;

import io.clientbook.analytics.OrderEvents;
import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.devstack.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.comparesEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Order events become the purchase history the models read: cancelled and refunded orders net out. */
@QuarkusTest
class PurchaseHistoryTest {

    private static String token() {
        return EmbeddedStack.get().tokens().forRole("analyst");
    }

    @Test
    void ordersBecomePurchasesAndCancelledOrRefundedOnesNetOut() {
        UUID customer;
        try (OrderEvents events = new OrderEvents()) {
            customer = events.customer("2026-02-01T09:00:00Z", null, "shop", "C-1");
            events.order(customer, "2026-03-01T10:00:00Z", "paid", "USD", "100.00");
            events.order(customer, "2026-03-01T18:00:00Z", "paid", "USD", "50.00");
            events.order(customer, "2026-03-10T10:00:00Z", "cancelled", "USD", "30.00");
            UUID refunded = events.order(customer, "2026-04-01T10:00:00Z", "paid", "USD", "20.00");
            events.update(refunded, customer, "2026-04-01T10:00:00Z", "refunded", "paid", "USD", "20.00");
            events.order(customer, "2026-04-05T10:00:00Z", "paid", "JPY", "1000");
        }
        // three purchases (the JPY one has no configured rate: it counts, its amount stays out of spend)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(token()).when().get("/api/v1/analytics/customers/{id}", customer)
                        .then().statusCode(200)
                        .body("purchaseCount", equalTo(3))
                        .body("totalSpent", comparesEqualTo(150.0f))
                        .body("firstPurchaseAt", equalTo("2026-03-01T10:00:00Z"))
                        .body("lastPurchaseAt", equalTo("2026-04-05T10:00:00Z")));
    }

    @Test
    void anOrderThatCannotBeAppliedGoesAloneToTheDeadLetterTopic() {
        UUID customer;
        try (var deadLetters = new TopicProbe(EmbeddedStack.get().bootstrapServers(), "clientbook.dlq.analytics-service");
             OrderEvents events = new OrderEvents()) {
            customer = events.customer("2026-02-01T09:00:00Z", null, null, null);
            events.order(customer, "2026-03-01T10:00:00Z", "paid", "USD", "10.00");
            UUID broken = events.order(customer, "2026-03-02T10:00:00Z", "paid", "USD", "ten dollars");
            events.order(customer, "2026-03-03T10:00:00Z", "paid", "USD", "30.00");
            var parked = deadLetters.await(r -> r.value().contains(broken.toString()), Duration.ofSeconds(30));
            assertEquals(customer.toString(), parked.key());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().auth().oauth2(token()).when().get("/api/v1/analytics/customers/{id}", customer)
                            .then().statusCode(200).body("purchaseCount", equalTo(2)).body("totalSpent", comparesEqualTo(40.0f)));
            deadLetters.drain(Duration.ofSeconds(2));
            assertEquals(1, deadLetters.seen().stream().filter(r -> customer.toString().equals(r.key())).count(),
                    "only the broken order was parked, not the events applied with it");
        }
    }

    @Test
    void aMergeMovesTheOrdersItNamesAndAnUnmergeMovesThemBack() {
        UUID survivor;
        UUID merged;
        UUID order;
        try (OrderEvents events = new OrderEvents()) {
            survivor = events.customer("2026-01-01T09:00:00Z", null, null, null);
            merged = events.customer("2026-01-02T09:00:00Z", null, null, null);
            events.order(survivor, "2026-02-01T10:00:00Z", "paid", "USD", "10.00");
            order = events.order(merged, "2026-02-05T10:00:00Z", "paid", "USD", "25.00");
            events.raw(survivor.toString(), "clientbook.customer.merged.v1", """
                    {"survivorId":"%s","mergedIds":["%s"],"version":2,"orderIds":["%s"],"mergedAt":"2026-03-01T10:00:00Z"}"""
                    .formatted(survivor, merged, order));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(token()).when().get("/api/v1/analytics/customers/{id}", survivor)
                        .then().statusCode(200).body("purchaseCount", equalTo(2)).body("totalSpent", comparesEqualTo(35.0f)));

        try (OrderEvents events = new OrderEvents()) {
            events.raw(survivor.toString(), "clientbook.customer.unmerged.v1", """
                    {"survivorId":"%s","restoredId":"%s","orderIds":["%s"],"survivorVersion":3,"restoredVersion":2,
                     "unmergedAt":"2026-03-02T10:00:00Z"}""".formatted(survivor, merged, order));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(token()).when().get("/api/v1/analytics/customers/{id}", merged)
                        .then().statusCode(200).body("purchaseCount", equalTo(1)).body("totalSpent", comparesEqualTo(25.0f)));
        given().auth().oauth2(token()).when().get("/api/v1/analytics/customers/{id}", survivor)
                .then().statusCode(200).body("purchaseCount", equalTo(1)).body("totalSpent", comparesEqualTo(10.0f));
    }
}
