package io.clientbook.interaction.timeline;

import io.clientbook.events.customer.CustomerCreated;
import io.clientbook.interaction.care.CustomerAccess;
import io.clientbook.interaction.care.CustomerProfiles;
import io.clientbook.events.customer.CustomerErased;
import io.clientbook.events.privacy.ErasureConfirmed;
import io.clientbook.platform.outbox.Outbox;
import io.clientbook.events.customer.CustomerMerged;
import io.clientbook.events.customer.CustomerUnmerged;
import io.clientbook.events.customer.CustomerUpdated;
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
import java.util.Set;
import java.util.UUID;

/** Writes customer events onto timelines and reads timelines back in pages. */
@ApplicationScoped
public class TimelineService {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    static final String SERVICE = "interaction-service";

    /** The tables whose rows belong to a customer and share their id with a timeline entry: merges move them along. */
    private static final List<String> CUSTOMER_TABLES = List.of("interaction", "follow_up", "outbound_message", "ticket",
            "survey_response");

    private final TimelineRepository timeline;
    private final Outbox outbox;
    private final CustomerAccess access;
    private final CustomerProfiles profiles;

    TimelineService(TimelineRepository timeline, Outbox outbox, CustomerAccess access, CustomerProfiles profiles) {
        this.timeline = timeline;
        this.outbox = outbox;
        this.access = access;
        this.profiles = profiles;
    }

    /**
     * Puts something this service holds on a customer's timeline, under the thing's own id. If the customer
     * was merged away, the entry goes to the survivor; returns the customer it landed on, which is where the
     * thing itself belongs too.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(UUID id, UUID customerId, TimelineKind kind, String type, Instant occurredAt, String summary) {
        return place(TimelineEntry.of(id, customerId, kind, type, occurredAt, summary));
    }

    /** The customer a record for this id belongs to now: itself, or the survivor of the merges it went through. */
    public UUID currentCustomer(UUID customerId) {
        UUID customer = customerId;
        for (int hops = 0; hops < 100; hops++) {
            @SuppressWarnings("unchecked")
            List<UUID> survivor = timeline.getEntityManager()
                    .createNativeQuery("select survivor_id from customer_alias where merged_id = :id")
                    .setParameter("id", customer).getResultList();
            if (survivor.isEmpty()) {
                return customer;
            }
            customer = survivor.getFirst();
        }
        return customer;
    }

    /** Which of these customers were merged into another (their records go to the survivor, with moves). */
    public java.util.Set<UUID> merged(java.util.Collection<UUID> customerIds) {
        @SuppressWarnings("unchecked")
        List<UUID> merged = timeline.getEntityManager().createNativeQuery("select merged_id from customer_alias where merged_id = any(:ids)")
                .setParameter("ids", customerIds.toArray(UUID[]::new)).getResultList();
        return java.util.Set.copyOf(merged);
    }

    /** Rewrites the line an entry shows (a follow-up done, a message delivered). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void summarise(UUID id, String summary) {
        timeline.findByIdOptional(id).ifPresent(entry -> entry.summarise(summary));
    }

    /** Key customer events besides creation and merges: the first purchase and tier changes. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void keyEvent(UUID eventId, UUID customerId, String type, Instant occurredAt, String summary) {
        if (timeline.findByIdOptional(eventId).isEmpty()) {
            place(TimelineEntry.ofCustomerEvent(eventId, customerId, type, occurredAt, summary));
        }
    }

    /** A customer.created event and its id. */
    public record Created(UUID eventId, CustomerCreated event) {
    }

    /**
     * A run of new customers: each gets its care profile and starts its timeline with its creation, set-based (one
     * statement for the profiles, one for the timeline entries; a redelivered event adds nothing). A customer already
     * merged away (only a replayed event can find one) has its entry placed on the survivor's timeline.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void customersCreated(List<Created> created) {
        if (created.isEmpty()) {
            return;
        }
        profiles.createdAll(created.stream().map(Created::event).toList());
        @SuppressWarnings("unchecked")
        Set<UUID> mergedAway = new java.util.HashSet<>(timeline.getEntityManager()
                .createNativeQuery("select merged_id from customer_alias where merged_id = any(:ids)")
                .setParameter("ids", created.stream().map(c -> c.event().customerId()).toArray(UUID[]::new))
                .getResultList());
        List<Created> plain = new java.util.ArrayList<>();
        for (Created c : created) {
            if (mergedAway.contains(c.event().customerId())) {
                if (timeline.findByIdOptional(c.eventId()).isEmpty()) {
                    place(TimelineEntry.ofCustomerEvent(c.eventId(), c.event().customerId(), "customer.created", c.event().createdAt(),
                            "Customer record created"));
                }
            } else {
                plain.add(c);
            }
        }
        if (plain.isEmpty()) {
            return;
        }
        timeline.getEntityManager().createNativeQuery("""
                        insert into timeline_entry (id, source_event_id, customer_id, kind, type, occurred_at, summary)
                        select event, event, customer, 'CUSTOMER_EVENT', 'customer.created', at, 'Customer record created'
                          from unnest(cast(:events as uuid[]), cast(:customers as uuid[]), cast(:times as timestamptz[])) as x(event, customer, at)
                        on conflict do nothing""")
                .setParameter("events", plain.stream().map(Created::eventId).toArray(UUID[]::new))
                .setParameter("customers", plain.stream().map(c -> c.event().customerId()).toArray(UUID[]::new))
                .setParameter("times", plain.stream().map(c -> java.sql.Timestamp.from(c.event().createdAt())).toArray(java.sql.Timestamp[]::new))
                .executeUpdate();
    }

    /** Follows the profile (owner, tier, stage, birthday, zone, consents); a tier change is a key event. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void customerUpdated(UUID eventId, CustomerUpdated event) {
        profiles.updated(event);
        event.changes().stream().filter(change -> "tier".equals(change.field())).findFirst().ifPresent(change ->
                keyEvent(eventId, event.customerId(), "customer.tier.changed", event.updatedAt(),
                        "Tier " + (change.oldValue() == null ? "none" : change.oldValue()) + " → "
                                + (change.newValue() == null ? "none" : change.newValue())));
    }

    /**
     * Stores an entry on its customer's timeline, or, if that customer has been merged away, on the
     * survivor's, recording each merge it passes through as a move (so unmerges take it back).
     */
    private UUID place(TimelineEntry entry) {
        UUID customer = entry.customerId();
        List<UUID[]> moves = new java.util.ArrayList<>();
        for (int hops = 0; hops < 100; hops++) {
            @SuppressWarnings("unchecked")
            List<UUID> survivor = timeline.getEntityManager()
                    .createNativeQuery("select survivor_id from customer_alias where merged_id = :id")
                    .setParameter("id", customer).getResultList();
            if (survivor.isEmpty()) {
                break;
            }
            moves.add(new UUID[] {customer, survivor.getFirst()});
            customer = survivor.getFirst();
        }
        entry.moveTo(customer);
        timeline.persist(entry);
        timeline.flush();
        for (UUID[] move : moves) {
            timeline.getEntityManager().createNativeQuery("""
                            insert into timeline_move (entry_id, from_customer, to_customer) values (:entry, :from, :to)
                            on conflict do nothing""")
                    .setParameter("entry", entry.id()).setParameter("from", move[0]).setParameter("to", move[1]).executeUpdate();
        }
        return customer;
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
        for (String table : CUSTOMER_TABLES) {
            timeline.getEntityManager().createNativeQuery("update " + table + " set customer_id = :survivor where customer_id = any(:merged)")
                    .setParameter("survivor", event.survivorId()).setParameter("merged", merged).executeUpdate();
        }
        timeline.getEntityManager().createNativeQuery("update customer_order set customer_id = :survivor where customer_id = any(:merged)")
                .setParameter("survivor", event.survivorId()).setParameter("merged", merged).executeUpdate();
        for (UUID id : merged) {
            timeline.getEntityManager().createNativeQuery("""
                            insert into customer_alias (merged_id, survivor_id) values (:merged, :survivor)
                            on conflict (merged_id) do update set survivor_id = excluded.survivor_id""")
                    .setParameter("merged", id).setParameter("survivor", event.survivorId()).executeUpdate();
        }
        if (timeline.findByIdOptional(eventId).isEmpty()) {
            int count = event.mergedIds().size();
            timeline.persist(TimelineEntry.ofCustomerEvent(eventId, event.survivorId(), "customer.merged", event.mergedAt(),
                    "Merged with " + count + (count == 1 ? " duplicate record" : " duplicate records")));
        }
    }

    /** Moves back the entries a merge moved from the restored customer, and notes the unmerge on both timelines. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void customerUnmerged(UUID eventId, CustomerUnmerged event) {
        timeline.getEntityManager().createNativeQuery("update customer_order set customer_id = :restored where order_id = any(:orders)")
                .setParameter("restored", event.restoredId()).setParameter("orders", event.orderIds().toArray(UUID[]::new)).executeUpdate();
        for (String table : CUSTOMER_TABLES) {
            timeline.getEntityManager().createNativeQuery("update " + table + " t set customer_id = :restored from timeline_move m"
                            + " where m.entry_id = t.id and m.from_customer = :restored and m.to_customer = :survivor"
                            + " and t.customer_id = :survivor")
                    .setParameter("restored", event.restoredId()).setParameter("survivor", event.survivorId()).executeUpdate();
        }
        timeline.getEntityManager().createNativeQuery("""
                        update timeline_entry t set customer_id = :restored from timeline_move m
                         where m.entry_id = t.id and m.from_customer = :restored and m.to_customer = :survivor
                           and t.customer_id = :survivor""")
                .setParameter("restored", event.restoredId()).setParameter("survivor", event.survivorId()).executeUpdate();
        timeline.getEntityManager().createNativeQuery("delete from timeline_move where from_customer = :restored and to_customer = :survivor")
                .setParameter("restored", event.restoredId()).setParameter("survivor", event.survivorId()).executeUpdate();
        timeline.getEntityManager().createNativeQuery("delete from customer_alias where merged_id = :restored and survivor_id = :survivor")
                .setParameter("restored", event.restoredId()).setParameter("survivor", event.survivorId()).executeUpdate();
        if (timeline.findByIdOptional(eventId).isEmpty()) {
            timeline.persist(TimelineEntry.ofCustomerEvent(eventId, event.survivorId(), "customer.unmerged", event.unmergedAt(),
                    "A merged record was split off again"));
        }
    }

    /**
     * Deletes everything on the person's timelines (the customer and the records merged into it), anonymises
     * their interactions (kept without customer, subject, summary or outcome, for the agents' statistics),
     * deletes their follow-ups, messages and rule firings and their profile, keeps their tickets without subject,
     * description or comments and their survey scores without comments, deletes their orders and plans, and confirms.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void customerErased(CustomerErased event) {
        List<UUID> ids = new java.util.ArrayList<>(event.mergedIds());
        ids.add(event.customerId());
        UUID[] all = ids.toArray(UUID[]::new);
        timeline.getEntityManager().createNativeQuery("delete from timeline_move where from_customer = any(:ids) or to_customer = any(:ids)")
                .setParameter("ids", all).executeUpdate();
        timeline.getEntityManager().createNativeQuery("delete from timeline_entry where customer_id = any(:ids)")
                .setParameter("ids", all).executeUpdate();
        timeline.getEntityManager().createNativeQuery("delete from customer_alias where merged_id = any(:ids) or survivor_id = any(:ids)")
                .setParameter("ids", all).executeUpdate();
        timeline.getEntityManager().createNativeQuery("""
                        update interaction set customer_id = null, subject = null, summary = null, outcome = null, order_id = null,
                               anonymised = true where customer_id = any(:ids)""")
                .setParameter("ids", all).executeUpdate();
        // tickets stay for service statistics, without what the person wrote or was told
        timeline.getEntityManager().createNativeQuery("""
                        delete from ticket_comment c using ticket t where c.ticket_id = t.id and t.customer_id = any(:ids)""")
                .setParameter("ids", all).executeUpdate();
        timeline.getEntityManager().createNativeQuery("update ticket set subject = '(erased)', description = null where customer_id = any(:ids)")
                .setParameter("ids", all).executeUpdate();
        timeline.getEntityManager().createNativeQuery("update survey_response set comment = null where customer_id = any(:ids)")
                .setParameter("ids", all).executeUpdate();
        for (String table : List.of("follow_up", "outbound_message", "rule_firing", "customer_order", "customer_plan")) {
            timeline.getEntityManager().createNativeQuery("delete from " + table + " where customer_id = any(:ids)")
                    .setParameter("ids", all).executeUpdate();
        }
        profiles.delete(all);
        outbox.record(ErasureConfirmed.TYPE, event.erasureRequestId().toString(), new ErasureConfirmed(event.erasureRequestId(),
                event.customerId(), SERVICE, Instant.now()));
    }

    public TimelinePage page(UUID customerId, String kindFilter, String cursor, Integer limit) {
        TimelineKind kind = kindFilter == null || kindFilter.isBlank() ? null : TimelineKind.parse(kindFilter)
                .orElseThrow(() -> new ProblemException.Invalid("kind", "must be one of customer-event, interaction, "
                        + "follow-up, message, ticket, survey-response"));
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new ProblemException.Invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        TimelineCursor after = cursor == null || cursor.isBlank() ? null : decode(cursor);
        // the owner is only looked up for callers restricted to their own customers; existence only when the page is empty
        access.requireVisible(customerId);
        List<TimelineEntry> entries = timeline.page(customerId, kind, after, size + 1);
        if (entries.isEmpty() && !timeline.hasTimeline(customerId)) {
            throw new ProblemException.NotFound("Customer", customerId);
        }
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
