package io.clientbook.interaction.timeline;

import io.clientbook.events.customer.CustomerCreated;
import io.clientbook.events.customer.CustomerMerged;
import io.clientbook.events.customer.CustomerUnmerged;
import io.clientbook.interaction.timeline.TimelineRepository.TimelineCursor;
import io.clientbook.interaction.timeline.dto.TimelineItem;
import io.clientbook.interaction.timeline.dto.TimelinePage;
import io.clientbook.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Writes customer events onto timelines and reads timelines back in pages. */
@ApplicationScoped
public class TimelineService {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private final TimelineRepository timeline;

    TimelineService(TimelineRepository timeline) {
        this.timeline = timeline;
    }

    /** A new customer's timeline starts with its creation. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void customerCreated(UUID eventId, CustomerCreated event) {
        if (timeline.findByIdOptional(eventId).isEmpty()) {
            timeline.persist(TimelineEntry.ofCustomerEvent(eventId, event.customerId(), "customer.created",
                    event.createdAt(), "Customer record created"));
        }
    }

    /**
     * Moves the merged customers' entries to the survivor, remembering where each came from, and notes the
     * merge on the survivor's timeline.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void customerMerged(UUID eventId, CustomerMerged event) {
        UUID[] merged = event.mergedIds().toArray(UUID[]::new);
        timeline.getEntityManager().createNativeQuery("""
                        insert into timeline_move (entry_id, from_customer, to_customer)
                        select id, customer_id, :survivor from timeline_entry where customer_id = any(:merged)
                        on conflict do nothing""")
                .setParameter("survivor", event.survivorId()).setParameter("merged", merged).executeUpdate();
        timeline.getEntityManager().createNativeQuery("update timeline_entry set customer_id = :survivor where customer_id = any(:merged)")
                .setParameter("survivor", event.survivorId()).setParameter("merged", merged).executeUpdate();
        if (timeline.findByIdOptional(eventId).isEmpty()) {
            int count = event.mergedIds().size();
            timeline.persist(TimelineEntry.ofCustomerEvent(eventId, event.survivorId(), "customer.merged", event.mergedAt(),
                    "Merged with " + count + (count == 1 ? " duplicate record" : " duplicate records")));
        }
    }

    /** Moves back the entries a merge moved from the restored customer, and notes the unmerge on both timelines. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void customerUnmerged(UUID eventId, CustomerUnmerged event) {
        timeline.getEntityManager().createNativeQuery("""
                        update timeline_entry t set customer_id = :restored from timeline_move m
                         where m.entry_id = t.id and m.from_customer = :restored and m.to_customer = :survivor
                           and t.customer_id = :survivor""")
                .setParameter("restored", event.restoredId()).setParameter("survivor", event.survivorId()).executeUpdate();
        timeline.getEntityManager().createNativeQuery("delete from timeline_move where from_customer = :restored and to_customer = :survivor")
                .setParameter("restored", event.restoredId()).setParameter("survivor", event.survivorId()).executeUpdate();
        if (timeline.findByIdOptional(eventId).isEmpty()) {
            timeline.persist(TimelineEntry.ofCustomerEvent(eventId, event.survivorId(), "customer.unmerged", event.unmergedAt(),
                    "A merged record was split off again"));
        }
    }

    public TimelinePage page(UUID customerId, String kindFilter, String cursor, Integer limit) {
        TimelineKind kind = kindFilter == null || kindFilter.isBlank() ? null : TimelineKind.parse(kindFilter)
                .orElseThrow(() -> new ProblemException.Invalid("kind", "must be one of customer-event, interaction, "
                        + "follow-up, ticket, survey-response"));
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new ProblemException.Invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        TimelineCursor after = cursor == null || cursor.isBlank() ? null : decode(cursor);
        if (!timeline.hasTimeline(customerId)) {
            throw new ProblemException.NotFound("Customer", customerId);
        }
        List<TimelineEntry> entries = timeline.page(customerId, kind, after, size + 1);
        boolean more = entries.size() > size;
        List<TimelineEntry> shown = more ? entries.subList(0, size) : entries;
        String next = more ? encode(shown.getLast()) : null;
        return new TimelinePage(customerId, shown.stream()
                .map(e -> new TimelineItem(e.id(), e.kind().apiName(), e.type(), e.occurredAt(), e.summary()))
                .toList(), next);
    }

    static String encode(TimelineEntry last) {
        String raw = last.occurredAt() + "|" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static TimelineCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            return new TimelineCursor(Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new ProblemException.Invalid("cursor", "is not a cursor this API returned");
        }
    }
}
