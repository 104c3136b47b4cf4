package io.clientbook.analytics;

import io.clientbook.devstack.testing.CloudEventSender;
import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.events.Topics;

import java.util.UUID;

/** Sends customer and order events to the real broker the way customer-service's relay does. */
public final class OrderEvents implements AutoCloseable {

    private final CloudEventSender sender = new CloudEventSender(EmbeddedStack.get().bootstrapServers());

    public UUID customer(String createdAt, String ownerId, String source, String externalId) {
        UUID id = UUID.randomUUID();
        sender.send(Topics.CUSTOMERS, id.toString(), UUID.randomUUID(), "clientbook.customer.created.v1",
                "{\"customerId\":\"" + id + "\",\"createdAt\":\"" + createdAt + "\""
                        + (ownerId == null ? "" : ",\"ownerId\":\"" + ownerId + "\"")
                        + (source == null ? "" : ",\"externalIds\":[{\"source\":\"" + source + "\",\"externalId\":\"" + externalId + "\"}]")
                        + "}");
        return id;
    }

    public UUID order(UUID customer, String placedAt, String status, String currency, String total) {
        UUID order = UUID.randomUUID();
        send("order.recorded", order, customer, placedAt, status, null, currency, total);
        return order;
    }

    public void update(UUID order, UUID customer, String placedAt, String status, String previousStatus, String currency, String total) {
        send("order.updated", order, customer, placedAt, status, previousStatus, currency, total);
    }

    private void send(String type, UUID order, UUID customer, String placedAt, String status, String previousStatus, String currency,
                      String total) {
        sender.send(Topics.CUSTOMERS, customer.toString(), UUID.randomUUID(), "clientbook." + type + ".v1", """
                {"orderId":"%s","customerId":"%s","source":"shop","externalId":"%s","placedAt":"%s","status":"%s",%s
                 "currency":"%s","total":"%s","discountTotal":"0","channel":"online","lineItems":[]}"""
                .formatted(order, customer, order, placedAt, status,
                        previousStatus == null ? "" : "\"previousStatus\":\"" + previousStatus + "\",", currency, total));
    }

    public void raw(String key, String type, String json) {
        sender.send(Topics.CUSTOMERS, key, UUID.randomUUID(), type, json);
    }

    @Override
    public void close() {
        sender.close();
    }
}
