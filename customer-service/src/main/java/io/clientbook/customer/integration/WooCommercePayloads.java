package io.clientbook.customer.integration;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientbook.customer.customer.dto.Email;
import io.clientbook.customer.customer.dto.Phone;
import io.clientbook.customer.customer.dto.PostalAddress;
import io.clientbook.customer.order.dto.OrderInput;
import io.clientbook.customer.order.dto.OrderStatus;
import io.clientbook.customer.order.dto.SalesChannel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads WooCommerce's webhook payloads (REST API v3 Customer and Order) into shop customers and orders. Its times
 * come twice, in the shop's zone and in UTC ({@code *_gmt}, no offset); the UTC ones are read.
 */
final class WooCommercePayloads {

    private WooCommercePayloads() {
    }

    /** A Customer (customer.created, customer.updated). */
    static ShopCustomer customer(JsonNode c) {
        String id = Payloads.id(c, "id");
        Instant updatedAt = Payloads.utcOr(c, "date_modified_gmt", Payloads.utcOr(c, "date_created_gmt", null));
        JsonNode billing = c.path("billing");
        List<Email> emails = new ArrayList<>();
        if (Payloads.text(c, "email") != null) {
            emails.add(new Email(Payloads.text(c, "email"), null, true));
        }
        String billingEmail = Payloads.text(billing, "email");
        if (billingEmail != null && emails.stream().noneMatch(e -> e.address().equalsIgnoreCase(billingEmail))) {
            emails.add(new Email(billingEmail, "billing", emails.isEmpty()));
        }
        List<Phone> phones = Payloads.text(billing, "phone") == null ? null
                : List.of(new Phone(Payloads.text(billing, "phone"), "billing", true, null));
        List<PostalAddress> addresses = new ArrayList<>();
        address(billing, "billing", true).ifPresent(addresses::add);
        address(c.path("shipping"), "shipping", addresses.isEmpty())
                .filter(a -> addresses.stream().noneMatch(b -> Payloads.sameAddress(a, b))).ifPresent(addresses::add);
        String given = Payloads.text(c, "first_name") != null ? Payloads.text(c, "first_name") : Payloads.text(billing, "first_name");
        String family = Payloads.text(c, "last_name") != null ? Payloads.text(c, "last_name") : Payloads.text(billing, "last_name");
        return new ShopCustomer(id, updatedAt, given, family, emails.isEmpty() ? null : emails, phones,
                addresses.isEmpty() ? null : addresses, null, null);
    }

    /** An Order (order.created, order.updated); {@code customer_id} 0 is a guest, matched by the billing e-mail. */
    static ShopOrder order(JsonNode o) {
        String id = Payloads.id(o, "id");
        Instant placedAt = Payloads.utcOr(o, "date_created_gmt", Payloads.utcOr(o, "date_created", null));
        if (placedAt == null) {
            throw new MalformedPayload("date_created_gmt is missing");
        }
        Instant updatedAt = Payloads.utcOr(o, "date_modified_gmt", placedAt);
        JsonNode billing = o.path("billing");
        String email = Payloads.text(billing, "email");
        ShopCustomer buyer = new ShopCustomer(null, updatedAt, Payloads.text(billing, "first_name"), Payloads.text(billing, "last_name"),
                email == null ? null : List.of(new Email(email, null, true)),
                Payloads.text(billing, "phone") == null ? null : List.of(new Phone(Payloads.text(billing, "phone"), "billing", true, null)),
                address(billing, "billing", true).map(List::of).orElse(null), null, null);
        long customerId = o.path("customer_id").asLong(0);
        ShopCustomer customer = customerId > 0 ? new ShopCustomer(Long.toString(customerId), null, buyer.givenName(), buyer.familyName(),
                buyer.emails(), buyer.phones(), buyer.addresses(), null, null) : null;
        List<OrderInput.LineItem> lines = new ArrayList<>();
        o.path("line_items").forEach(line -> lines.add(new OrderInput.LineItem(Payloads.text(line, "sku"), Payloads.text(line, "name"),
                null, Payloads.decimal(line, "quantity"), Payloads.decimal(line, "price"))));
        return new ShopOrder(id, updatedAt, customer, customer == null ? buyer : null, placedAt, status(Payloads.text(o, "status")),
                Payloads.text(o, "currency"), Payloads.requiredDecimal(o, "total"), Payloads.decimal(o, "discount_total"),
                "pos".equals(Payloads.text(o, "created_via")) ? SalesChannel.STORE : SalesChannel.ONLINE, lines);
    }

    /** WooCommerce's order statuses onto Clientbook's. */
    static OrderStatus status(String status) {
        if (status == null) {
            throw new MalformedPayload("status is missing");
        }
        return switch (status) {
            case "processing" -> OrderStatus.PAID;
            case "completed" -> OrderStatus.FULFILLED;
            case "cancelled", "failed", "trash" -> OrderStatus.CANCELLED;
            case "refunded" -> OrderStatus.REFUNDED;
            default -> OrderStatus.PLACED; // pending, on-hold, checkout-draft, a plugin's own
        };
    }

    private static java.util.Optional<PostalAddress> address(JsonNode a, String label, boolean primary) {
        if (!a.isObject() || (Payloads.text(a, "address_1") == null && Payloads.text(a, "city") == null)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new PostalAddress(label, Payloads.text(a, "address_1"), Payloads.text(a, "address_2"),
                Payloads.text(a, "city"), Payloads.text(a, "state"), Payloads.text(a, "postcode"),
                Payloads.country(Payloads.text(a, "country")), primary));
    }
}
