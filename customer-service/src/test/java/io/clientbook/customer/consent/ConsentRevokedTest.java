package io.clientbook.customer.consent;

import io.clientbook.devstack.testing.CloudEventSender;
import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.devstack.testing.TopicProbe;
import io.clientbook.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.clientbook.customer.Fixtures.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** interaction-service's consent.revoked (an unsubscribe) written onto the record, once, with its history and event. */
@QuarkusTest
class ConsentRevokedTest {

    @Test
    void customerCreatedCarriesTheCareFactsWithoutTheBirthYear() {
        try (var probe = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.CUSTOMERS)) {
            String id = as("manager").body("""
                            {"displayName": "Ada Care", "birthday": "1990-05-14", "timeZone": "Europe/Berlin", "tier": "vip",
                             "consents": [{"channel": "sms", "purpose": "marketing", "granted": true, "basis": "consent"}]}""")
                    .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
            var created = probe.await(r -> id.equals(r.key())
                    && new String(r.headers().lastHeader("ce_type").value()).equals("clientbook.customer.created.v1"), Duration.ofSeconds(30));
            JsonPath care = JsonPath.from(created.value()).setRootPath("care");
            assertEquals("05-14", care.getString("birthday"));
            assertEquals("Europe/Berlin", care.getString("timeZone"));
            assertEquals("vip", care.getString("tier"));
            assertEquals("sms", care.getString("consents[0].channel"));
            assertEquals(true, care.getBoolean("consents[0].granted"));
            org.junit.jupiter.api.Assertions.assertFalse(created.value().contains("1990"), created.value());
        }
    }

    @Test
    void anUnsubscribeRevokesTheMarketingEmailConsentAndLeavesTheOthers() {
        String id = as("manager").body("""
                        {"displayName": "Ada Unsubscribes", "consents": [
                          {"channel": "email", "purpose": "marketing", "granted": true, "basis": "consent", "at": "2026-01-01T00:00:00Z"},
                          {"channel": "email", "purpose": "service", "granted": true, "basis": "contract", "at": "2026-01-01T00:00:00Z"}]}""")
                .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
        UUID event = UUID.randomUUID();
        String revoked = "{\"customerId\":\"" + id + "\",\"channel\":\"email\",\"purpose\":\"marketing\",\"reason\":\"unsubscribed\","
                + "\"messageId\":\"" + UUID.randomUUID() + "\",\"revokedAt\":\"2026-11-22T18:04:00Z\"}";
        try (var sender = new CloudEventSender(EmbeddedStack.get().bootstrapServers());
             var probe = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.CUSTOMERS)) {
            sender.send(Topics.INTERACTIONS, id, event, "clientbook.consent.revoked.v1", revoked);
            sender.send(Topics.INTERACTIONS, id, event, "clientbook.consent.revoked.v1", revoked); // redelivered
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("admin").when().get("/api/v1/customers/{id}", id)
                    .then().statusCode(200)
                    .body("consents.find { it.channel == 'email' && it.purpose == 'marketing' }.granted", equalTo(false))
                    .body("consents.find { it.channel == 'email' && it.purpose == 'marketing' }.at", equalTo("2026-11-22T18:04:00Z"))
                    .body("consents.find { it.channel == 'email' && it.purpose == 'service' }.granted", equalTo(true)));
            var updated = probe.await(r -> id.equals(r.key())
                    && new String(r.headers().lastHeader("ce_type").value()).equals("clientbook.customer.updated.v1"), Duration.ofSeconds(30));
            assertEquals("consents", JsonPath.from(updated.value()).getString("changes[0].field"));
        }
        JsonPath history = as("admin").when().get("/api/v1/customers/{id}/history", id).then().statusCode(200).extract().jsonPath();
        assertEquals(1, history.getList("items.findAll { it.channel == 'interaction' }").size());
        as("admin").when().get("/api/v1/customers/{id}/history", id).then().body("items.channel", hasItem("interaction"));
    }
}
