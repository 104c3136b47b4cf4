package io.clientbook.interaction.care;

import io.clientbook.devstack.testing.CloudEventSender;
import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.events.Topics;

import java.time.Instant;
import java.util.UUID;

/** Customer-service's and analytics' events as the broker carries them, for tests of the care rules. */
public final class CareEvents {

    private CareEvents() {
    }

    public static String token(String role) {
        return EmbeddedStack.get().tokens().forRole(role);
    }

    /** consents: a JSON array such as [{"channel":"phone","purpose":"service","granted":true}] */
    public static void customerCreated(UUID customerId, String ownerId, String tier, String birthday, String timeZone, String consents) {
        String care = "{\"tier\":" + quoted(tier) + ",\"lifecycleStage\":null,\"birthday\":" + quoted(birthday) + ",\"timeZone\":"
                + quoted(timeZone) + ",\"consents\":" + consents + "}";
        send(Topics.CUSTOMERS, customerId, UUID.randomUUID(), "clientbook.customer.created.v1", "{\"customerId\":\"" + customerId
                + "\",\"ownerId\":" + quoted(ownerId) + ",\"createdAt\":\"2026-01-05T10:00:00Z\",\"externalIds\":[],\"care\":" + care + "}");
    }

    public static void orderRecorded(UUID eventId, UUID customerId, Instant placedAt) {
        send(Topics.CUSTOMERS, customerId, eventId, "clientbook.order.recorded.v1", "{\"orderId\":\"" + UUID.randomUUID()
                + "\",\"customerId\":\"" + customerId + "\",\"source\":\"shopify:store-a.myshopify.com\",\"externalId\":\"1001\","
                + "\"placedAt\":\"" + placedAt + "\",\"status\":\"paid\",\"currency\":\"EUR\",\"total\":\"49.90\",\"lineItems\":[]}");
    }

    public static void send(String topic, UUID key, UUID eventId, String type, String json) {
        try (var sender = new CloudEventSender(EmbeddedStack.get().bootstrapServers())) {
            sender.send(topic, key.toString(), eventId, type, json);
        }
    }

    public static final String ALL_CONSENTS = "[{\"channel\":\"phone\",\"purpose\":\"service\",\"granted\":true},"
            + "{\"channel\":\"email\",\"purpose\":\"service\",\"granted\":true},{\"channel\":\"email\",\"purpose\":\"marketing\",\"granted\":true},"
            + "{\"channel\":\"phone\",\"purpose\":\"marketing\",\"granted\":true}]";

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
