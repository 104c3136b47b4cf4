package io.clientbook.interaction.plan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The orders plans count revenue from, kept from order.recorded and order.updated (set-based per batch). */
@ApplicationScoped
public class CustomerOrders {

    /** An order's state as its latest event says. */
    public record OrderRow(UUID orderId, UUID customerId, Instant placedAt, String status, String currency, BigDecimal total) {
    }

    private final EntityManager em;

    CustomerOrders(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void upsert(List<OrderRow> orders) {
        if (orders.isEmpty()) {
            return;
        }
        Map<UUID, OrderRow> latest = new LinkedHashMap<>();
        orders.forEach(o -> latest.put(o.orderId(), o));
        List<OrderRow> rows = List.copyOf(latest.values());
        em.flush();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    insert into customer_order (order_id, customer_id, placed_at, status, currency, total)
                    select * from unnest(?, ?, ?, ?, ?, ?)
                    on conflict (order_id) do update set customer_id = excluded.customer_id, placed_at = excluded.placed_at,
                        status = excluded.status, currency = excluded.currency, total = excluded.total""")) {
                s.setArray(1, c.createArrayOf("uuid", rows.stream().map(OrderRow::orderId).toArray()));
                s.setArray(2, c.createArrayOf("uuid", rows.stream().map(OrderRow::customerId).toArray()));
                s.setArray(3, c.createArrayOf("timestamptz", rows.stream().map(o -> Timestamp.from(o.placedAt())).toArray()));
                s.setArray(4, c.createArrayOf("varchar", rows.stream().map(OrderRow::status).toArray()));
                s.setArray(5, c.createArrayOf("varchar", rows.stream().map(OrderRow::currency).toArray()));
                s.setArray(6, c.createArrayOf("numeric", rows.stream().map(OrderRow::total).toArray()));
                s.executeUpdate();
            }
        });
    }
}
