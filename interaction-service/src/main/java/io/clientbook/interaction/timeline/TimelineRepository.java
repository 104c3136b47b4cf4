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

    boolean hasTimeline(UUID customerId) {
        return count("customerId", customerId) > 0;
    }

    record TimelineCursor(Instant occurredAt, UUID id) {
    }
}
