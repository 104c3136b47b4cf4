package io.clientbook.analytics.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.events.customer.CustomerCreated;
import io.clientbook.events.customer.CustomerErased;
import io.clientbook.events.customer.CustomerMerged;
import io.clientbook.events.customer.CustomerUnmerged;
import io.clientbook.events.customer.CustomerUpdated;
import io.clientbook.events.customer.OrderRecorded;
import io.clientbook.events.customer.OrderUpdated;
import io.clientbook.events.privacy.ErasureConfirmed;
import io.clientbook.platform.outbox.Outbox;
import io.clientbook.platform.persistence.Rows;
import io.clientbook.platform.problem.ProblemException;
import io.clientbook.platform.security.OwnerVisibility;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Keeps the customer projection current from events and answers reads of it. */
@ApplicationScoped
public class CustomerProjectionService {

    static final String SERVICE = "analytics-service";

    private final CustomerProjectionRepository projections;
    private final Outbox outbox;
    private final OwnerVisibility visibility;
    private final ReportingCurrency currency;
    private final ObjectMapper mapper;

    /** Order statuses that are no purchase (a refund nets the order out entirely). */
    private static final Set<String> NOT_PURCHASES = Set.of("cancelled", "refunded");

    CustomerProjectionService(CustomerProjectionRepository projections, Outbox outbox, OwnerVisibility visibility,
                              ReportingCurrency currency, ObjectMapper mapper) {
        this.projections = projections;
        this.outbox = outbox;
        this.visibility = visibility;
        this.currency = currency;
        this.mapper = mapper;
    }

    /**
     * Starts the projection of a new customer (or completes one an early order started). Writes are plain SQL
     * throughout: a batch applies many events in one transaction, and a managed entity would write back
     * figures that a later event in the same batch recounted.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void customerCreated(CustomerCreated event) {
        projections.getEntityManager().createNativeQuery("""
                        insert into customer_projection (customer_id, owner_id, customer_since, events_applied, updated_at, external_ids)
                        values (:customer, :owner, :since, 1, :now, cast(:ids as jsonb))
                        on conflict (customer_id) do update set owner_id = coalesce(excluded.owner_id, customer_projection.owner_id),
                            customer_since = excluded.customer_since, external_ids = excluded.external_ids,
                            events_applied = customer_projection.events_applied + 1, updated_at = excluded.updated_at""")
                .setParameter("customer", event.customerId()).setParameter("owner", event.ownerId())
                .setParameter("since", event.createdAt()).setParameter("now", Instant.now())
                .setParameter("ids", json(event.externalIds())).executeUpdate();
    }

    /** What the projection takes from an order.recorded or order.updated: the whole order's current state. */
    public record OrderFacts(UUID orderId, UUID customerId, Instant placedAt, String status, String currency, String total) {

        public static OrderFacts of(OrderRecorded o) {
            return new OrderFacts(o.orderId(), o.customerId(), o.placedAt(), o.status(), o.currency(), o.total());
        }

        public static OrderFacts of(OrderUpdated o) {
            return new OrderFacts(o.orderId(), o.customerId(), o.placedAt(), o.status(), o.currency(), o.total());
        }
    }

    /**
     * Orders entered the history or changed (status, total, even their customer), in event order: their
     * purchase rows, then the figures of every customer they belong or belonged to, set-based (a handful of
     * statements for a whole batch). Returns the customers touched.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> orders(List<OrderFacts> orders) {
        if (orders.isEmpty()) {
            return Set.of();
        }
        Map<UUID, OrderFacts> latest = new LinkedHashMap<>(); // an order twice in one batch: its last state wins
        orders.forEach(o -> latest.put(o.orderId(), o));
        Instant now = Instant.now();
        Set<UUID> touched = new LinkedHashSet<>();
        latest.values().forEach(o -> touched.add(o.customerId()));
        projections.getEntityManager().unwrap(Session.class).doWork(connection -> {
            Array orderIds = connection.createArrayOf("uuid", latest.keySet().toArray());
            try (PreparedStatement previous = connection.prepareStatement(
                    "select distinct customer_id from purchase where order_id = any(?)")) {
                previous.setArray(1, orderIds);
                try (ResultSet rows = previous.executeQuery()) {
                    while (rows.next()) {
                        touched.add(rows.getObject(1, UUID.class));
                    }
                }
            }
            List<OrderFacts> facts = List.copyOf(latest.values());
            Array customers = connection.createArrayOf("uuid", facts.stream().map(OrderFacts::customerId).toArray());
            Array placedAt = connection.createArrayOf("timestamptz", facts.stream().map(o -> Timestamp.from(o.placedAt())).toArray());
            try (PreparedStatement started = connection.prepareStatement("""
                    insert into customer_projection (customer_id, customer_since, updated_at)
                    select c, min(s), ? from unnest(?, ?) as t(c, s) group by c
                    on conflict (customer_id) do nothing""")) {
                started.setTimestamp(1, Timestamp.from(now));
                started.setArray(2, customers);
                started.setArray(3, placedAt);
                started.executeUpdate();
            }
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into purchase (order_id, customer_id, placed_at, status, currency, total, amount, counts, updated_at)
                    select o, c, p, s, cur, t, a, n, ? from unnest(?, ?, ?, ?, ?, ?, ?, ?) as x(o, c, p, s, cur, t, a, n)
                    on conflict (order_id) do update set customer_id = excluded.customer_id, placed_at = excluded.placed_at,
                        status = excluded.status, currency = excluded.currency, total = excluded.total,
                        amount = excluded.amount, counts = excluded.counts, updated_at = excluded.updated_at""")) {
                upsert.setTimestamp(1, Timestamp.from(now));
                upsert.setArray(2, orderIds);
                upsert.setArray(3, customers);
                upsert.setArray(4, placedAt);
                upsert.setArray(5, connection.createArrayOf("varchar", facts.stream().map(o -> o.status().toLowerCase(Locale.ROOT)).toArray()));
                upsert.setArray(6, connection.createArrayOf("varchar", facts.stream().map(OrderFacts::currency).toArray()));
                upsert.setArray(7, connection.createArrayOf("numeric", facts.stream().map(o -> new BigDecimal(o.total())).toArray()));
                upsert.setArray(8, connection.createArrayOf("numeric", facts.stream()
                        .map(o -> currency.convert(o.currency(), new BigDecimal(o.total())).orElse(null)).toArray()));
                upsert.setArray(9, connection.createArrayOf("bool", facts.stream()
                        .map(o -> !NOT_PURCHASES.contains(o.status().toLowerCase(Locale.ROOT))).toArray()));
                upsert.executeUpdate();
            }
        });
        recount(touched);
        return touched;
    }

    /** Recomputes customers' purchase figures (and their orders and revenue per year) from their purchase rows. */
    private void recount(Collection<UUID> customers) {
        projections.getEntityManager().createNativeQuery("""
                        update customer_projection cp set (purchase_count, total_spent, first_purchase_at, last_purchase_at) =
                            (select count(*), coalesce(sum(p.amount), 0), min(p.placed_at), max(p.placed_at)
                               from purchase p where p.customer_id = cp.customer_id and p.counts),
                            (purchase_days, repeat_day_spend, repeat_days_with_spend) =
                            (select count(*), sum(a) filter (where d > f), count(a) filter (where d > f)
                               from (select d, a, min(d) over () as f
                                       from (select cast(p.placed_at at time zone 'UTC' as date) as d, sum(p.amount) as a
                                               from purchase p where p.customer_id = cp.customer_id and p.counts group by 1) days) x),
                            events_applied = events_applied + 1, updated_at = :now
                         where cp.customer_id = any(:customers)""")
                .setParameter("customers", customers.toArray(UUID[]::new)).setParameter("now", Instant.now()).executeUpdate();
        projections.getEntityManager().createNativeQuery("delete from customer_year where customer_id = any(:customers)")
                .setParameter("customers", customers.toArray(UUID[]::new)).executeUpdate();
        projections.getEntityManager().createNativeQuery("""
                        insert into customer_year (customer_id, year, orders, revenue)
                        select customer_id, cast(extract(year from placed_at at time zone 'UTC') as integer), count(*), coalesce(sum(amount), 0)
                          from purchase where customer_id = any(:customers) and counts group by 1, 2""")
                .setParameter("customers", customers.toArray(UUID[]::new)).executeUpdate();
    }

    private void setExternalIds(UUID customerId, Object externalIds) {
        projections.getEntityManager().createNativeQuery(
                        "update customer_projection set external_ids = cast(:ids as jsonb) where customer_id = :customer")
                .setParameter("ids", json(externalIds)).setParameter("customer", customerId).executeUpdate();
    }

    private String json(Object externalIds) {
        try {
            return mapper.writeValueAsString(externalIds == null ? List.of() : externalIds);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("external ids are plain JSON", e);
        }
    }

    /** Follows the customer's owner, which decides who may read its figures. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void customerUpdated(CustomerUpdated event) {
        event.changes().stream().filter(change -> "ownerId".equals(change.field())).findFirst().ifPresent(change ->
                projections.getEntityManager().createNativeQuery("update customer_projection set owner_id = :owner where customer_id = :customer")
                        .setParameter("owner", change.newValue() == null ? null : change.newValue().toString())
                        .setParameter("customer", event.customerId()).executeUpdate());
        event.changes().stream().filter(change -> "externalIds".equals(change.field())).findFirst().ifPresent(change ->
                setExternalIds(event.customerId(), change.newValue()));
    }

    /** Deletes what analytics holds on the person (the customer and records merged into it) and confirms. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void customerErased(CustomerErased event) {
        List<UUID> ids = new java.util.ArrayList<>(event.mergedIds());
        ids.add(event.customerId());
        projections.getEntityManager().createNativeQuery("delete from customer_projection where customer_id = any(:ids)")
                .setParameter("ids", ids.toArray(UUID[]::new)).executeUpdate();
        projections.getEntityManager().createNativeQuery("delete from purchase where customer_id = any(:ids)")
                .setParameter("ids", ids.toArray(UUID[]::new)).executeUpdate();
        projections.getEntityManager().createNativeQuery("delete from customer_activity where customer_id = any(:ids)")
                .setParameter("ids", ids.toArray(UUID[]::new)).executeUpdate();
        projections.getEntityManager().createNativeQuery("delete from customer_year where customer_id = any(:ids)")
                .setParameter("ids", ids.toArray(UUID[]::new)).executeUpdate();
        projections.getEntityManager().createNativeQuery("delete from customer_alias where merged_id = any(:ids) or survivor_id = any(:ids)")
                .setParameter("ids", ids.toArray(UUID[]::new)).executeUpdate();
        outbox.record(ErasureConfirmed.TYPE, event.erasureRequestId().toString(), new ErasureConfirmed(event.erasureRequestId(),
                event.customerId(), SERVICE, Instant.now()));
    }

    /**
     * Records merged customers as aliases of the survivor. Their projections keep the facts they came with,
     * so a later unmerge takes back exactly theirs; reads of the survivor take in the whole group.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> customerMerged(CustomerMerged event) {
        Set<UUID> touched = moveOrders(event.orderIds(), event.survivorId());
        touched.addAll(event.mergedIds());
        touched.add(event.survivorId());
        for (UUID merged : event.mergedIds()) {
            projections.getEntityManager().createNativeQuery("""
                            insert into customer_alias (merged_id, survivor_id) values (:merged, :survivor)
                            on conflict (merged_id) do update set survivor_id = excluded.survivor_id""")
                    .setParameter("merged", merged).setParameter("survivor", event.survivorId()).executeUpdate();
        }
        recount(touched);
        return touched;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> customerUnmerged(CustomerUnmerged event) {
        projections.getEntityManager().createNativeQuery("delete from customer_alias where merged_id = :restored and survivor_id = :survivor")
                .setParameter("restored", event.restoredId()).setParameter("survivor", event.survivorId()).executeUpdate();
        Set<UUID> touched = moveOrders(event.orderIds(), event.restoredId());
        touched.add(event.restoredId());
        touched.add(event.survivorId());
        recount(touched);
        return touched;
    }

    /** Re-keys the named orders' purchases to {@code to}; returns the customers they came from. */
    private Set<UUID> moveOrders(List<UUID> orderIds, UUID to) {
        @SuppressWarnings("unchecked")
        List<UUID> from = projections.getEntityManager().createNativeQuery("""
                        with moved as (select order_id, customer_id from purchase where order_id = any(:orders) for update)
                        update purchase p set customer_id = :to from moved where p.order_id = moved.order_id
                        returning moved.customer_id""")
                .setParameter("orders", (orderIds == null ? List.<UUID>of() : orderIds).toArray(UUID[]::new))
                .setParameter("to", to).getResultList();
        return new LinkedHashSet<>(from);
    }

    /** What analytics knows of a customer (a merged one answers 404 with mergedInto). */
    public record Figures(UUID customerId, Instant customerSince, int purchaseCount, BigDecimal totalSpent,
                          Instant firstPurchaseAt, Instant lastPurchaseAt, Instant updatedAt) {
    }

    /** What analytics knows of a customer, including the customers merged into it. */
    public Figures get(UUID customerId) {
        var entityManager = projections.getEntityManager();
        @SuppressWarnings("unchecked")
        List<UUID> survivor = entityManager.createNativeQuery("""
                        with recursive chain(id) as (
                            select survivor_id from customer_alias where merged_id = :id
                            union select a.survivor_id from customer_alias a join chain on a.merged_id = chain.id)
                        select id from chain where id not in (select merged_id from customer_alias)""")
                .setParameter("id", customerId).getResultList();
        if (!survivor.isEmpty()) {
            throw new ProblemException.NotFound("Customer " + customerId + " was merged into " + survivor.getFirst(),
                    java.util.Map.of("mergedInto", survivor.getFirst()));
        }
        CustomerProjection own = projections.findById(customerId);
        if (own != null && !visibility.maySee(own.ownerId())) {
            throw new ProblemException.NotFound("Customer", customerId);
        }
        Object[] group = (Object[]) entityManager.createNativeQuery("""
                        with recursive grp(id) as (
                            select cast(:id as uuid) union select a.merged_id from customer_alias a join grp on a.survivor_id = grp.id)
                        select count(*), min(customer_since), coalesce(sum(purchase_count), 0), coalesce(sum(total_spent), 0),
                               min(first_purchase_at), max(last_purchase_at), max(updated_at)
                          from customer_projection where customer_id in (select id from grp)""")
                .setParameter("id", customerId).getSingleResult();
        if (((Number) group[0]).longValue() == 0) {
            throw new ProblemException.NotFound("Customer", customerId);
        }
        return new Figures(customerId, Rows.instant(group[1]), ((Number) group[2]).intValue(), (java.math.BigDecimal) group[3],
                Rows.instant(group[4]), Rows.instant(group[5]), Rows.instant(group[6]));
    }
}
