package io.clientbook.customer.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.customer.customer.dto.Consent;
import io.clientbook.customer.order.dto.OrderStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static io.clientbook.customer.integration.ShopWebhooks.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The payload readers on the documented samples and the status tables, without a running service. */
class ShopPayloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void shopifyOrderStatusesFollowCancelledThenRefundedThenFulfilledThenPaid() throws Exception {
        assertEquals(OrderStatus.CANCELLED, ShopifyPayloads.status(json("{\"cancelled_at\": \"2026-01-01T00:00:00Z\", \"financial_status\": \"paid\"}")));
        assertEquals(OrderStatus.CANCELLED, ShopifyPayloads.status(json("{\"financial_status\": \"voided\"}")));
        assertEquals(OrderStatus.REFUNDED, ShopifyPayloads.status(json("{\"financial_status\": \"refunded\", \"fulfillment_status\": \"fulfilled\"}")));
        assertEquals(OrderStatus.FULFILLED, ShopifyPayloads.status(json("{\"financial_status\": \"paid\", \"fulfillment_status\": \"fulfilled\"}")));
        assertEquals(OrderStatus.PAID, ShopifyPayloads.status(json("{\"financial_status\": \"partially_refunded\"}")));
        assertEquals(OrderStatus.PLACED, ShopifyPayloads.status(json("{\"financial_status\": \"authorized\"}")));
        assertEquals(OrderStatus.PLACED, ShopifyPayloads.status(json("{}")));
    }

    @Test
    void theDocumentedShopifyOrderReadsAsACancelledOrderOfItsCustomer() throws Exception {
        ShopOrder order = ShopifyPayloads.order(json(sample("shopify/orders-create.json")));
        assertEquals("820982911946154508", order.id());
        assertEquals(OrderStatus.CANCELLED, order.status());
        assertEquals("403.00", order.total());
        assertEquals("20.00", order.discountTotal());
        assertEquals(Instant.parse("2022-01-01T00:00:00Z"), order.placedAt());
        assertEquals("115310627314723954", order.customer().id());
        assertNull(order.customer().updatedAt());
        assertEquals("CA", order.customer().addresses().getFirst().country());
        assertEquals(2, order.lineItems().size());
        assertEquals("1", order.lineItems().getFirst().quantity());
    }

    @Test
    void marketingConsentStatesGrantWithdrawOrSayNothing() throws Exception {
        Instant fallback = Instant.parse("2026-01-01T00:00:00Z");
        assertTrue(ShopifyPayloads.consent(json("{\"state\": \"subscribed\"}"), Consent.Channel.EMAIL, fallback).orElseThrow().granted());
        for (String state : List.of("not_subscribed", "unsubscribed", "redacted", "invalid")) {
            assertEquals(false, ShopifyPayloads.consent(json("{\"state\": \"" + state + "\"}"), Consent.Channel.SMS, fallback).orElseThrow().granted());
        }
        assertTrue(ShopifyPayloads.consent(json("{\"state\": \"pending\"}"), Consent.Channel.EMAIL, fallback).isEmpty());
        assertTrue(ShopifyPayloads.consent(json("{\"state\": null}"), Consent.Channel.EMAIL, fallback).isEmpty());
        assertEquals(fallback, ShopifyPayloads.consent(json("{\"state\": \"subscribed\", \"consent_updated_at\": null}"),
                Consent.Channel.EMAIL, fallback).orElseThrow().at());
    }

    @Test
    void aRefundIsItsSuccessfulRefundTransactionsElseItsLines() throws Exception {
        assertEquals(new BigDecimal("199.0"), ShopifyPayloads.refundAmount(json(sample("shopify/refunds-create.json"))));
        assertEquals(new BigDecimal("15.00"), ShopifyPayloads.refundAmount(json("""
                {"transactions": [{"kind": "refund", "status": "success", "amount": "10.00"},
                                  {"kind": "refund", "status": "failure", "amount": "99.00"},
                                  {"kind": "refund", "amount": "5.00"}, {"kind": "sale", "amount": "3.00"}],
                 "refund_line_items": [{"subtotal": 199.0}]}""")));
    }

    @Test
    void wooCommerceStatusesMapOntoClientbooks() {
        assertEquals(OrderStatus.PAID, WooCommercePayloads.status("processing"));
        assertEquals(OrderStatus.FULFILLED, WooCommercePayloads.status("completed"));
        assertEquals(OrderStatus.CANCELLED, WooCommercePayloads.status("failed"));
        assertEquals(OrderStatus.CANCELLED, WooCommercePayloads.status("trash"));
        assertEquals(OrderStatus.REFUNDED, WooCommercePayloads.status("refunded"));
        assertEquals(OrderStatus.PLACED, WooCommercePayloads.status("on-hold"));
        assertEquals(OrderStatus.PLACED, WooCommercePayloads.status("a-plugins-own"));
        assertThrows(MalformedPayload.class, () -> WooCommercePayloads.status(null));
    }

    @Test
    void theDocumentedWooCommerceGuestOrderIsMatchedByItsBillingEmail() throws Exception {
        ShopOrder order = WooCommercePayloads.order(json(sample("woocommerce/order-created.json")));
        assertNull(order.customer());
        assertEquals("john.doe@example.com", order.guest().emails().getFirst().address());
        assertEquals(Instant.parse("2017-03-22T19:28:02Z"), order.placedAt());
        assertEquals(Instant.parse("2017-03-22T19:28:08Z"), order.updatedAt());
        assertEquals("12", order.lineItems().get(1).unitPrice());
    }

    @Test
    void amountsAreNonNegativeDecimalsOfAtMostFourPlaces() throws Exception {
        JsonNode node = json("{\"a\": \"29.35\", \"b\": 3, \"c\": -1, \"d\": \"1e3\", \"e\": 1.123456, \"f\": \"abc\", \"g\": 1e309}");
        assertEquals("29.35", Payloads.decimal(node, "a"));
        assertEquals("3", Payloads.decimal(node, "b"));
        assertNull(Payloads.decimal(node, "c"));
        assertEquals("1000", Payloads.decimal(node, "d"));
        assertEquals("1.1235", Payloads.decimal(node, "e"));
        assertNull(Payloads.decimal(node, "f"));
        assertNull(Payloads.decimal(node, "g"));
        assertThrows(MalformedPayload.class, () -> Payloads.requiredDecimal(node, "c"));
    }

    @Test
    void signaturesAreBase64HmacSha256OverTheRawBytes() {
        // the published HMAC-SHA256 test vector (RFC 4231 case 2), base64
        assertEquals("W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=", WebhookSignature.sign("Jefe".getBytes(),
                "what do ya want for nothing?".getBytes()));
        assertTrue(WebhookSignature.verify("Jefe".getBytes(), "what do ya want for nothing?".getBytes(),
                "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM="));
        assertEquals(false, WebhookSignature.verify("Jefe".getBytes(), "what do ya want for nothing!".getBytes(),
                "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM="));
    }
}
