package io.clientbook.customer.integration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientbook.customer.customer.Caller;
import io.clientbook.customer.customer.CustomerService;
import io.clientbook.customer.customer.DuplicateFinder;
import io.clientbook.customer.customer.ExternalIdRegistry;
import io.clientbook.customer.customer.dto.Consent;
import io.clientbook.customer.customer.dto.CustomerView;
import io.clientbook.customer.customer.dto.Email;
import io.clientbook.customer.customer.dto.ExternalId;
import io.clientbook.customer.customer.dto.Phone;
import io.clientbook.customer.customer.dto.PostalAddress;
import io.clientbook.customer.order.OrderService;
import io.clientbook.customer.order.dto.OrderInput;
import io.clientbook.customer.order.dto.OrderStatus;
import io.clientbook.customer.order.dto.OrderView;
import io.clientbook.customer.privacy.PrivacyService;
import io.clientbook.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies what a shop sent to Clientbook's customers and orders, inside the delivery's transaction. A shop
 * object older (by its {@code updated_at}) than the newest one applied changes nothing; contacts, addresses,
 * tags and consents the shop sends are merged into the record, so what Clientbook users added stays.
 */
@ApplicationScoped
class ShopSync {

    static final String CUSTOMER = "customer";
    static final String ORDER = "order";

    /** What a delivery did, for its row in the delivery log. */
    record Applied(String objectKind, String objectId, String outcome, boolean skipped) {
        static Applied done(String kind, String id, String outcome) {
            return new Applied(kind, id, outcome, false);
        }

        static Applied skipped(String kind, String id, String why) {
            return new Applied(kind, id, why, true);
        }
    }

    private static final String OLDER = "older than the version already applied";

    private final CustomerService customers;
    private final ExternalIdRegistry externalIds;
    private final DuplicateFinder duplicates;
    private final OrderService orders;
    private final PrivacyService privacy;
    private final EntityManager entityManager;
    private final ObjectMapper json;

    ShopSync(CustomerService customers, ExternalIdRegistry externalIds, DuplicateFinder duplicates, OrderService orders,
            PrivacyService privacy, EntityManager entityManager, ObjectMapper json) {
        this.customers = customers;
        this.externalIds = externalIds;
        this.duplicates = duplicates;
        this.orders = orders;
        this.privacy = privacy;
        this.entityManager = entityManager;
        this.json = json;
    }

    // --- customers ---------------------------------------------------------------------------------------

    @Transactional(Transactional.TxType.MANDATORY)
    Applied customer(ShopConnection shop, ShopCustomer customer, Caller caller) throws JsonProcessingException {
        if (!newer(shop, CUSTOMER, customer.id(), customer.updatedAt())) {
            return Applied.skipped(CUSTOMER, customer.id(), OLDER);
        }
        CustomerService.WriteResult result = upsert(shop, customer, caller);
        return Applied.done(CUSTOMER, customer.id(), result.outcome().name().toLowerCase() + " customer " + result.customer().id());
    }

    /** customers/delete, customer.deleted: archived when only this shop knows the customer, otherwise kept. */
    @Transactional(Transactional.TxType.MANDATORY)
    Applied customerDeleted(ShopConnection shop, String id, Caller caller) {
        newer(shop, CUSTOMER, id, Instant.now()); // a late update of the deleted customer changes nothing
        Optional<UUID> owner = externalIds.owner(shop.source(), id);
        if (owner.isEmpty()) {
            return Applied.skipped(CUSTOMER, id, "no customer has this id");
        }
        boolean archived = customers.archiveDeletedAtSource(owner.get(), shop.source(), caller);
        return archived ? Applied.done(CUSTOMER, id, "archived customer " + owner.get())
                : Applied.skipped(CUSTOMER, id, "kept customer " + owner.get() + ": other sources know it");
    }

    /** customers/redact: the shop relays the person's erasure request; the person is erased across the suite. */
    @Transactional(Transactional.TxType.MANDATORY)
    Applied customerRedacted(ShopConnection shop, String id, Caller caller) {
        Optional<UUID> owner = externalIds.owner(shop.source(), id);
        if (owner.isEmpty()) {
            return Applied.skipped(CUSTOMER, id, "no customer has this id");
        }
        var request = privacy.requestErasure(owner.get(), caller);
        return Applied.done(CUSTOMER, id, "erasure " + request.id() + " of customer " + owner.get());
    }

    /** customers/data_request: Clientbook cannot answer the shop; the log names the customer to export. */
    Applied customerDataRequested(ShopConnection shop, String id) {
        Optional<UUID> owner = externalIds.owner(shop.source(), id);
        return owner.map(uuid -> Applied.done(CUSTOMER, id, "data requested: export with GET /api/v1/customers/" + uuid + "/export"))
                .orElseGet(() -> Applied.skipped(CUSTOMER, id, "data requested; no customer has this id"));
    }

    private CustomerService.WriteResult upsert(ShopConnection shop, ShopCustomer customer, Caller caller) throws JsonProcessingException {
        ExternalId key = new ExternalId(shop.source(), customer.id());
        Optional<CustomerView> existing = externalIds.owner(key.source(), key.externalId()).map(customers::get);
        return customers.upsert(key, document(shop, customer, existing, "customer " + customer.id()), caller);
    }

    /** The upsert body: names when the shop has them, contacts and consents merged into what is stored. */
    private ObjectNode document(ShopConnection shop, ShopCustomer customer, Optional<CustomerView> existing, String fallbackName) {
        ObjectNode body = json.createObjectNode();
        if (customer.fullName() != null) {
            body.put("displayName", customer.fullName());
            putIfPresent(body, "givenName", customer.givenName());
            putIfPresent(body, "familyName", customer.familyName());
        } else if (existing.isEmpty()) {
            body.put("displayName", (shop.platform().apiName().equals("shopify") ? "Shopify " : "WooCommerce ") + fallbackName);
        }
        if (customer.emails() != null) {
            body.set("emails", json.valueToTree(mergeEmails(existing.map(CustomerView::emails).orElse(List.of()), customer.emails())));
        }
        if (customer.phones() != null) {
            body.set("phones", json.valueToTree(mergePhones(existing.map(CustomerView::phones).orElse(List.of()), customer.phones())));
        }
        if (customer.addresses() != null) {
            body.set("addresses", json.valueToTree(mergeAddresses(existing.map(CustomerView::addresses).orElse(List.of()), customer.addresses())));
        }
        if (customer.tags() != null) {
            LinkedHashSet<String> tags = new LinkedHashSet<>(existing.map(CustomerView::tags).orElse(List.of()));
            customer.tags().stream().filter(t -> t.length() <= 50).forEach(tags::add);
            body.set("tags", json.valueToTree(tags.stream().limit(50).toList()));
        }
        if (customer.consents() != null) {
            body.set("consents", json.valueToTree(mergeConsents(existing.map(CustomerView::consents).orElse(List.of()), customer.consents())));
        }
        if (customer.updatedAt() != null) {
            body.put("sourceUpdatedAt", customer.updatedAt().toString());
        }
        if (existing.isEmpty()) {
            body.put("acquisitionSource", shop.source());
        }
        return body;
    }

    private static void putIfPresent(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    static List<Email> mergeEmails(List<Email> stored, List<Email> incoming) {
        List<Email> merged = new ArrayList<>(stored);
        boolean hasPrimary = stored.stream().anyMatch(Email::primary);
        for (Email email : incoming) {
            if (merged.stream().noneMatch(e -> e.address().equalsIgnoreCase(email.address())) && merged.size() < 20) {
                merged.add(new Email(email.address(), email.label(), email.primary() && !hasPrimary));
                hasPrimary |= email.primary();
            }
        }
        return merged;
    }

    static List<Phone> mergePhones(List<Phone> stored, List<Phone> incoming) {
        List<Phone> merged = new ArrayList<>(stored);
        boolean hasPrimary = stored.stream().anyMatch(Phone::primary);
        for (Phone phone : incoming) {
            String digits = digits(phone.number());
            if (merged.stream().noneMatch(p -> digits(p.number()).endsWith(digits) || digits.endsWith(digits(p.number())))
                    && merged.size() < 20) {
                merged.add(new Phone(phone.number(), phone.label(), phone.primary() && !hasPrimary, null));
                hasPrimary |= phone.primary();
            }
        }
        return merged;
    }

    private static String digits(String number) {
        return number.replaceAll("[^0-9]", "");
    }

    static List<PostalAddress> mergeAddresses(List<PostalAddress> stored, List<PostalAddress> incoming) {
        List<PostalAddress> merged = new ArrayList<>(stored);
        boolean hasPrimary = stored.stream().anyMatch(PostalAddress::primary);
        for (PostalAddress address : incoming) {
            if (merged.stream().noneMatch(a -> Payloads.sameAddress(a, address)) && merged.size() < 10) {
                merged.add(new PostalAddress(address.label(), address.line1(), address.line2(), address.city(), address.region(),
                        address.postalCode(), address.country(), address.primary() && !hasPrimary));
                hasPrimary |= address.primary();
            }
        }
        return merged;
    }

    /** A consent for a channel and purpose replaces the stored one unless the stored one is newer. */
    static List<Consent> mergeConsents(List<Consent> stored, List<Consent> incoming) {
        List<Consent> merged = new ArrayList<>(stored);
        for (Consent consent : incoming) {
            int at = -1;
            for (int i = 0; i < merged.size(); i++) {
                if (merged.get(i).channel() == consent.channel() && merged.get(i).purpose() == consent.purpose()) {
                    at = i;
                }
            }
            if (at < 0) {
                merged.add(consent);
            } else {
                Instant storedAt = merged.get(at).at();
                if (storedAt == null || consent.at() == null || !consent.at().isBefore(storedAt)) {
                    merged.set(at, consent);
                }
            }
        }
        return merged;
    }

    // --- orders ------------------------------------------------------------------------------------------

    @Transactional(Transactional.TxType.MANDATORY)
    Applied order(ShopConnection shop, ShopOrder order, Caller caller) throws JsonProcessingException {
        if (!newer(shop, ORDER, order.id(), order.updatedAt())) {
            return Applied.skipped(ORDER, order.id(), OLDER);
        }
        String currency = order.currency() != null ? order.currency() : shop.currency;
        if (currency == null) {
            throw new MalformedPayload("currency is missing and the shop connection names none");
        }
        Optional<OrderView> stored = storedOrder(shop, order.id());
        OrderInput.CustomerRef customer = buyer(shop, order, stored, caller);
        OrderStatus status = order.status();
        BigDecimal refunded = refunded(shop, order.id());
        if (status != OrderStatus.CANCELLED && refunded.signum() > 0 && refunded.compareTo(new BigDecimal(order.total())) >= 0) {
            status = OrderStatus.REFUNDED;
        }
        OrderService.WriteResult result = orders.upsert(shop.source(), order.id(), new OrderInput(null, null, customer, order.placedAt(),
                status, currency, order.total(), order.discountTotal(), order.channel(), order.lineItems()), caller);
        return Applied.done(ORDER, order.id(), result.outcome().name().toLowerCase() + " order " + result.order().id()
                + " (" + status.apiName() + ")");
    }

    /** orders/delete, order.deleted: the order stays in the history, cancelled. */
    @Transactional(Transactional.TxType.MANDATORY)
    Applied orderDeleted(ShopConnection shop, String id, Caller caller) throws JsonProcessingException {
        newer(shop, ORDER, id, Instant.now());
        Optional<OrderView> stored = storedOrder(shop, id);
        if (stored.isEmpty()) {
            return Applied.skipped(ORDER, id, "no order has this id");
        }
        OrderView o = stored.get();
        orders.upsert(shop.source(), id, new OrderInput(null, null, new OrderInput.CustomerRef(o.customerId(), null, null), o.placedAt(),
                OrderStatus.CANCELLED, o.currency(), o.total(), o.discountTotal(), o.channel(), o.lineItems()), caller);
        return Applied.done(ORDER, id, "cancelled order " + o.id() + " (deleted in the shop)");
    }

    /** refunds/create: kept per refund; the order becomes refunded once its refunds reach its total. */
    @Transactional(Transactional.TxType.MANDATORY)
    Applied refund(ShopConnection shop, String refundId, String orderId, BigDecimal amount, Caller caller) throws JsonProcessingException {
        entityManager.createNativeQuery("""
                        insert into shop_refund (connection_id, refund_id, order_id, amount) values (:shop, :refund, :order, :amount)
                        on conflict do nothing""")
                .setParameter("shop", shop.id).setParameter("refund", refundId).setParameter("order", orderId)
                .setParameter("amount", amount).executeUpdate();
        Optional<OrderView> stored = storedOrder(shop, orderId);
        if (stored.isEmpty()) {
            return Applied.skipped(ORDER, orderId, "refund kept; the order is not recorded yet");
        }
        OrderView o = stored.get();
        BigDecimal refunded = refunded(shop, orderId);
        if (o.status() == OrderStatus.CANCELLED || o.status() == OrderStatus.REFUNDED || refunded.compareTo(new BigDecimal(o.total())) < 0) {
            return Applied.done(ORDER, orderId, "refund of " + amount.toPlainString() + " kept; order " + o.id() + " stays " + o.status().apiName());
        }
        orders.upsert(shop.source(), orderId, new OrderInput(null, null, new OrderInput.CustomerRef(o.customerId(), null, null), o.placedAt(),
                OrderStatus.REFUNDED, o.currency(), o.total(), o.discountTotal(), o.channel(), o.lineItems()), caller);
        return Applied.done(ORDER, orderId, "refunded order " + o.id());
    }

    private Optional<OrderView> storedOrder(ShopConnection shop, String id) {
        try {
            return Optional.of(orders.get(shop.source(), id));
        } catch (ProblemException.NotFound e) {
            return Optional.empty();
        }
    }

    private BigDecimal refunded(ShopConnection shop, String orderId) {
        Object sum = entityManager.createNativeQuery("select coalesce(sum(amount), 0) from shop_refund where connection_id = :shop and order_id = :order")
                .setParameter("shop", shop.id).setParameter("order", orderId).getSingleResult();
        return (BigDecimal) sum;
    }

    /**
     * Whose order it is: the shop's customer account (applied first, by its own version, when the order carries a
     * full one; created from the order's billing details when unknown); for a guest, the customer already recorded
     * for the order, else the oldest customer with the order's e-mail, else a new customer.
     */
    private OrderInput.CustomerRef buyer(ShopConnection shop, ShopOrder order, Optional<OrderView> stored, Caller caller)
            throws JsonProcessingException {
        ShopCustomer account = order.customer();
        if (account != null) {
            if (account.updatedAt() != null) {
                customer(shop, account, caller);
            }
            if (externalIds.owner(shop.source(), account.id()).isEmpty()) {
                upsert(shop, account, caller);
            }
            return new OrderInput.CustomerRef(null, shop.source(), account.id());
        }
        if (stored.isPresent()) {
            return new OrderInput.CustomerRef(stored.get().customerId(), null, null);
        }
        ShopCustomer guest = order.guest();
        Optional<UUID> known = guest == null || guest.emails() == null ? Optional.empty()
                : duplicates.oldestWithEmail(guest.emails().getFirst().address());
        if (known.isPresent()) {
            return new OrderInput.CustomerRef(known.get(), null, null);
        }
        ShopCustomer nobody = guest == null ? new ShopCustomer(null, null, null, null, null, null, null, null, null) : guest;
        ObjectNode body = document(shop, new ShopCustomer(null, null, nobody.givenName(), nobody.familyName(), nobody.emails(),
                nobody.phones(), nobody.addresses(), null, null), Optional.empty(), "guest of order " + order.id());
        return new OrderInput.CustomerRef(customers.sync(body, caller).customer().id(), null, null);
    }

    /**
     * Records {@code updatedAt} as the newest version of the shop object unless a newer one is recorded; false
     * then (the delivery is older and changes nothing). The row stays locked until the delivery's transaction ends.
     */
    private boolean newer(ShopConnection shop, String kind, String id, Instant updatedAt) {
        if (updatedAt == null) {
            return true;
        }
        List<?> won = entityManager.createNativeQuery("""
                        insert into shop_object_version (connection_id, object_kind, object_id, updated_at)
                        values (:shop, :kind, :id, :at)
                        on conflict (connection_id, object_kind, object_id) do update set updated_at = excluded.updated_at
                        where shop_object_version.updated_at <= excluded.updated_at
                        returning 1""")
                .setParameter("shop", shop.id).setParameter("kind", kind).setParameter("id", id)
                .setParameter("at", updatedAt.truncatedTo(ChronoUnit.MICROS)).getResultList();
        return !won.isEmpty();
    }
}
