package io.clientbook.customer.integration;

import io.clientbook.customer.integration.dto.ShopPlatform;
import io.clientbook.platform.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Takes a shop's webhook in: finds the shop, verifies the signature over the raw bytes, and stores the delivery
 * (or recognises it as one already stored) before the answer. Nothing is stored for a delivery that fails any check.
 * Counted in {@code clientbook_webhooks_received_total{platform, outcome=accepted|duplicate|refused|ping}}.
 */
@ApplicationScoped
class WebhookIntake {

    private static final Logger LOG = Logger.getLogger(WebhookIntake.class);
    /** Headers kept with a delivery: what it was, never the signature. */
    private static final List<String> KEPT = List.of("X-Shopify-Topic", "X-Shopify-Shop-Domain", "X-Shopify-Webhook-Id",
            "X-Shopify-Event-Id", "X-Shopify-Triggered-At", "X-Shopify-API-Version", "X-WC-Webhook-Topic", "X-WC-Webhook-Source",
            "X-WC-Webhook-Resource", "X-WC-Webhook-Event", "X-WC-Webhook-ID", "X-WC-Webhook-Delivery-ID", "Content-Type");

    private final ShopConnections connections;
    private final DeliveryLog log;
    private final DeliveryWriter writer;
    private final MeterRegistry meters;

    WebhookIntake(ShopConnections connections, DeliveryLog log, DeliveryWriter writer, MeterRegistry meters) {
        this.connections = connections;
        this.log = log;
        this.writer = writer;
        this.meters = meters;
    }

    /** A Shopify delivery; true when stored now, false when already stored. */
    boolean shopify(byte[] body, HttpHeaders headers) {
        String domain = lower(headers.getHeaderString("X-Shopify-Shop-Domain"));
        ShopConnections.ShopKey shop = verified(ShopPlatform.SHOPIFY, domain, body, headers.getHeaderString("X-Shopify-Hmac-Sha256"));
        String key = first(headers, "X-Shopify-Event-Id", "X-Shopify-Webhook-Id").orElseGet(() -> "sha256:" + sha256(body));
        return store(shop, headers.getHeaderString("X-Shopify-Topic"), key, body, headers);
    }

    /** A WooCommerce delivery; true when stored now, false when already stored. */
    boolean wooCommerce(byte[] body, HttpHeaders headers) {
        String host = host(headers.getHeaderString("X-WC-Webhook-Source"));
        ShopConnections.ShopKey shop = verified(ShopPlatform.WOOCOMMERCE, host, body, headers.getHeaderString("X-WC-Webhook-Signature"));
        String key = first(headers, "X-WC-Webhook-Delivery-ID").orElseGet(() -> "sha256:" + sha256(body));
        return store(shop, headers.getHeaderString("X-WC-Webhook-Topic"), key, body, headers);
    }

    /** WooCommerce's test delivery when a webhook is saved: a form body {@code webhook_id=N}, unsigned. */
    boolean isWooCommercePing(byte[] body, HttpHeaders headers) {
        if (headers.getHeaderString("X-WC-Webhook-Signature") != null || body.length > 100) {
            return false;
        }
        boolean ping = new String(body, StandardCharsets.US_ASCII).strip().matches("webhook_id=\\d+");
        if (ping) {
            meters.counter("clientbook_webhooks_received_total", "platform", "woocommerce", "outcome", "ping").increment();
        }
        return ping;
    }

    private ShopConnections.ShopKey verified(ShopPlatform platform, String domain, byte[] body, String signature) {
        Optional<ShopConnections.ShopKey> shop = domain == null ? Optional.empty() : connections.liveKey(platform, domain);
        if (shop.isEmpty() || !WebhookSignature.verify(connections.secretOf(shop.get()), body, signature)) {
            meters.counter("clientbook_webhooks_received_total", "platform", platform.apiName(), "outcome", "refused").increment();
            LOG.warnf("Refused a %s webhook: %s", platform.apiName(), shop.isEmpty() ? "unknown shop" : "bad or missing signature");
            throw new ProblemException(401, "/problems/webhook-not-verified", "Webhook not verified",
                    "The shop is not connected, or the signature does not match the body", List.of(), Map.of());
        }
        return shop.get();
    }

    private boolean store(ShopConnections.ShopKey shop, String topic, String key, byte[] body, HttpHeaders headers) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : KEPT) {
            String value = headers.getHeaderString(name);
            if (value != null && value.length() <= 300) {
                kept.put(name, value);
            }
        }
        String safeTopic = topic == null || topic.isBlank() ? "(none)" : topic.strip().substring(0, Math.min(topic.strip().length(), 100));
        String deliveryKey = key.length() > 200 ? "sha256:" + sha256(key.getBytes(StandardCharsets.UTF_8)) : key;
        boolean stored = writer.store(new DeliveryLog.NewDelivery(shop.id(), shop.platform(), safeTopic, deliveryKey,
                log.seal(new String(body, StandardCharsets.UTF_8)), log.headersJson(kept),
                Instant.now().truncatedTo(ChronoUnit.MICROS)));
        meters.counter("clientbook_webhooks_received_total", "platform", shop.platform(), "outcome", stored ? "accepted" : "duplicate")
                .increment();
        return stored;
    }

    private static Optional<String> first(HttpHeaders headers, String... names) {
        for (String name : names) {
            String value = headers.getHeaderString(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.strip());
            }
        }
        return Optional.empty();
    }

    /** {@code https://shop.example.com/} → {@code shop.example.com}. */
    static String host(String source) {
        if (source == null || source.isBlank()) {
            return null;
        }
        try {
            String host = URI.create(source.strip()).getHost();
            return lower(host);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String lower(String text) {
        return text == null ? null : text.strip().toLowerCase(Locale.ROOT);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
