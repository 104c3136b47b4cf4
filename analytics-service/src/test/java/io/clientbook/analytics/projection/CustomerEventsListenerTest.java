package io.clientbook.analytics.projection;

import io.agroal.api.AgroalDataSource;
import io.clientbook.devstack.testing.CloudEventSender;
import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.devstack.testing.TopicProbe;
import io.clientbook.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Customer events from the real broker build the projection, each exactly once. */
@QuarkusTest
class CustomerEventsListenerTest {

    @Inject
    AgroalDataSource dataSource;

    CloudEventSender sender;

    @BeforeEach
    void connect() {
        sender = new CloudEventSender(EmbeddedStack.get().bootstrapServers());
    }

    @AfterEach
    void disconnect() {
        sender.close();
    }

    static String token(String role) {
        return EmbeddedStack.get().tokens().forRole(role);
    }

    @Test
    void aCreatedCustomerAppearsInTheProjection() {
        UUID customerId = UUID.randomUUID();
        sendCreated(UUID.randomUUID(), customerId);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(token("analyst"))
                        .when().get("/api/v1/analytics/customers/{id}", customerId)
                        .then().statusCode(200)
                        .body("customerId", equalTo(customerId.toString()))
                        .body("customerSince", equalTo("2026-01-02T03:04:05Z"))
                        .body("purchaseCount", equalTo(0)));
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() throws SQLException {
        UUID customerId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        sendCreated(eventId, customerId);
        sendCreated(eventId, customerId);
        // A later event on the same key (same partition): once it is applied, both copies were handled
        UUID marker = UUID.randomUUID();
        UUID markerCustomer = UUID.randomUUID();
        sender.send(Topics.CUSTOMERS, customerId.toString(), marker, "clientbook.customer.created.v1",
                "{\"customerId\":\"" + markerCustomer + "\",\"createdAt\":\"2026-01-02T03:04:05Z\"}");

        await().atMost(Duration.ofSeconds(30)).until(() -> inboxCount(marker) == 1);
        assertEquals(1, inboxCount(eventId));
        assertEquals(1, eventsApplied(customerId));
    }

    @Test
    void aMalformedMessageGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        try (var deadLetters = new TopicProbe(EmbeddedStack.get().bootstrapServers(), "clientbook.dlq.analytics-service")) {
            String poisonKey = UUID.randomUUID().toString();
            sender.send(Topics.CUSTOMERS, poisonKey, Map.of("ce_type", "clientbook.customer.created.v1"), "{not json");

            deadLetters.await(r -> poisonKey.equals(r.key()), Duration.ofSeconds(30));

            UUID customerId = UUID.randomUUID();
            sendCreated(UUID.randomUUID(), customerId);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().auth().oauth2(token("analyst"))
                            .when().get("/api/v1/analytics/customers/{id}", customerId)
                            .then().statusCode(200));
        }
    }

    @Test
    void anUnknownCustomerIsNotFound() {
        given().auth().oauth2(token("analyst"))
                .when().get("/api/v1/analytics/customers/{id}", UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void eventsThisConsumerDoesNotActOnAreAcknowledgedWithoutADatabaseTransaction() throws SQLException {
        UUID customerId = UUID.randomUUID();
        UUID unwanted = UUID.randomUUID();
        sender.send(Topics.CUSTOMERS, customerId.toString(), unwanted, "clientbook.loyalty.changed.v1", "{}");
        UUID marker = UUID.randomUUID();
        sendCreated(marker, customerId); // same key, so read after the unwanted one
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxCount(marker) == 1);
        assertEquals(0, inboxCount(unwanted));
    }

    @Test
    void anonymousCallsAreUnauthenticated() {
        given().when().get("/api/v1/analytics/customers/{id}", UUID.randomUUID())
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void supportCannotReadAnalytics() {
        given().auth().oauth2(token("support"))
                .when().get("/api/v1/analytics/customers/{id}", UUID.randomUUID())
                .then().statusCode(403);
    }

    private void sendCreated(UUID eventId, UUID customerId) {
        sender.send(Topics.CUSTOMERS, customerId.toString(), eventId, "clientbook.customer.created.v1",
                "{\"customerId\":\"" + customerId + "\",\"ownerId\":\"dev-sales\",\"createdAt\":\"2026-01-02T03:04:05Z\"}");
    }

    private long inboxCount(UUID eventId) throws SQLException {
        try (var c = dataSource.getConnection();
             var s = c.prepareStatement("select count(*) from inbox where event_id = ?")) {
            s.setObject(1, eventId);
            var rs = s.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    private int eventsApplied(UUID customerId) throws SQLException {
        try (var c = dataSource.getConnection();
             var s = c.prepareStatement("select events_applied from customer_projection where customer_id = ?")) {
            s.setObject(1, customerId);
            var rs = s.executeQuery();
            return rs.next() ? rs.getInt(1) : -1;
        }
    }
}
