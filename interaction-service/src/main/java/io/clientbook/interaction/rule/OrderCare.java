package io.clientbook.interaction.rule;

import io.clientbook.interaction.care.CareClock;
import io.clientbook.interaction.care.CustomerProfile;
import io.clientbook.interaction.care.CustomerProfiles;
import io.clientbook.interaction.followup.FollowUpService;
import io.clientbook.interaction.followup.FollowUpStatus;
import io.clientbook.interaction.message.MessageService;
import io.clientbook.interaction.rule.RuleService.ActiveRule;
import io.clientbook.interaction.team.Teams;
import io.clientbook.interaction.timeline.TimelineService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The care a batch of purchases triggers, set-based: the same rules and outcomes as {@link RuleEngine#onEvent}
 * for each order (first purchase on the timeline, event rules for {@code order.recorded}: condition, consent,
 * staleness, the claim under the event's id, the task), in a handful of statements per batch instead of a
 * dozen per order. Orders of customers merged into another take the one-by-one path, which records moves.
 */
@ApplicationScoped
public class OrderCare {

    /** A purchase as the care rules see it: the order event's id (the occurrence key), the customer, when. */
    public record Purchase(UUID eventId, UUID customerId, Instant placedAt) {
    }

    private final RuleService rules;
    private final RuleEngine engine;
    private final CustomerProfiles profiles;
    private final TimelineService timeline;
    private final Teams teams;
    private final MessageService messages;
    private final EntityManager em;
    private final CareClock clock;

    OrderCare(RuleService rules, RuleEngine engine, CustomerProfiles profiles, TimelineService timeline, Teams teams, MessageService messages,
              EntityManager em, CareClock clock) {
        this.rules = rules;
        this.engine = engine;
        this.profiles = profiles;
        this.timeline = timeline;
        this.teams = teams;
        this.messages = messages;
        this.em = em;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void purchases(List<Purchase> batch) {
        if (batch.isEmpty()) {
            return;
        }
        em.flush(); // entities of earlier events in this transaction go first: the statements below bypass the session
        Set<UUID> merged = timeline.merged(batch.stream().map(Purchase::customerId).toList());
        List<Purchase> direct = new ArrayList<>();
        for (Purchase p : batch) {
            if (merged.contains(p.customerId())) {
                oneByOne(p);
            } else {
                direct.add(p);
            }
        }
        if (direct.isEmpty()) {
            return;
        }
        Instant now = clock.now();
        Set<UUID> first = profiles.purchasedAll(direct.stream().map(Purchase::customerId).toList(),
                direct.stream().map(Purchase::placedAt).toList());
        Map<UUID, Purchase> earliest = new LinkedHashMap<>();
        for (Purchase p : direct) {
            if (first.contains(p.customerId())) {
                earliest.merge(p.customerId(), p, (a, b) -> b.placedAt().isBefore(a.placedAt()) ? b : a);
            }
        }
        List<TimelineRow> entries = new ArrayList<>();
        earliest.values().forEach(p -> entries.add(new TimelineRow(p.eventId(), p.customerId(), "CUSTOMER_EVENT", "customer.first-purchase",
                p.placedAt(), "First purchase", p.eventId())));

        List<ActiveRule> orderRules = rules.active(Set.of(TriggerType.EVENT)).stream()
                .filter(r -> "order.recorded".equals(r.trigger().event())).toList();
        Map<UUID, CustomerProfile> known = profiles.findAll(direct.stream().map(Purchase::customerId).toList());
        Map<String, UUID> teamOfOwner = teams.teamOf(known.values().stream().map(CustomerProfile::ownerId).filter(Objects::nonNull).toList());
        List<Firing> firings = new ArrayList<>();
        for (Purchase p : direct) {
            CustomerProfile profile = known.get(p.customerId());
            if (profile == null) {
                continue;
            }
            for (ActiveRule rule : orderRules) {
                if (!rule.appliesTo(profile)) {
                    continue;
                }
                Instant due = p.placedAt().plus(rule.delayDays(), ChronoUnit.DAYS);
                RuleEngine.Outcome held = RuleEngine.held(rule, profile, due, now, true);
                RuleEngine.Outcome outcome = held != null ? held : RuleEngine.Outcome.CREATED;
                UUID followUp = outcome == RuleEngine.Outcome.CREATED && rule.action().kind() == ActionKind.TASK ? UUID.randomUUID() : null;
                firings.add(new Firing(rule, profile, p, due, outcome, followUp));
            }
        }
        em.unwrap(Session.class).doWork(connection -> {
            Set<String> claimed = claim(connection, firings, now);
            List<Firing> tasks = new ArrayList<>();
            for (Firing f : firings) {
                if (!claimed.contains(f.key()) || f.outcome() != RuleEngine.Outcome.CREATED) {
                    continue;
                }
                if (f.followUpId() != null) {
                    tasks.add(f);
                    entries.add(new TimelineRow(f.followUpId(), f.profile().customerId(), "FOLLOW_UP",
                            "follow-up." + f.rule().action().type().apiName(), now,
                            FollowUpService.line(f.rule().action().type(), f.rule().action().channel(), f.due(), FollowUpStatus.OPEN, false, null), null));
                }
            }
            insertFollowUps(connection, tasks, teamOfOwner, now);
            insertTimeline(connection, entries);
        });
        for (Firing f : firings) { // messages on order events are rare: the one-by-one path, after the claim
            if (f.outcome() == RuleEngine.Outcome.CREATED && f.rule().action().kind() == ActionKind.MESSAGE) {
                UUID message = messages.request(f.profile().customerId(), f.rule().action().channel(), f.rule().action().templateKey(),
                        f.rule().purpose(), f.rule().action().variables(), f.rule().id(), f.due());
                em.createNativeQuery("update rule_firing set message_id = :m where rule_id = :r and customer_id = :c and occurrence = :o")
                        .setParameter("m", message).setParameter("r", f.rule().id()).setParameter("c", f.profile().customerId())
                        .setParameter("o", f.purchase().eventId().toString()).executeUpdate();
            }
        }
    }

    private void oneByOne(Purchase p) {
        if (profiles.purchased(p.customerId(), p.placedAt())) {
            timeline.keyEvent(p.eventId(), p.customerId(), "customer.first-purchase", p.placedAt(), "First purchase");
        }
        engine.onEvent(p.eventId(), p.customerId(), TriggerType.EVENT, "order.recorded", p.placedAt());
    }

    private record Firing(ActiveRule rule, CustomerProfile profile, Purchase purchase, Instant due, RuleEngine.Outcome outcome, UUID followUpId) {
        String key() {
            return rule.id() + "|" + profile.customerId() + "|" + purchase.eventId();
        }
    }

    private record TimelineRow(UUID id, UUID customerId, String kind, String type, Instant occurredAt, String summary, UUID sourceEventId) {
    }

    /** Claims every firing in one insert; returns the keys this transaction claimed (the others fired before). */
    private static Set<String> claim(Connection c, List<Firing> firings, Instant now) throws SQLException {
        Set<String> claimed = new HashSet<>();
        if (firings.isEmpty()) {
            return claimed;
        }
        try (PreparedStatement s = c.prepareStatement("""
                insert into rule_firing (rule_id, customer_id, occurrence, fired_at, outcome, follow_up_id)
                select r, cu, o, ?, oc, f from unnest(?, ?, ?, ?, ?) as t(r, cu, o, oc, f)
                on conflict do nothing
                returning rule_id, customer_id, occurrence""")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setArray(2, array(c, "uuid", firings.stream().map(f -> f.rule().id()).toArray()));
            s.setArray(3, array(c, "uuid", firings.stream().map(f -> f.profile().customerId()).toArray()));
            s.setArray(4, array(c, "varchar", firings.stream().map(f -> f.purchase().eventId().toString()).toArray()));
            s.setArray(5, array(c, "varchar", firings.stream().map(f -> f.outcome().column()).toArray()));
            s.setArray(6, array(c, "uuid", firings.stream().map(Firing::followUpId).toArray()));
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    claimed.add(rows.getObject(1, UUID.class) + "|" + rows.getObject(2, UUID.class) + "|" + rows.getString(3));
                }
            }
        }
        return claimed;
    }

    /** Rule-made tasks: assigned to the customer's owner in the owner's team, or unassigned in the rule's team. */
    private static void insertFollowUps(Connection c, List<Firing> tasks, Map<String, UUID> teamOfOwner, Instant now) throws SQLException {
        if (tasks.isEmpty()) {
            return;
        }
        Map<Firing, UUID> team = new HashMap<>();
        tasks.forEach(f -> team.put(f, f.profile().ownerId() == null ? f.rule().teamId()
                : teamOfOwner.getOrDefault(f.profile().ownerId(), f.rule().teamId())));
        try (PreparedStatement s = c.prepareStatement("""
                insert into follow_up (id, customer_id, type, channel, due_at, assignee_id, team_id, status, rule_id, created_by, version,
                                       created_at, updated_at)
                select i, cu, ty, ch, d, a, tm, 'OPEN', r, 'rule:' || r, 0, ?, ? from unnest(?, ?, ?, ?, ?, ?, ?, ?) as t(i, cu, ty, ch, d, a, tm, r)""")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setTimestamp(2, Timestamp.from(now));
            s.setArray(3, array(c, "uuid", tasks.stream().map(Firing::followUpId).toArray()));
            s.setArray(4, array(c, "uuid", tasks.stream().map(f -> f.profile().customerId()).toArray()));
            s.setArray(5, array(c, "varchar", tasks.stream().map(f -> f.rule().action().type().name()).toArray()));
            s.setArray(6, array(c, "varchar", tasks.stream().map(f -> f.rule().action().channel() == null ? null : f.rule().action().channel().name()).toArray()));
            s.setArray(7, array(c, "timestamptz", tasks.stream().map(f -> Timestamp.from(f.due())).toArray()));
            s.setArray(8, array(c, "varchar", tasks.stream().map(f -> f.profile().ownerId()).toArray()));
            s.setArray(9, array(c, "uuid", tasks.stream().map(team::get).toArray()));
            s.setArray(10, array(c, "uuid", tasks.stream().map(f -> f.rule().id()).toArray()));
            s.executeUpdate();
        }
    }

    private static void insertTimeline(Connection c, List<TimelineRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                insert into timeline_entry (id, customer_id, kind, type, occurred_at, summary, source_event_id)
                select * from unnest(?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            s.setArray(1, array(c, "uuid", rows.stream().map(TimelineRow::id).toArray()));
            s.setArray(2, array(c, "uuid", rows.stream().map(TimelineRow::customerId).toArray()));
            s.setArray(3, array(c, "varchar", rows.stream().map(TimelineRow::kind).toArray()));
            s.setArray(4, array(c, "varchar", rows.stream().map(TimelineRow::type).toArray()));
            s.setArray(5, array(c, "timestamptz", rows.stream().map(r -> Timestamp.from(r.occurredAt())).toArray()));
            s.setArray(6, array(c, "varchar", rows.stream().map(TimelineRow::summary).toArray()));
            s.setArray(7, array(c, "uuid", rows.stream().map(TimelineRow::sourceEventId).toArray()));
            s.executeUpdate();
        }
    }

    private static Array array(Connection c, String type, Object[] values) throws SQLException {
        return c.createArrayOf(type, values);
    }
}
