package io.clientbook.customer.integration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.customer.customer.Caller;
import io.clientbook.customer.customer.dto.Consent;
import io.clientbook.customer.customer.dto.Email;
import io.clientbook.customer.customer.dto.Phone;
import io.clientbook.customer.integration.dto.ShopPlatform;
import io.clientbook.platform.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.validation.ConstraintViolationException;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Works through stored deliveries on its own thread, on every instance: claims a due delivery, applies it in one
 * transaction with its log entry (all or nothing), and on failure records why and when to try again — or parks it
 * as failed when the payload cannot be applied (malformed, invalid) or its attempts are spent. A parked or slow
 * delivery never holds up the others. Counted in {@code clientbook_webhook_deliveries_total{platform, outcome}}.
 */
@ApplicationScoped
class DeliveryProcessor {

    private static final Logger LOG = Logger.getLogger(DeliveryProcessor.class);

    /** A pause in the intake this long lets the processor go on at once. */
    private static final java.time.Duration LULL = java.time.Duration.ofMillis(20);

    private final DeliveryLog log;
    private final DeliveryWriter writer;
    private final ShopConnections connections;
    private final ShopSync sync;
    private final EntityManager entityManager;
    private final IntegrationConfig config;
    private final MeterRegistry meters;
    private final ObjectMapper json;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread loop;

    DeliveryProcessor(DeliveryLog log, DeliveryWriter writer, ShopConnections connections, ShopSync sync, EntityManager entityManager, IntegrationConfig config, MeterRegistry meters,
            ObjectMapper json) {
        this.json = json;
        this.log = log;
        this.connections = connections;
        this.writer = writer;
        this.sync = sync;
        this.entityManager = entityManager;
        this.config = config;
        this.meters = meters;
    }

    void start(@Observes StartupEvent startup) {
        if (config.processing().enabled()) {
            running = true;
            loop = Thread.ofPlatform().daemon().name("webhook-deliveries").start(this::processUntilStopped);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (loop != null) {
            loop.interrupt();
            loop.join(5_000);
        }
    }

    /** A delivery was stored on this instance: look now rather than at the next poll. */
    void wake() {
        wakeUp.release();
    }

    private void processUntilStopped() {
        while (running) {
            try {
                writer.awaitLull(LULL, config.processing().maxYield());
                List<UUID> due = log.due(config.processing().batchSize());
                processTogether(due);
                if (due.size() < config.processing().batchSize()) {
                    wakeUp.tryAcquire(config.processing().idlePoll().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Webhook processing paused after %s; trying again shortly", e.getClass().getSimpleName());
                try {
                    Thread.sleep(config.processing().idlePoll().toMillis());
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Due deliveries applied in one transaction (one commit for the lot, which is what lets the processor keep up with a
     * shop's burst); should any of them fail, the lot is rolled back and each delivery is processed alone, so only the
     * failing one is retried or parked. Deliveries another instance holds are left to it.
     */
    void processTogether(List<UUID> due) {
        if (due.size() <= 1) {
            due.forEach(this::process);
            return;
        }
        List<String> platforms = new java.util.ArrayList<>();
        List<ShopSync.Applied> applied;
        try {
            applied = QuarkusTransaction.requiringNew().call(() -> {
                List<ShopSync.Applied> results = new java.util.ArrayList<>();
                for (DeliveryLog.Claimed claimed : log.claimAll(due)) {
                    ShopConnection shop = entityManager.find(ShopConnection.class, claimed.connectionId());
                    ShopSync.Applied result = apply(shop, claimed);
                    log.finished(claimed.id(), result);
                    platforms.add(shop.platform);
                    results.add(result);
                    // a delivery's entities are not needed by the next one: without this every query's auto-flush
                    // checks all the batch's entities so far, and a batch costs the square of its size
                    entityManager.flush();
                    entityManager.clear();
                }
                return results;
            });
        } catch (RuntimeException oneFailed) {
            due.forEach(this::process);
            return;
        }
        for (int i = 0; i < applied.size(); i++) {
            meters.counter("clientbook_webhook_deliveries_total", "platform", platforms.get(i), "outcome",
                    applied.get(i).skipped() ? "skipped" : "processed").increment();
        }
    }

    /** One delivery: applied and logged in one transaction, or rolled back and its failure logged in another. */
    void process(UUID id) {
        String platform = "unknown";
        try {
            String[] seen = new String[1];
            ShopSync.Applied applied = QuarkusTransaction.requiringNew().call(() -> log.claim(id).map(claimed -> {
                ShopConnection shop = entityManager.find(ShopConnection.class, claimed.connectionId());
                seen[0] = shop.platform;
                ShopSync.Applied result = apply(shop, claimed);
                log.finished(id, result);
                return result;
            }).orElse(null));
            if (applied != null) {
                platform = seen[0];
                meters.counter("clientbook_webhook_deliveries_total", "platform", platform, "outcome",
                        applied.skipped() ? "skipped" : "processed").increment();
            }
        } catch (RuntimeException e) {
            Throwable cause = unwrap(e);
            boolean permanent = permanent(cause);
            String status = QuarkusTransaction.requiringNew().call(() -> log.attemptFailed(id, reason(cause), permanent,
                    config.processing().maxAttempts(), config.processing().retryBackoff()));
            if (status != null) {
                meters.counter("clientbook_webhook_deliveries_total", "platform", platform, "outcome",
                        DeliveryLog.FAILED.equals(status) ? "failed" : "retried").increment();
                LOG.infof("Webhook delivery %s %s: %s", id, DeliveryLog.FAILED.equals(status) ? "parked as failed" : "will be retried",
                        reason(cause));
            }
        }
    }

    private ShopSync.Applied apply(ShopConnection shop, DeliveryLog.Claimed delivery) {
        try {
            Caller caller = new Caller("shop:" + shop.source(), Set.of("integrator"));
            if ("(none)".equals(delivery.topic())) {
                throw new MalformedPayload("the delivery names no topic");
            }
            // the service's own reader: nesting and size bounds, duplicate keys refused, and no text that could not be
            // stored (a NUL, half a surrogate pair) gets past this point to fail at commit instead
            JsonNode body = json.readValue(delivery.body(), JsonNode.class);
            if (body == null || !body.isObject()) {
                throw new MalformedPayload("the body is not a JSON object");
            }
            return shop.platform() == ShopPlatform.SHOPIFY ? shopify(shop, delivery, body, caller) : wooCommerce(shop, delivery, body, caller);
        } catch (com.fasterxml.jackson.databind.exc.InvalidFormatException e) {
            String where = e.getPath().stream().map(com.fasterxml.jackson.databind.JsonMappingException.Reference::getFieldName)
                    .filter(java.util.Objects::nonNull).collect(Collectors.joining("."));
            throw new MalformedPayload((where.isEmpty() ? "a text" : where) + " " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new MalformedPayload(e.getOriginalMessage().startsWith("Duplicate field") ? "a field is given twice" : "the body is not JSON");
        }
    }

    private ShopSync.Applied shopify(ShopConnection shop, DeliveryLog.Claimed delivery, JsonNode body, Caller caller)
            throws JsonProcessingException {
        return switch (delivery.topic()) {
            case "customers/create", "customers/update", "customers/enable", "customers/disable" ->
                    sync.customer(shop, ShopifyPayloads.customer(body), caller);
            case "customers/delete" -> sync.customerDeleted(shop, Payloads.id(body, "id"), caller);
            case "customers_email_marketing_consent/update" -> {
                String email = Payloads.text(body, "email_address");
                List<Consent> consent = ShopifyPayloads.consent(body.path("email_marketing_consent"), Consent.Channel.EMAIL,
                        delivery.receivedAt()).map(List::of).orElse(null);
                yield sync.customer(shop, new ShopCustomer(Payloads.id(body, "customer_id"), null, null, null,
                        email == null ? null : List.of(new Email(email, null, true)), null, null, null, consent), caller);
            }
            case "customers_marketing_consent/update" -> {
                String phone = Payloads.text(body, "phone");
                List<Consent> consent = ShopifyPayloads.consent(body.path("sms_marketing_consent"), Consent.Channel.SMS,
                        delivery.receivedAt()).map(List::of).orElse(null);
                yield sync.customer(shop, new ShopCustomer(Payloads.id(body, "id"), null, null, null, null,
                        phone == null ? null : List.of(new Phone(phone, null, true, null)), null, null, consent), caller);
            }
            case "orders/create", "orders/updated", "orders/paid", "orders/cancelled", "orders/fulfilled", "orders/partially_fulfilled" ->
                    sync.order(shop, ShopifyPayloads.order(body), caller);
            case "orders/delete" -> sync.orderDeleted(shop, Payloads.id(body, "id"), caller);
            case "refunds/create" -> sync.refund(shop, Payloads.id(body, "id"), Payloads.id(body, "order_id"),
                    ShopifyPayloads.refundAmount(body), caller);
            case "customers/redact" -> sync.customerRedacted(shop, Payloads.id(body.path("customer"), "id"), caller);
            case "customers/data_request" -> sync.customerDataRequested(shop, Payloads.id(body.path("customer"), "id"));
            case "shop/redact" -> {
                shop.disconnectedAt = Instant.now();
                int dropped = log.dropBodiesOf(shop.id);
                connections.forgetKeys();
                yield ShopSync.Applied.done("shop", shop.domain, "disconnected the shop; dropped " + dropped + " stored bodies");
            }
            default -> ShopSync.Applied.skipped(null, null, "topic not handled");
        };
    }

    private ShopSync.Applied wooCommerce(ShopConnection shop, DeliveryLog.Claimed delivery, JsonNode body, Caller caller)
            throws JsonProcessingException {
        return switch (delivery.topic()) {
            case "customer.created", "customer.updated" -> sync.customer(shop, WooCommercePayloads.customer(body), caller);
            case "customer.deleted" -> sync.customerDeleted(shop, Payloads.id(body, "id"), caller);
            case "order.created", "order.updated", "order.restored" -> sync.order(shop, WooCommercePayloads.order(body), caller);
            case "order.deleted" -> sync.orderDeleted(shop, Payloads.id(body, "id"), caller);
            default -> ShopSync.Applied.skipped(null, null, "topic not handled");
        };
    }

    private static Throwable unwrap(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause != cause.getCause()
                && !(cause instanceof MalformedPayload || cause instanceof ProblemException || cause instanceof ConstraintViolationException)) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Payloads that cannot be applied as sent: trying again changes nothing. */
    private static boolean permanent(Throwable cause) {
        return cause instanceof MalformedPayload || cause instanceof ConstraintViolationException
                || cause instanceof ProblemException p && p.status() >= 400 && p.status() < 500 && p.status() != 409 && p.status() != 412;
    }

    /** Why, naming fields and never their values. */
    static String reason(Throwable cause) {
        return switch (cause) {
            case MalformedPayload m -> m.getMessage();
            case ConstraintViolationException v -> "invalid: " + v.getConstraintViolations().stream()
                    .map(c -> c.getPropertyPath() + " " + c.getMessage()).sorted().collect(Collectors.joining("; "));
            case ProblemException p -> p.errors().isEmpty() ? p.getMessage()
                    : "invalid: " + p.errors().stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
            default -> cause.getClass().getSimpleName() + " (will be retried)";
        };
    }
}
