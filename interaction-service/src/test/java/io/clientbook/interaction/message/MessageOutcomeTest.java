package io.clientbook.interaction.message;

import io.agroal.api.AgroalDataSource;
import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.devstack.testing.TopicProbe;
import io.clientbook.events.Topics;
import io.clientbook.interaction.care.CareEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.clientbook.interaction.care.CareEvents.ALL_CONSENTS;
import static io.clientbook.interaction.care.CareEvents.token;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A care message requested by a rule, reported back by a delivery adapter; an unsubscribe revokes the consent. */
@QuarkusTest
class MessageOutcomeTest {

    @Inject
    AgroalDataSource dataSource;

    private static boolean isType(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> r, String type) {
        return new String(r.headers().lastHeader("ce_type").value()).equals(type);
    }

    @Test
    void aCustomerTurningAtRiskGetsTheReactivationOfferAndAnUnsubscribeRevokesTheConsentOnce() throws Exception {
        UUID customer = UUID.randomUUID();
        CareEvents.customerCreated(customer, null, null, null, null, ALL_CONSENTS);
        String messageId;
        try (TopicProbe messages = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.MESSAGES)) {
            CareEvents.send(Topics.CUSTOMERS, customer, UUID.randomUUID(), "clientbook.customer.updated.v1", "{\"customerId\":\"" + customer
                    + "\",\"changes\":[{\"field\":\"lifecycleStage\",\"oldValue\":\"repeat\",\"newValue\":\"at-risk\"}],\"version\":2,"
                    + "\"updatedAt\":\"" + Instant.now() + "\"}");
            var requested = messages.await(r -> r.key().equals(customer.toString()), Duration.ofSeconds(30));
            JsonPath m = JsonPath.from(requested.value());
            assertEquals("reactivation-offer", m.getString("templateKey"));
            messageId = m.getString("messageId");
        }
        given().auth().oauth2(token("manager")).when().get("/api/v1/messages/{id}", messageId)
                .then().statusCode(200).body("status", equalTo("requested")).body("customerId", equalTo(customer.toString()));
        given().auth().oauth2(token("sales")).contentType("application/json").body("{\"outcome\":\"delivered\"}")
                .when().post("/api/v1/messages/{id}/outcome", messageId).then().statusCode(403);
        given().auth().oauth2(token("integrator")).contentType("application/json").body("{\"outcome\":\"sent-to-mars\"}")
                .when().post("/api/v1/messages/{id}/outcome", messageId).then().statusCode(400);

        try (TopicProbe events = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.INTERACTIONS)) {
            given().auth().oauth2(token("integrator")).contentType("application/json").body("{\"outcome\":\"delivered\"}")
                    .when().post("/api/v1/messages/{id}/outcome", messageId).then().statusCode(200).body("status", equalTo("delivered"));
            for (int i = 0; i < 2; i++) {
                given().auth().oauth2(token("integrator")).contentType("application/json")
                        .body("{\"outcome\":\"unsubscribed\",\"at\":\"2026-11-22T18:04:00Z\"}")
                        .when().post("/api/v1/messages/{id}/outcome", messageId).then().statusCode(200).body("status", equalTo("unsubscribed"));
            }
            var revoked = events.await(r -> r.key().equals(customer.toString()) && isType(r, "clientbook.consent.revoked.v1"), Duration.ofSeconds(30));
            JsonPath r = JsonPath.from(revoked.value());
            assertEquals("email", r.getString("channel"));
            assertEquals("marketing", r.getString("purpose"));
            assertEquals("unsubscribed", r.getString("reason"));
            assertEquals(messageId, r.getString("messageId"));
            long count = events.drain(Duration.ofSeconds(1)).stream()
                    .filter(x -> x.key().equals(customer.toString()) && isType(x, "clientbook.consent.revoked.v1")).count();
            assertEquals(1, count);
        }
        given().auth().oauth2(token("manager")).queryParam("kind", "message").when().get("/api/v1/customers/{id}/timeline", customer)
                .then().statusCode(200).body("items[0].summary", equalTo("Message reactivation-offer by email — unsubscribed"));
    }

    @Test
    void aHardBounceRevokesTheChannelForEveryPurpose() {
        UUID customer = UUID.randomUUID();
        CareEvents.customerCreated(customer, null, null, null, null, ALL_CONSENTS);
        String messageId;
        try (TopicProbe messages = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.MESSAGES)) {
            CareEvents.send(Topics.CUSTOMERS, customer, UUID.randomUUID(), "clientbook.customer.updated.v1", "{\"customerId\":\"" + customer
                    + "\",\"changes\":[{\"field\":\"lifecycleStage\",\"oldValue\":null,\"newValue\":\"AT_RISK\"}],\"version\":2,"
                    + "\"updatedAt\":\"" + Instant.now() + "\"}");
            messageId = JsonPath.from(messages.await(r -> r.key().equals(customer.toString()), Duration.ofSeconds(30)).value()).getString("messageId");
        }
        try (TopicProbe events = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.INTERACTIONS)) {
            given().auth().oauth2(token("integrator")).contentType("application/json").body("{\"outcome\":\"bounced\",\"permanent\":true}")
                    .when().post("/api/v1/messages/{id}/outcome", messageId).then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> events.drain(Duration.ofMillis(300)).stream()
                    .filter(x -> x.key().equals(customer.toString()) && isType(x, "clientbook.consent.revoked.v1"))
                    .map(x -> JsonPath.from(x.value()).getString("purpose")).distinct().count() == 2);
        }
    }
}
