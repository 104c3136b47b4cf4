package io.clientbook.customer.order;

import io.clientbook.platform.web.Paging;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.clientbook.customer.change.ChangeFeed;
import io.clientbook.customer.customer.Caller;
import io.clientbook.customer.customer.CustomerService;
import io.clientbook.customer.customer.CustomerService.Outcome;
import io.clientbook.customer.customer.dto.ExternalId;
import io.clientbook.customer.order.dto.OrderInput;
import io.clientbook.customer.order.dto.OrderPage;
import io.clientbook.customer.order.dto.OrderStatus;
import io.clientbook.customer.order.dto.OrderView;
import io.clientbook.customer.order.dto.SalesChannel;
import io.clientbook.events.customer.OrderRecorded;
import io.clientbook.events.customer.OrderUpdated;
import io.clientbook.platform.outbox.Outbox;
import io.clientbook.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Purchase history: orders upserted by (source, external id), each change recorded as an event. */
@ApplicationScoped
public class OrderService {

    private static final Pattern SOURCE = Pattern.compile("[a-z0-9:._-]{1,200}");

    public record WriteResult(Outcome outcome, OrderView order) {
    }

    private final OrderRepository orders;
    private final CustomerService customers;
    private final Outbox outbox;
    private final Validator validator;
    private final EntityManager entityManager;
    private final ChangeFeed feed;

    OrderService(OrderRepository orders, CustomerService customers, Outbox outbox, Validator validator,
            EntityManager entityManager, ChangeFeed feed) {
        this.orders = orders;
        this.customers = customers;
        this.outbox = outbox;
        this.validator = validator;
        this.entityManager = entityManager;
        this.feed = feed;
    }

    public OrderView get(String source, String externalId) {
        OrderView order = orders.byExternalId(source, externalId).map(OrderService::toView)
                .orElseThrow(() -> new ProblemException.NotFound("No order has external id " + source + "/" + externalId, Map.of()));
        try {
            customers.requireKnown(order.customerId()); // an order is visible to whoever may see its customer
        } catch (ProblemException.NotFound e) {
            throw new ProblemException.NotFound("No order has external id " + source + "/" + externalId, Map.of());
        }
        return order;
    }

    /** Every order of a customer, newest first (privacy exports). */
    public List<OrderView> allOf(UUID customerId) {
        return orders.list("customerId = ?1 order by placedAt desc, id desc", customerId).stream().map(OrderService::toView).toList();
    }

    /** A customer's orders, newest first. */
    public OrderPage ofCustomer(UUID customerId, String cursor, Integer limit) {
        int size = Paging.limit(limit);
        customers.get(customerId);
        Instant afterAt = null;
        UUID afterId = null;
        if (cursor != null && !cursor.isBlank()) {
            String[] parts = Paging.parts(cursor, 2);
            try {
                afterAt = Instant.parse(parts[0]);
                afterId = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw Paging.invalidCursor();
            }
        }
        List<CustomerOrder> rows = orders.ofCustomer(customerId, afterAt, afterId, size + 1);
        boolean more = rows.size() > size;
        List<CustomerOrder> page = more ? rows.subList(0, size) : rows;
        String next = more ? Paging.cursor(page.getLast().placedAt, page.getLast().id) : null;
        return new OrderPage(page.stream().map(OrderService::toView).toList(), next);
    }

    @Transactional
    public WriteResult upsertByExternalId(String source, String externalId, OrderInput input, Caller caller)
            throws JsonProcessingException {
        return upsert(source, externalId, input, caller);
    }

    /**
     * Records the order or updates it. An order naming an unknown customer by external id creates that
     * customer. Inside the caller's transaction; a refused row leaves it usable (batches).
     */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = {ProblemException.class, ConstraintViolationException.class})
    public WriteResult upsert(String source, String externalId, OrderInput input, Caller caller) throws JsonProcessingException {
        if (input == null) {
            throw new ProblemException.Invalid("body", "must be a JSON object");
        }
        Set<ConstraintViolation<OrderInput>> violations = validator.validate(input);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        if (source == null || !SOURCE.matcher(source).matches()) {
            throw new ProblemException.Invalid("source", "may contain only a-z, 0-9 and : . _ - (up to 200)");
        }
        if (externalId == null || externalId.isBlank() || externalId.length() > 200) {
            throw new ProblemException.Invalid("externalId", "must be 1 to 200 characters");
        }
        if (input.source() != null && !input.source().equals(source)) {
            throw new ProblemException.Invalid("source", "differs from the source in the path");
        }
        if (input.externalId() != null && !input.externalId().equals(externalId)) {
            throw new ProblemException.Invalid("externalId", "differs from the external id in the path");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(input.currency());
        } catch (IllegalArgumentException e) {
            throw new ProblemException.Invalid("currency", "is not an ISO 4217 currency");
        }
        UUID customerId = resolveCustomer(input.customer(), caller);

        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var existing = orders.byExternalId(source, externalId);
        CustomerOrder order = existing.orElseGet(() -> CustomerOrder.newOrder(source, externalId, now));
        String previousStatus = order.status;
        boolean changed = existing.isEmpty() | apply(order, input, customerId, currency);
        if (!changed) {
            return new WriteResult(Outcome.UNCHANGED, toView(order));
        }
        if (existing.isEmpty()) {
            orders.persist(order);
        } else {
            order.updatedAt = now;
        }
        entityManager.flush();
        OrderView view = toView(order);
        List<OrderRecorded.OrderLine> lines = view.lineItems().stream()
                .map(l -> new OrderRecorded.OrderLine(l.sku(), l.name(), l.category(), l.quantity(), l.unitPrice())).toList();
        if (existing.isEmpty()) {
            outbox.record(OrderRecorded.TYPE, customerId.toString(), new OrderRecorded(order.id, customerId, source, externalId,
                    order.placedAt, order.status, order.currency, view.total(), view.discountTotal(), order.channel, lines));
        } else {
            outbox.record(OrderUpdated.TYPE, customerId.toString(), new OrderUpdated(order.id, customerId, source, externalId,
                    order.placedAt, order.status, previousStatus, order.currency, view.total(), view.discountTotal(),
                    order.channel, lines));
        }
        feed.record("order", order.id, customerId, (existing.isEmpty() ? OrderRecorded.TYPE : OrderUpdated.TYPE).name(), order.version,
                null, order.updatedAt);
        return new WriteResult(existing.isEmpty() ? Outcome.CREATED : Outcome.UPDATED, view);
    }

    /**
     * Moves orders from one customer to another (merges and unmerges); all of {@code from}'s orders when
     * {@code only} is null. Returns the ids moved. Each moved order is an order.updated in the change feed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> move(UUID from, UUID to, List<UUID> only) {
        entityManager.flush();
        @SuppressWarnings("unchecked")
        List<Object[]> moved = entityManager.createNativeQuery("""
                        update customer_order set customer_id = :to, version = version + 1, updated_at = :now
                         where customer_id = :from and (cast(:all as boolean) or id = any(cast(:only as uuid[])))
                        returning id, version""")
                .setParameter("to", to)
                .setParameter("from", from)
                .setParameter("now", Instant.now().truncatedTo(ChronoUnit.MICROS))
                .setParameter("all", only == null)
                .setParameter("only", (only == null ? List.<UUID>of() : only).toArray(UUID[]::new))
                .getResultList();
        entityManager.clear(); // orders loaded before are stale now
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<UUID> ids = new ArrayList<>();
        for (Object[] row : moved) {
            UUID id = (UUID) row[0];
            ids.add(id);
            feed.record("order", id, to, OrderUpdated.TYPE.name(), ((Number) row[1]).longValue(), List.of("customerId"), now);
        }
        return ids;
    }

    private UUID resolveCustomer(OrderInput.CustomerRef ref, Caller caller) throws JsonProcessingException {
        if (ref.id() != null) {
            try {
                return customers.get(ref.id()).id();
            } catch (ProblemException.NotFound e) {
                throw new ProblemException.Invalid("customer.id", "no such customer");
            }
        }
        if (ref.source() == null || ref.externalId() == null) {
            throw new ProblemException.Invalid("customer", "name the customer by id or by source and externalId");
        }
        return customers.ensureByExternalId(new ExternalId(ref.source(), ref.externalId()), caller);
    }

    /** Copies the input; true when anything differs from what was stored. */
    private static boolean apply(CustomerOrder order, OrderInput in, UUID customerId, Currency currency) {
        BigDecimal total = new BigDecimal(in.total());
        BigDecimal discount = in.discountTotal() == null ? BigDecimal.ZERO : new BigDecimal(in.discountTotal());
        List<OrderInput.LineItem> lines = in.lineItems() == null ? List.of() : List.copyOf(in.lineItems());
        String channel = in.channel() == null ? null : in.channel().apiName();
        boolean changed = !Objects.equals(order.customerId, customerId)
                || !Objects.equals(order.placedAt, in.placedAt().truncatedTo(ChronoUnit.MICROS))
                || !Objects.equals(order.status, in.status().apiName())
                || !Objects.equals(order.currency, currency.getCurrencyCode())
                || order.total == null || order.total.compareTo(total) != 0
                || order.discountTotal.compareTo(discount) != 0
                || !Objects.equals(order.channel, channel)
                || !Objects.equals(order.lineItems, lines);
        order.customerId = customerId;
        order.placedAt = in.placedAt().truncatedTo(ChronoUnit.MICROS);
        order.status = in.status().apiName();
        order.currency = currency.getCurrencyCode();
        order.total = total;
        order.discountTotal = discount;
        order.channel = channel;
        order.lineItems = new ArrayList<>(lines);
        return changed;
    }

    static OrderView toView(CustomerOrder o) {
        return new OrderView(o.id, o.source, o.externalId, o.customerId, o.placedAt, OrderStatus.parse(o.status), o.currency,
                money(o.total, o.currency), money(o.discountTotal, o.currency),
                o.channel == null ? null : SalesChannel.parse(o.channel), List.copyOf(o.lineItems), o.version, o.createdAt,
                o.updatedAt);
    }

    /** At least the currency's minor digits: 29.3 USD is "29.30", 1000 JPY is "1000". */
    static String money(BigDecimal amount, String currency) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.setScale(Math.max(digits, Math.max(0, stripped.scale()))).toPlainString();
    }
}
