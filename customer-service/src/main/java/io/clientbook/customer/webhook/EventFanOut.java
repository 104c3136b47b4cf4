package io.clientbook.customer.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientbook.platform.inbox.Inbox;
import io.clientbook.platform.inbox.IncomingEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the suite's events (customer, interaction and analytics topics) into one delivery per matching
 * subscription, in the same transaction as the inbox row: each event reaches each subscription once. An event
 * older than a subscription is not sent to it (a new subscription does not receive history).
 */
@ApplicationScoped
public class EventFanOut {

    static final String CONSUMER = "customer.webhooks";
    private static final Pattern TYPE = Pattern.compile("clientbook\\.(.+)\\.v\\d+");

    private final Inbox inbox;
    private final EntityManager entityManager;
    private final ObjectMapper json;
    private final WebhookSender sender;

    EventFanOut(Inbox inbox, EntityManager entityManager, ObjectMapper json, WebhookSender sender) {
        this.inbox = inbox;
        this.entityManager = entityManager;
        this.json = json;
        this.sender = sender;
    }

    private record Subscription(UUID id, Set<String> types, Set<String> changedFields, Instant since) {
        boolean wants(String type) {
            return types.contains("*") || types.contains(type) || types.contains(type.substring(0, type.indexOf('.') + 1) + "*");
        }
    }

    @Incoming("webhook-events")
    @Blocking
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        if (QuarkusTransaction.requiringNew().call(() -> subscriptions().isEmpty())) {
            // Nobody subscribed: nothing to send, and no inbox row per event to remember that (during a bulk load that
            // was one more insert for every customer written). A subscription never receives events older than itself.
            return batch.ack();
        }
        CompletionStage<Void> done = inbox.applyBatch(CONSUMER, batch, null, () -> {
            List<Subscription> subscriptions = subscriptions();
            return event -> fanOut(event, subscriptions);
        });
        sender.wake();
        return done;
    }

    private List<Subscription> subscriptions() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select id, array_to_string(event_types, ','), array_to_string(changed_fields, ','), created_at
                        from webhook_subscription where active and deleted_at is null""").getResultList();
        return rows.stream().map(r -> new Subscription((UUID) r[0], new HashSet<>(Arrays.asList(((String) r[1]).split(","))),
                r[2] == null || ((String) r[2]).isEmpty() ? null : new HashSet<>(Arrays.asList(((String) r[2]).split(","))),
                io.clientbook.platform.persistence.Rows.instant(r[3]))).toList();
    }

    private void fanOut(IncomingEvent event, List<Subscription> subscriptions) {
        if (subscriptions.isEmpty()) {
            return;
        }
        Matcher m = TYPE.matcher(event.type());
        String type = m.matches() ? m.group(1) : event.type();
        JsonNode data;
        try {
            data = json.readTree(event.data());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IncomingEvent.MalformedEventException("the event's data is not JSON");
        }
        Set<String> changed = new HashSet<>();
        if (type.equals("customer.updated")) {
            data.path("changes").forEach(c -> changed.add(c.path("field").asText()));
        }
        String body = null;
        for (Subscription s : subscriptions) {
            if (!s.wants(type) || event.time().isBefore(s.since())
                    || type.equals("customer.updated") && s.changedFields() != null && s.changedFields().stream().noneMatch(changed::contains)) {
                continue;
            }
            if (body == null) {
                ObjectNode envelope = json.createObjectNode().put("id", event.id().toString()).put("type", type)
                        .put("occurredAt", event.time().toString()).put("subject", event.subject());
                envelope.set("data", data);
                body = envelope.toString();
            }
            entityManager.createNativeQuery("""
                            insert into webhook_send (id, subscription_id, event_id, event_type, ordering_key, payload, created_at, status, next_attempt_at)
                            values (:id, :sub, :event, :type, :key, :payload, now(), 'pending', now())
                            on conflict (subscription_id, event_id) do nothing""")
                    .setParameter("id", UUID.randomUUID()).setParameter("sub", s.id()).setParameter("event", event.id())
                    .setParameter("type", type).setParameter("key", event.subject() == null ? event.id().toString() : event.subject())
                    .setParameter("payload", body).executeUpdate();
        }
    }
}
