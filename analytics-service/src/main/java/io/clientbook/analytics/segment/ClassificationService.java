package io.clientbook.analytics.segment;

import io.clientbook.analytics.projection.PurchaseHistoryChanged;
import io.clientbook.analytics.segment.dto.CustomerClassesView;
import io.clientbook.events.analytics.CustomerLifecycleStageChanged;
import io.clientbook.events.analytics.CustomerSegmentChanged;
import io.clientbook.events.analytics.CustomerTierChanged;
import io.clientbook.events.customer.CustomerCreated;
import io.clientbook.events.customer.CustomerUpdated;
import io.clientbook.platform.outbox.Outbox;
import io.clientbook.platform.persistence.Rows;
import io.quarkus.runtime.Startup;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps every customer's classes current: a customer whose purchases changed is reclassified in the event's
 * transaction (after its scores), everyone in a rescoring job. Only changes are written and published:
 * {@code customer.segment.changed}, {@code customer.tier.changed} (never for a pinned tier),
 * {@code customer.lifecycle.changed}; each change is also kept in {@code class_change} for the reports.
 */
@Startup // the rule tables are checked when the service starts, not at the first event
@ApplicationScoped
public class ClassificationService {

    private static final String FACTS = """
            select cp.customer_id, cp.purchase_count, cast(cp.total_spent as double precision),
                   ? - cast(cp.last_purchase_at at time zone 'UTC' as date), s.churn_level,
                   c.recency_score, c.frequency_score, c.monetary_score, c.segment, c.abc_class, c.monetary_level,
                   c.frequency_level, c.computed_tier, c.tier, c.tier_pinned, c.lifecycle_stage, c.stage_since
              from customer_projection cp
              left join customer_score s on s.customer_id = cp.customer_id
              left join customer_class c on c.customer_id = cp.customer_id
             where not exists (select 1 from customer_alias a where a.merged_id = cp.customer_id)
            """;

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final Classifier classifier;

    ClassificationService(EntityManager entityManager, Outbox outbox, ClassConfig config) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.classifier = new Classifier(Rules.of(config.segments(), config.tiers().rules()), config);
    }

    public Classifier classifier() {
        return classifier;
    }

    // ---- the basis -------------------------------------------------------------------------------------

    /**
     * The latest basis; measured afresh when there is none yet (a new installation) and, while the book is small
     * (under {@link #SMALL_BOOK} buying customers, where measuring is cheap and each customer moves the quintiles),
     * at most once a minute. A large book is remeasured by rescoring jobs (nightly).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Basis basis() {
        Optional<Basis> latest = latestBasis();
        if (latest.isPresent() && (latest.get().population() >= SMALL_BOOK
                || latest.get().computedAt().isAfter(Instant.now().minusSeconds(60)))) {
            return latest.get();
        }
        return refreshBasis(today());
    }

    static final long SMALL_BOOK = 10_000;

    public Optional<Basis> latestBasis() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select id, as_of, population, recency_cuts, frequency_cuts, monetary_cuts, abc_a_floor, abc_b_floor, computed_at
                  from class_basis order by id desc limit 1""").getResultList();
        return rows.stream().findFirst().map(r -> new Basis(((Number) r[0]).longValue(), Rows.instant(r[8]), Rows.localDate(r[1]),
                ((Number) r[2]).longValue(), ints(r[3]), ints(r[4]), doubles(r[5]),
                r[6] == null ? null : ((Number) r[6]).doubleValue(), r[7] == null ? null : ((Number) r[7]).doubleValue()));
    }

    /**
     * Measures the book as of {@code asOf}: quintile cut points of days since the last purchase, purchases and
     * spend among buying customers (equal values fall on the same side of a cut), and the ABC floors: walking
     * customers from the biggest spender down, a customer is in A while the revenue before them is under the A
     * share, in B while under A + B.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Basis refreshBasis(LocalDate asOf) {
        ClassConfig.Abc abc = classifier.config().abc();
        entityManager.createNativeQuery("""
                        insert into class_basis (computed_at, as_of, population, recency_cuts, frequency_cuts, monetary_cuts,
                                                 abc_a_floor, abc_b_floor)
                        with buying as (
                            select cast(:asOf as date) - cast(cp.last_purchase_at at time zone 'UTC' as date) as days,
                                   cp.purchase_count as purchases, cast(cp.total_spent as double precision) as spent
                              from customer_projection cp
                             where cp.purchase_count > 0
                               and not exists (select 1 from customer_alias a where a.merged_id = cp.customer_id)),
                        walked as (
                            select spent, sum(spent) over (order by spent desc rows unbounded preceding) - spent as before,
                                   sum(spent) over () as total
                              from buying where spent > 0)
                        select :now, :asOf, (select count(*) from buying),
                               coalesce((select percentile_disc(array[0.2, 0.4, 0.6, 0.8]) within group (order by days) from buying), array[0, 0, 0, 0]),
                               coalesce((select percentile_disc(array[0.2, 0.4, 0.6, 0.8]) within group (order by purchases) from buying), array[0, 0, 0, 0]),
                               coalesce((select percentile_disc(array[0.2, 0.4, 0.6, 0.8]) within group (order by spent) from buying), array[0, 0, 0, 0]),
                               (select min(spent) from walked where before < total * :aShare),
                               (select min(spent) from walked where before < total * :abShare)""")
                .setParameter("now", Instant.now()).setParameter("asOf", asOf)
                .setParameter("aShare", abc.aShare() / 100).setParameter("abShare", (abc.aShare() + abc.bShare()) / 100)
                .executeUpdate();
        return latestBasis().orElseThrow();
    }

    // ---- following the customer's record ----------------------------------------------------------------

    /** A new customer: the tier and stage on its record (a prospect until the first purchase). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void customerCreated(CustomerCreated event) {
        CustomerCreated.CareFacts care = event.care();
        boolean pinned = care != null && Boolean.TRUE.equals(care.tierPinned());
        entityManager.createNativeQuery("""
                        insert into customer_class (customer_id, tier, tier_pinned, lifecycle_stage, stage_since, classified_at)
                        values (:id, :tier, :pinned, :stage, :at, :at)
                        on conflict (customer_id) do update set tier = case when excluded.tier_pinned then excluded.tier
                                                                            else customer_class.tier end,
                                                                tier_pinned = excluded.tier_pinned""")
                .setParameter("id", event.customerId()).setParameter("tier", care == null ? null : care.tier())
                .setParameter("pinned", pinned)
                .setParameter("stage", care == null || care.lifecycleStage() == null ? "prospect" : care.lifecycleStage())
                .setParameter("at", event.createdAt()).executeUpdate();
    }

    /**
     * A tier pinned or unpinned by hand on the record. Returns whether the customer must be reclassified (an
     * unpinned tier goes back to the computed one).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean customerUpdated(CustomerUpdated event) {
        Optional<CustomerUpdated.Change> pin = event.changes().stream().filter(c -> "tierPinned".equals(c.field())).findFirst();
        if (pin.isEmpty()) {
            return false;
        }
        boolean pinned = Boolean.TRUE.equals(pin.get().newValue());
        Object tier = event.changes().stream().filter(c -> "tier".equals(c.field())).findFirst()
                .map(CustomerUpdated.Change::newValue).orElse(null);
        int updated = entityManager.createNativeQuery("""
                        update customer_class set tier_pinned = :pinned, tier = case when :pinned then :tier else tier end
                         where customer_id = :id""")
                .setParameter("pinned", pinned).setParameter("tier", tier == null ? null : tier.toString())
                .setParameter("id", event.customerId()).executeUpdate();
        if (updated == 0 && pinned) {
            entityManager.createNativeQuery("""
                            insert into customer_class (customer_id, tier, tier_pinned, lifecycle_stage, stage_since, classified_at)
                            values (:id, :tier, true, 'prospect', :at, :at)""")
                    .setParameter("id", event.customerId()).setParameter("tier", tier == null ? null : tier.toString())
                    .setParameter("at", event.updatedAt()).executeUpdate();
        }
        return !pinned;
    }

    /** Runs after the scores of the same change (a churn level can make a customer at risk). */
    void onPurchaseHistoryChanged(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) PurchaseHistoryChanged change) {
        if (!change.erased().isEmpty()) {
            UUID[] ids = change.erased().toArray(UUID[]::new);
            entityManager.createNativeQuery("delete from customer_class where customer_id = any(:ids)")
                    .setParameter("ids", ids).executeUpdate();
            entityManager.createNativeQuery("delete from class_change where customer_id = any(:ids)")
                    .setParameter("ids", ids).executeUpdate();
        }
        if (!change.changed().isEmpty()) {
            classify(change.changed());
        }
    }

    /** Reclassifies the named customers in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void classify(Collection<UUID> customers) {
        Basis basis = basis();
        Instant now = Instant.now();
        entityManager.flush();
        entityManager.unwrap(Session.class).doWork(connection -> {
            Array ids = connection.createArrayOf("uuid", customers.toArray());
            try (PreparedStatement select = connection.prepareStatement(FACTS + " and cp.customer_id = any(?)")) {
                select.setObject(1, today());
                select.setArray(2, ids);
                write(connection, read(select), basis, now);
            }
        });
    }

    /**
     * Classifies the customers whose ids fall in [{@code from}, {@code to}) ({@code to} null: no upper bound) in
     * the caller's transaction; a job splits the id space into such ranges to classify them side by side.
     * Returns how many customers the range held.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int classifyRange(UUID from, UUID to, Basis basis, LocalDate asOf, Instant now) {
        entityManager.flush();
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            // the range on every table, so each is read by its primary key over the range alone
            String range = to == null ? " >= ?" : " between ? and ?";
            try (PreparedStatement select = connection.prepareStatement(FACTS
                    .replace("on s.customer_id = cp.customer_id", "on s.customer_id = cp.customer_id and s.customer_id" + range)
                    .replace("on c.customer_id = cp.customer_id", "on c.customer_id = cp.customer_id and c.customer_id" + range)
                    + " and cp.customer_id" + range)) {
                UUID last = to == null ? null : new UUID(to.getMostSignificantBits() - 1, -1L); // between is inclusive
                int index = 1;
                select.setObject(index++, asOf);
                for (int table = 0; table < 3; table++) {
                    select.setObject(index++, from);
                    if (to != null) {
                        select.setObject(index++, last);
                    }
                }
                List<Classifier.Facts> facts = read(select);
                write(connection, facts, basis, now);
                return facts.size();
            }
        });
    }

    /** Customers a job will walk: every one analytics knows that is not merged into another. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long population() {
        return ((Number) entityManager.createNativeQuery("""
                select count(*) from customer_projection cp
                 where not exists (select 1 from customer_alias a where a.merged_id = cp.customer_id)""").getSingleResult()).longValue();
    }

    private static List<Classifier.Facts> read(PreparedStatement select) throws SQLException {
        List<Classifier.Facts> facts = new ArrayList<>();
        try (ResultSet r = select.executeQuery()) {
            while (r.next()) {
                Classifier.Classes previous = r.getString(16) == null ? null : new Classifier.Classes(
                        (Integer) r.getObject(6, Integer.class), r.getObject(7, Integer.class), r.getObject(8, Integer.class),
                        r.getString(9), r.getString(10), r.getString(11), r.getString(12), r.getString(13), r.getString(14),
                        r.getBoolean(15), r.getString(16), r.getTimestamp(17).toInstant());
                facts.add(new Classifier.Facts(r.getObject(1, UUID.class), r.getInt(2), r.getDouble(3),
                        r.getObject(4, Integer.class), r.getString(5), previous));
            }
        }
        return facts;
    }

    /**
     * Classifies, writes the rows that changed (one statement, arrays unnested server-side), and records and
     * publishes their changes.
     */
    private void write(Connection connection, List<Classifier.Facts> facts, Basis basis, Instant now) throws SQLException {
        List<Outbox.Pending> events = new ArrayList<>();
        List<Classifier.Classes> changed = new ArrayList<>();
        List<UUID> changedIds = new ArrayList<>();
        List<Object[]> history = new ArrayList<>();
        for (Classifier.Facts f : facts) {
            Classifier.Classes before = f.previous();
            Classifier.Classes after = classifier.classify(f, basis, now);
            if (after.sameAs(before)) {
                continue;
            }
            changed.add(after);
            changedIds.add(f.customerId());
            String segmentBefore = before == null ? null : before.segment();
            String tierBefore = before == null ? null : before.tier();
            String stageBefore = before == null ? null : before.stage();
            String abcBefore = before == null ? null : before.abc();
            String key = f.customerId().toString();
            if (!Objects.equals(segmentBefore, after.segment())) {
                history.add(new Object[] {f.customerId(), "segment", segmentBefore, after.segment()});
                if (after.segment() != null) {
                    events.add(new Outbox.Pending(CustomerSegmentChanged.TYPE, key,
                            new CustomerSegmentChanged(f.customerId(), segmentBefore, after.segment(), now)));
                }
            }
            if (!Objects.equals(tierBefore, after.tier())) {
                history.add(new Object[] {f.customerId(), "tier", tierBefore, after.tier()});
                if (after.tier() != null && !after.tierPinned()) {
                    events.add(new Outbox.Pending(CustomerTierChanged.TYPE, key,
                            new CustomerTierChanged(f.customerId(), tierBefore, after.tier(), now)));
                }
            }
            if (!Objects.equals(stageBefore, after.stage())) {
                history.add(new Object[] {f.customerId(), "stage", stageBefore, after.stage()});
                events.add(new Outbox.Pending(CustomerLifecycleStageChanged.TYPE, key,
                        new CustomerLifecycleStageChanged(f.customerId(), stageBefore, after.stage(), now)));
            }
            if (!Objects.equals(abcBefore, after.abc())) {
                history.add(new Object[] {f.customerId(), "abc", abcBefore, after.abc()});
            }
        }
        if (!changed.isEmpty()) {
            Timestamp at = Timestamp.from(now);
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into customer_class (customer_id, recency_score, frequency_score, monetary_score, segment, abc_class,
                        monetary_level, frequency_level, computed_tier, tier, tier_pinned, lifecycle_stage, stage_since, classified_at)
                    select * , ? from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (customer_id) do update set recency_score = excluded.recency_score,
                        frequency_score = excluded.frequency_score, monetary_score = excluded.monetary_score,
                        segment = excluded.segment, abc_class = excluded.abc_class, monetary_level = excluded.monetary_level,
                        frequency_level = excluded.frequency_level, computed_tier = excluded.computed_tier, tier = excluded.tier,
                        tier_pinned = excluded.tier_pinned, lifecycle_stage = excluded.lifecycle_stage,
                        stage_since = excluded.stage_since, classified_at = excluded.classified_at""")) {
                upsert.setTimestamp(1, at);
                upsert.setArray(2, connection.createArrayOf("uuid", changedIds.toArray()));
                upsert.setArray(3, connection.createArrayOf("int2", changed.stream().map(Classifier.Classes::recency).toArray()));
                upsert.setArray(4, connection.createArrayOf("int2", changed.stream().map(Classifier.Classes::frequency).toArray()));
                upsert.setArray(5, connection.createArrayOf("int2", changed.stream().map(Classifier.Classes::monetary).toArray()));
                upsert.setArray(6, connection.createArrayOf("varchar", changed.stream().map(Classifier.Classes::segment).toArray()));
                upsert.setArray(7, connection.createArrayOf("varchar", changed.stream().map(Classifier.Classes::abc).toArray()));
                upsert.setArray(8, connection.createArrayOf("varchar", changed.stream().map(Classifier.Classes::monetaryLevel).toArray()));
                upsert.setArray(9, connection.createArrayOf("varchar", changed.stream().map(Classifier.Classes::frequencyLevel).toArray()));
                upsert.setArray(10, connection.createArrayOf("varchar", changed.stream().map(Classifier.Classes::computedTier).toArray()));
                upsert.setArray(11, connection.createArrayOf("varchar", changed.stream().map(Classifier.Classes::tier).toArray()));
                upsert.setArray(12, connection.createArrayOf("bool", changed.stream().map(Classifier.Classes::tierPinned).toArray()));
                upsert.setArray(13, connection.createArrayOf("varchar", changed.stream().map(Classifier.Classes::stage).toArray()));
                upsert.setArray(14, connection.createArrayOf("timestamptz", changed.stream()
                        .map(c -> Timestamp.from(c.stageSince())).toArray()));
                upsert.executeUpdate();
            }
            if (!history.isEmpty()) {
                try (PreparedStatement insert = connection.prepareStatement("""
                        insert into class_change (customer_id, kind, previous, value, changed_at)
                        select c, k, p, v, ? from unnest(?, ?, ?, ?) as x(c, k, p, v)""")) {
                    insert.setTimestamp(1, at);
                    insert.setArray(2, connection.createArrayOf("uuid", history.stream().map(h -> h[0]).toArray()));
                    insert.setArray(3, connection.createArrayOf("varchar", history.stream().map(h -> h[1]).toArray()));
                    insert.setArray(4, connection.createArrayOf("varchar", history.stream().map(h -> h[2]).toArray()));
                    insert.setArray(5, connection.createArrayOf("varchar", history.stream().map(h -> h[3]).toArray()));
                    insert.executeUpdate();
                }
            }
        }
        outbox.recordAll(events);
    }

    private static int[] ints(Object array) {
        Object values = plain(array);
        int[] result = new int[java.lang.reflect.Array.getLength(values)];
        for (int i = 0; i < result.length; i++) {
            result[i] = ((Number) java.lang.reflect.Array.get(values, i)).intValue();
        }
        return result;
    }

    private static double[] doubles(Object array) {
        Object values = plain(array);
        double[] result = new double[java.lang.reflect.Array.getLength(values)];
        for (int i = 0; i < result.length; i++) {
            result[i] = ((Number) java.lang.reflect.Array.get(values, i)).doubleValue();
        }
        return result;
    }

    /** A SQL array as the driver or Hibernate hands it over: java.sql.Array, boxed or primitive Java array. */
    private static Object plain(Object array) {
        try {
            return array instanceof java.sql.Array sql ? sql.getArray() : array;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** Names of classes, for reports: segments and tiers in table order. */
    public List<String> segmentNames() {
        return classifier.rules().segmentNames();
    }

    public List<String> tierNames() {
        return classifier.rules().tierNames();
    }

    // ---- explaining ------------------------------------------------------------------------------------

    /** The customer's classes with the rule behind each; empty when analytics has not classified it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<CustomerClassesView> describe(UUID customerId, String currency) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select c.recency_score, c.frequency_score, c.monetary_score, c.segment, c.abc_class, c.monetary_level,
                               c.frequency_level, c.computed_tier, c.tier, c.tier_pinned, c.lifecycle_stage, cp.purchase_count,
                               cast(cp.total_spent as double precision),
                               cast(:today as date) - cast(cp.last_purchase_at at time zone 'UTC' as date)
                          from customer_class c join customer_projection cp on cp.customer_id = c.customer_id
                         where c.customer_id = :id""")
                .setParameter("id", customerId).setParameter("today", today()).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.getFirst();
        Basis basis = latestBasis().orElse(null);
        CustomerClassesView.Rfm rfm = null;
        CustomerClassesView.Placed segment = null;
        CustomerClassesView.Placed abc = null;
        int purchases = ((Number) r[11]).intValue();
        double spent = ((Number) r[12]).doubleValue();
        if (r[0] != null && basis != null) {
            int rs = ((Number) r[0]).intValue(), fs = ((Number) r[1]).intValue(), ms = ((Number) r[2]).intValue();
            Integer days = r[13] == null ? null : ((Number) r[13]).intValue();
            rfm = new CustomerClassesView.Rfm(rs, fs, ms, Explanations.rfm(basis, rs, fs, ms, days, purchases, spent, currency));
            String name = (String) r[3];
            segment = new CustomerClassesView.Placed(name, classifier.rules().segmentRule(name, rs, fs, ms)
                    .map(Rules.SegmentRule::describe).orElse(name + ": by a rule no longer configured"));
            String abcClass = r[4] == null ? null : r[4].toString(); // varchar(1) comes back as a Character
            abc = new CustomerClassesView.Placed(abcClass, Explanations.abc(basis, abcClass, spent, currency,
                    classifier.config().abc()));
        }
        String tierValue = (String) r[8];
        boolean pinned = (Boolean) r[9];
        String computed = (String) r[7];
        String tierRule;
        if (pinned) {
            tierRule = "pinned by hand on the customer record" + (computed == null ? "" : "; the rules would give " + computed);
        } else if (computed == null) {
            tierRule = "no tier before the first purchase";
        } else {
            tierRule = classifier.rules().tierRule(computed, (String) r[5], (String) r[6]).map(Rules.TierRule::describe)
                    .orElse(computed + ": by a rule no longer configured")
                    + " (monetary " + r[5] + (r[2] == null ? "" : ", M " + r[2]) + "; frequency " + r[6]
                    + (r[1] == null ? "" : ", F " + r[1]) + ")";
        }
        CustomerClassesView.Tier tier = new CustomerClassesView.Tier(tierValue, pinned, computed, tierRule);
        String stage = (String) r[10];
        return Optional.of(new CustomerClassesView(rfm, segment, abc, tier,
                new CustomerClassesView.Placed(stage, Explanations.stage(stage, classifier.config().stages()))));
    }
}
