package io.clientbook.customer.integration;

import io.restassured.response.ValidatableResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static io.clientbook.customer.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.equalTo;

/** A connected test shop that sends signed webhooks, and reads of what became of them. */
final class ShopWebhooks {

    final String platform;
    final String domain;
    final String secret;
    final String id;

    private ShopWebhooks(String platform, String domain, String secret, String id) {
        this.platform = platform;
        this.domain = domain;
        this.secret = secret;
        this.id = id;
    }

    static ShopWebhooks connect(String platform) {
        String domain = "shopify".equals(platform) ? "store-" + suffix() + ".myshopify.com" : "shop-" + suffix() + ".example.com";
        String secret = "secret-" + UUID.randomUUID();
        String id = as("integrator").body("""
                        {"platform": "%s", "domain": "%s", "webhookSecret": "%s", "currency": "USD"}""".formatted(platform, domain, secret))
                .when().post("/api/v1/integrations/shops")
                .then().statusCode(201).extract().path("id");
        return new ShopWebhooks(platform, domain, secret, id);
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    String source() {
        return platform + ":" + domain;
    }

    static String sample(String name) {
        try (InputStream in = ShopWebhooks.class.getResourceAsStream("/webhooks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a Shopify delivery signed with the shop's secret. */
    ValidatableResponse shopify(String topic, String eventId, String body) {
        return shopifySigned(topic, eventId, body, WebhookSignature.sign(secret.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8)));
    }

    ValidatableResponse shopifySigned(String topic, String eventId, String body, String signature) {
        var request = given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8))
                .header("X-Shopify-Topic", topic).header("X-Shopify-Shop-Domain", domain)
                .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString()).header("X-Shopify-API-Version", "2026-01");
        if (eventId != null) {
            request.header("X-Shopify-Event-Id", eventId);
        }
        if (signature != null) {
            request.header("X-Shopify-Hmac-Sha256", signature);
        }
        return request.when().post("/webhooks/shopify").then();
    }

    /** Sends a WooCommerce delivery signed with the webhook's secret. */
    ValidatableResponse wooCommerce(String topic, String deliveryId, String body) {
        return given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8))
                .header("X-WC-Webhook-Source", "https://" + domain + "/").header("X-WC-Webhook-Topic", topic)
                .header("X-WC-Webhook-Resource", topic.substring(0, topic.indexOf('.')))
                .header("X-WC-Webhook-Event", topic.substring(topic.indexOf('.') + 1))
                .header("X-WC-Webhook-ID", "31").header("X-WC-Webhook-Delivery-ID", deliveryId)
                .header("X-WC-Webhook-Signature", WebhookSignature.sign(secret.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8)))
                .when().post("/webhooks/woocommerce").then();
    }

    /** Waits until every delivery of this shop is processed, skipped or failed. */
    void awaitQuiet() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                as("integrator").queryParam("shopId", id).queryParam("status", "pending")
                        .when().get("/api/v1/integrations/deliveries")
                        .then().statusCode(200).body("items.size()", equalTo(0)));
    }

    /** The newest delivery of this shop with this topic, once processing finished. */
    io.restassured.path.json.JsonPath delivery(String topic) {
        awaitQuiet();
        return as("integrator").queryParam("shopId", id).queryParam("topic", topic).queryParam("limit", 1)
                .when().get("/api/v1/integrations/deliveries")
                .then().statusCode(200).body("items.size()", not(equalTo(0))).extract().jsonPath().setRootPath("items[0]");
    }
}
