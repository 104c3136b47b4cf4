package io.clientbook.customer.integration;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientbook.customer.customer.dto.Consent;
import io.clientbook.customer.customer.dto.Email;
import io.clientbook.customer.customer.dto.Phone;
import io.clientbook.customer.customer.dto.PostalAddress;
import io.clientbook.customer.order.dto.OrderInput;
import io.clientbook.customer.order.dto.OrderStatus;
import io.clientbook.customer.order.dto.SalesChannel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads Shopify's webhook payloads (the Admin REST resources: Customer, Order, Refund) into shop customers and
 * orders. Plain Java: tested on the documented sample payloads without a running service.
 */
final class ShopifyPayloads {

    private ShopifyPayloads() {
    }

    /** A Customer resource (customers/create, customers/update, the customer inside an order). */
    static ShopCustomer customer(JsonNode c) {
        String id = Payloads.id(c, "id");
        Instant updatedAt = Payloads.instantOr(c, "updated_at", Payloads.instantOr(c, "created_at", null));
        List<Email> emails = Payloads.text(c, "email") == null ? null
                : List.of(new Email(Payloads.text(c, "email"), null, true));
        List<Phone> phones = Payloads.text(c, "phone") == null ? null
                : List.of(new Phone(Payloads.text(c, "phone"), null, true, null));
        List<PostalAddress> addresses = new ArrayList<>();
        JsonNode given = c.path("addresses");
        if (given.isArray()) {
            given.forEach(a -> address(a).ifPresent(addresses::add));
        }
        if (c.path("default_address").isObject()) {
            address(c.path("default_address")).filter(a -> addresses.stream().noneMatch(b -> Payloads.sameAddress(a, b)))
                    .ifPresent(addresses::add);
        }
        List<String> tags = c.has("tags") && c.get("tags").isTextual()
                ? Arrays.stream(c.get("tags").textValue().split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList()
                : null;
        List<Consent> consents = new ArrayList<>();
        consent(c.path("email_marketing_consent"), Consent.Channel.EMAIL, updatedAt).ifPresent(consents::add);
        consent(c.path("sms_marketing_consent"), Consent.Channel.SMS, updatedAt).ifPresent(consents::add);
        return new ShopCustomer(id, updatedAt, Payloads.text(c, "first_name"), Payloads.text(c, "last_name"), emails, phones,
                addresses.isEmpty() ? null : addresses, tags, consents.isEmpty() ? null : consents);
    }

    /**
     * A marketing consent object ({@code {"state": "subscribed", "opt_in_level": …, "consent_updated_at": …}}):
     * subscribed grants, not_subscribed / unsubscribed / redacted / invalid withdraw, pending (double opt-in not yet
     * confirmed) and an absent state say nothing.
     */
    static java.util.Optional<Consent> consent(JsonNode consent, Consent.Channel channel, Instant fallbackAt) {
        if (!consent.isObject() || !consent.path("state").isTextual()) {
            return java.util.Optional.empty();
        }
        Boolean granted = switch (consent.get("state").textValue()) {
            case "subscribed" -> true;
            case "not_subscribed", "unsubscribed", "redacted", "invalid" -> false;
            default -> null;
        };
        if (granted == null) {
            return java.util.Optional.empty();
        }
        Instant at = Payloads.instantOr(consent, "consent_updated_at", fallbackAt);
        return java.util.Optional.of(new Consent(channel, Consent.Purpose.MARKETING, granted, Consent.Basis.CONSENT, at));
    }

    /** An Order resource (orders/create, orders/updated, orders/paid, orders/cancelled, orders/fulfilled). */
    static ShopOrder order(JsonNode o) {
        String id = Payloads.id(o, "id");
        Instant createdAt = Payloads.instantOr(o, "created_at", null);
        Instant placedAt = Payloads.instantOr(o, "processed_at", createdAt);
        if (placedAt == null) {
            throw new MalformedPayload("created_at is missing");
        }
        Instant updatedAt = Payloads.instantOr(o, "updated_at", placedAt);
        ShopCustomer customer = o.path("customer").isObject() && o.path("customer").hasNonNull("id") ? customer(o.get("customer")) : null;
        ShopCustomer guest = null;
        if (customer == null) {
            String email = Payloads.text(o, "email") != null ? Payloads.text(o, "email") : Payloads.text(o, "contact_email");
            JsonNode billing = o.path("billing_address");
            guest = new ShopCustomer(null, updatedAt, Payloads.text(billing, "first_name"), Payloads.text(billing, "last_name"),
                    email == null ? null : List.of(new Email(email, null, true)), null, null, null, null);
        }
        List<OrderInput.LineItem> lines = new ArrayList<>();
        o.path("line_items").forEach(line -> lines.add(new OrderInput.LineItem(Payloads.text(line, "sku"),
                Payloads.text(line, "title") != null ? Payloads.text(line, "title") : Payloads.text(line, "name"),
                Payloads.text(line, "product_type"), Payloads.decimal(line, "quantity"), Payloads.decimal(line, "price"))));
        String source = Payloads.text(o, "source_name");
        return new ShopOrder(id, updatedAt, customer, guest, placedAt, status(o), Payloads.text(o, "currency"),
                Payloads.requiredDecimal(o, "total_price"), Payloads.decimal(o, "total_discounts"),
                "pos".equals(source) ? SalesChannel.STORE : SalesChannel.ONLINE, lines);
    }

    /**
     * The order's status from Shopify's three: cancelled (or voided) wins, then fully refunded, then fulfilled,
     * then paid (partly paid or partly refunded count as paid), otherwise placed (pending, authorized).
     */
    static OrderStatus status(JsonNode o) {
        String financial = Payloads.text(o, "financial_status");
        if (Payloads.text(o, "cancelled_at") != null || "voided".equals(financial)) {
            return OrderStatus.CANCELLED;
        }
        if ("refunded".equals(financial)) {
            return OrderStatus.REFUNDED;
        }
        if ("fulfilled".equals(Payloads.text(o, "fulfillment_status"))) {
            return OrderStatus.FULFILLED;
        }
        if ("paid".equals(financial) || "partially_paid".equals(financial) || "partially_refunded".equals(financial)) {
            return OrderStatus.PAID;
        }
        return OrderStatus.PLACED;
    }

    /** A Refund resource: the money it returned (its successful refund transactions, else its line items). */
    static BigDecimal refundAmount(JsonNode refund) {
        BigDecimal sum = BigDecimal.ZERO;
        boolean any = false;
        for (JsonNode t : refund.path("transactions")) {
            String status = Payloads.text(t, "status");
            if ("refund".equals(Payloads.text(t, "kind")) && (status == null || "success".equals(status))) {
                sum = sum.add(new BigDecimal(Payloads.requiredDecimal(t, "amount")));
                any = true;
            }
        }
        if (!any) {
            for (JsonNode line : refund.path("refund_line_items")) {
                String subtotal = Payloads.decimal(line, "subtotal");
                if (subtotal != null) {
                    sum = sum.add(new BigDecimal(subtotal));
                }
            }
        }
        return sum;
    }

    private static java.util.Optional<PostalAddress> address(JsonNode a) {
        if (!a.isObject() || (Payloads.text(a, "address1") == null && Payloads.text(a, "city") == null)) {
            return java.util.Optional.empty();
        }
        String region = Payloads.text(a, "province_code") != null ? Payloads.text(a, "province_code") : Payloads.text(a, "province");
        return java.util.Optional.of(new PostalAddress(null, Payloads.text(a, "address1"), Payloads.text(a, "address2"),
                Payloads.text(a, "city"), region, Payloads.text(a, "zip"),
                Payloads.country(Payloads.text(a, "country_code") != null ? Payloads.text(a, "country_code") : Payloads.text(a, "country")),
                a.path("default").asBoolean(false)));
    }
}
