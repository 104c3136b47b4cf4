package io.clientbook.interaction.timeline;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TimelineRepository implements PanacheRepositoryBase<TimelineEntry, UUID> {

    /** Newest first; {@code after} (exclusive) continues a previous page. */
    List<TimelineEntry> page(UUID customerId, TimelineKind kind, TimelineCursor after, int limit) {
        StringBuilder query = new StringBuilder("customerId = :customer");
        Parameters params = Parameters.with("customer", customerId);
        if (kind != null) {
            query.append(" and kind = :kind");
            params.and("kind", kind);
        }
        if (after != null) {
            query.append(" and (occurredAt < :at or (occurredAt = :at and id < :id))");
            params.and("at", after.occurredAt()).and("id", after.id());
        }
        query.append(" order by occurredAt desc, id desc");
        return find(query.toString(), params).page(0, limit).list();
    }

    /** Whether the customer has at least one entry: an index probe that stops at the first (not a count of 10,000). */
    boolean hasTimeline(UUID customerId) {
        return !getEntityManager().createNativeQuery("select 1 from timeline_entry where customer_id = :id limit 1")
                .setParameter("id", customerId).getResultList().isEmpty();
    }

    record TimelineCursor(Instant occurredAt, UUID id) {
    }
}
