package io.clientbook.analytics.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.analytics.fit.FitService;
import io.clientbook.analytics.fit.dto.FittedModel;
import io.clientbook.analytics.model.GammaGamma;
import io.clientbook.analytics.model.TimeUnit;
import io.clientbook.analytics.projection.Book;
import io.clientbook.analytics.projection.CustomerSummary;
import io.clientbook.analytics.projection.PurchaseHistoryChanged;
import io.clientbook.analytics.projection.PurchaseSummaries;
import io.clientbook.analytics.projection.ReportingCurrency;
import io.clientbook.analytics.score.dto.CurrentScoreView;
import io.clientbook.analytics.score.dto.FitScorePage;
import io.clientbook.analytics.score.dto.FitScoreView;
import io.clientbook.analytics.score.dto.ScoredCustomerPage;
import io.clientbook.events.analytics.CustomerChurnRiskChanged;
import io.clientbook.events.analytics.CustomerClvChanged;
import io.clientbook.platform.outbox.Outbox;
import io.clientbook.platform.persistence.Rows;
import io.clientbook.platform.problem.ProblemException;
import io.clientbook.platform.security.OwnerVisibility;
import io.clientbook.platform.web.Paging;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Scores customers: as of a fit's calibration end (read-only, from the purchase rows up to that day), and
 * currently (from the latest fits, as of today), kept in {@code customer_score}. Current scores follow each
 * purchase-history change in the event's transaction, every completed fit, and a nightly pass; a change of
 * churn level or CLV band is published through the outbox.
 */
@ApplicationScoped
public class ScoreService {

    private static final Logger LOG = Logger.getLogger(ScoreService.class);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final Set<String> LEVELS = Set.of("low", "medium", "high");

    private final FitService fits;
    private final PurchaseSummaries summaries;
    private final ScoringConfig config;
    private final ReportingCurrency currency;
    private final Outbox outbox;
    private final OwnerVisibility visibility;
    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final AtomicBoolean rescoring = new AtomicBoolean();

    ScoreService(FitService fits, PurchaseSummaries summaries, ScoringConfig config, ReportingCurrency currency, Outbox outbox,
                 OwnerVisibility visibility, EntityManager entityManager, ObjectMapper mapper) {
        this.fits = fits;
        this.summaries = summaries;
        this.config = config;
        this.currency = currency;
        this.outbox = outbox;
        this.visibility = visibility;
        this.entityManager = entityManager;
        this.mapper = mapper;
    }

    // ---- scores of a fit -------------------------------------------------------------------------------

    /**
     * A page of the fit's population scored as of its calibration end. A purchase-model fit takes its spend
     * from the latest Gamma-Gamma fit on the same calibration end and unit, a Gamma-Gamma fit its purchases
     * from the latest BG/NBD fit likewise; without that companion the values it would give are null (spend)
     * or the request is a 409 (purchases).
     */
    @Transactional
    public FitScorePage scoresOfFit(UUID fitId, Double horizon, String cursor, Integer limit) {
        int size = Paging.limit(limit);
        FittedModel fit = fits.fitted(fitId);
        FittedModel purchaseFit = fit.isPurchaseModel() ? fit : fits.companion(fit, "bgnbd")
                .orElseThrow(() -> new ProblemException.Conflict("Scores of a Gamma-Gamma fit need a BG/NBD fit on the same "
                        + "calibration end and time unit; fit one first"));
        GammaGamma spend = fit.spendModel().or(() -> fits.companion(fit, GammaGamma.NAME).flatMap(FittedModel::spendModel)).orElse(null);
        double units = horizon == null ? fit.timeUnit().of(config.churn().horizonDays()) : horizon;
        if (!(units > 0 && units <= 100_000)) {
            throw new ProblemException.Invalid("horizon", "must be a positive number of " + fit.timeUnit().apiName());
        }
        UUID after = cursor == null ? null : cursorId(cursor);
        ScoreCalculator calculator = new ScoreCalculator(purchaseFit.purchaseModel().orElseThrow(), fit.timeUnit(), spend, config);
        List<CustomerSummary> page = summaries.page(fit.calibrationEnd(), after, size + 1);
        List<FitScoreView> items = page.stream().limit(size).map(s -> {
            Score score = calculator.score(s, units);
            return new FitScoreView(s.customerId(), s.externalIds().stream()
                    .map(e -> new FitScoreView.ExternalIdView(e.source(), e.externalId())).toList(),
                    score.x(), score.tx(), score.T(), score.pAlive(), score.expectedPurchases(), score.expectedAverageSpend(),
                    score.clv(), score.churnRisk(), score.churnLevel(), score.reasons());
        }).toList();
        String next = page.size() > size ? Paging.cursor(items.getLast().customerId()) : null;
        return new FitScorePage(items, next);
    }

    private static UUID cursorId(String cursor) {
        try {
            return UUID.fromString(Paging.parts(cursor, 1)[0]);
        } catch (IllegalArgumentException e) {
            throw Paging.invalidCursor();
        }
    }

    // ---- current scores --------------------------------------------------------------------------------

    /** The models current scores use, if fitted. */
    record CurrentModels(FittedModel purchase, FittedModel spend) {
        ScoreCalculator calculator(ScoringConfig config) {
            return new ScoreCalculator(purchase.purchaseModel().orElseThrow(), purchase.timeUnit(),
                    spend == null ? null : spend.spendModel().orElseThrow(), config);
        }
    }

    Optional<CurrentModels> currentModels() {
        return fits.latest(config.purchaseModel()).map(p -> new CurrentModels(p, fits.latest(GammaGamma.NAME).orElse(null)));
    }

    /** The customer's current scores; empty before the first fit or for a customer without a purchase. */
    public Optional<CurrentScoreView> current(UUID customerId) {
        List<CurrentScoreView> found = select("where s.customer_id = :id", Map.of("id", customerId), "s.customer_id", 1);
        return found.stream().findFirst();
    }

    /**
     * Current scores as a call list: filtered by churn level and minimum CLV, sorted by {@code churnRisk},
     * {@code clv} ({@code -} for descending; default {@code -churnRisk}); a sales user sees their own customers.
     */
    public ScoredCustomerPage list(String churnLevel, Double minClv, String sort, String cursor, Integer limit) {
        int size = Paging.limit(limit);
        String order = sort == null || sort.isBlank() ? "-churnRisk" : sort.trim();
        boolean descending = order.startsWith("-");
        String column = switch (descending ? order.substring(1) : order) {
            case "churnRisk" -> "s.churn_risk";
            case "clv" -> "coalesce(s.clv, -1)";
            default -> throw new ProblemException.Invalid("sort", "must be churnRisk or clv, with - for descending");
        };
        StringBuilder where = new StringBuilder("where true");
        Map<String, Object> parameters = new HashMap<>();
        if (churnLevel != null) {
            String level = churnLevel.toLowerCase(Locale.ROOT);
            if (!LEVELS.contains(level)) {
                throw new ProblemException.Invalid("churnLevel", "must be one of low, medium, high");
            }
            where.append(" and s.churn_level = :level");
            parameters.put("level", level);
        }
        if (minClv != null) {
            if (!Double.isFinite(minClv)) {
                throw new ProblemException.Invalid("minClv", "must be a number");
            }
            where.append(" and s.clv >= :minClv");
            parameters.put("minClv", minClv);
        }
        visibility.onlyOwnedBy().ifPresent(owner -> {
            where.append(" and cp.owner_id = :owner");
            parameters.put("owner", owner);
        });
        if (cursor != null) {
            String[] parts = Paging.parts(cursor, 2);
            try {
                parameters.put("afterValue", Double.parseDouble(parts[0]));
                parameters.put("afterId", UUID.fromString(parts[1]));
            } catch (IllegalArgumentException e) {
                throw Paging.invalidCursor();
            }
            where.append(descending ? " and (%s < :afterValue or (%s = :afterValue and s.customer_id > :afterId))"
                    : " and (%s > :afterValue or (%s = :afterValue and s.customer_id > :afterId))");
            String clause = where.toString().formatted(column, column);
            where.setLength(0);
            where.append(clause);
        }
        List<CurrentScoreView> rows = select(where.toString(), parameters, column + (descending ? " desc" : "") + ", s.customer_id", size + 1);
        List<CurrentScoreView> items = rows.stream().limit(size).toList();
        String next = null;
        if (rows.size() > size) {
            CurrentScoreView last = items.getLast();
            double value = column.startsWith("coalesce") ? (last.clv() == null ? -1 : last.clv()) : last.churnRisk();
            next = Paging.cursor(Double.toString(value), last.customerId());
        }
        return new ScoredCustomerPage(items, next);
    }

    private List<CurrentScoreView> select(String where, Map<String, Object> parameters, String orderBy, int limit) {
        var query = entityManager.createNativeQuery("""
                select s.customer_id, s.scored_at, pf.time_unit, s.repeat_purchases, s.recency_days, s.age_days, s.days_since_last,
                       s.p_alive, s.horizon_days, s.expected_purchases, s.expected_average_spend, s.clv, s.clv_band,
                       s.churn_risk, s.churn_level, cast(s.reasons as text), pf.id, pf.model, pf.version, sf.id, sf.model, sf.version
                  from customer_score s
                  join customer_projection cp on cp.customer_id = s.customer_id
                  join model_fit pf on pf.id = s.purchase_fit_id
                  left join model_fit sf on sf.id = s.spend_fit_id
                """ + where + " order by " + orderBy + " limit " + limit);
        parameters.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<CurrentScoreView> views = new ArrayList<>();
        for (Object[] r : rows) {
            TimeUnit unit = TimeUnit.parse((String) r[2]);
            CurrentScoreView.ModelRef spend = r[19] == null ? null
                    : new CurrentScoreView.ModelRef((UUID) r[19], (String) r[20], ((Number) r[21]).intValue());
            views.add(new CurrentScoreView((UUID) r[0], Rows.instant(r[1]), unit.apiName(), ((Number) r[3]).intValue(),
                    unit.of(((Number) r[4]).longValue()), unit.of(((Number) r[5]).longValue()), ((Number) r[6]).intValue(),
                    ((Number) r[7]).doubleValue(), ((Number) r[8]).intValue(), ((Number) r[9]).doubleValue(),
                    r[10] == null ? null : ((Number) r[10]).doubleValue(), r[11] == null ? null : ((Number) r[11]).doubleValue(),
                    (String) r[12], currency.code(), ((Number) r[13]).doubleValue(), (String) r[14], strings((String) r[15]),
                    new CurrentScoreView.Models(new CurrentScoreView.ModelRef((UUID) r[16], (String) r[17], ((Number) r[18]).intValue()),
                            spend)));
        }
        return views;
    }

    // ---- keeping current scores current ------------------------------------------------------------------

    /** Rescores the customers an event touched, in its transaction; forgets erased and merged ones. */
    void onPurchaseHistoryChanged(@Observes PurchaseHistoryChanged change) {
        if (!change.erased().isEmpty()) {
            entityManager.createNativeQuery("delete from customer_score where customer_id = any(:ids)")
                    .setParameter("ids", change.erased().toArray(UUID[]::new)).executeUpdate();
        }
        if (!change.changed().isEmpty()) {
            currentModels().ifPresent(models -> rescore(models, change.changed(), today()));
        }
    }

    /**
     * Rescores every customer of the book (read as of {@code asOf}), a chunk per transaction on {@code workers}
     * (chunks are independent, so two workers keep two cores and two database backends busy), telling
     * {@code progress} how many were scored after each chunk; returns how many were scored (0 before the first
     * fit). Rescoring jobs call this, one at a time.
     */
    public long rescoreEveryone(Book book, LocalDate asOf, java.util.function.LongConsumer progress,
                                java.util.concurrent.ExecutorService workers) {
        if (!rescoring.compareAndSet(false, true)) {
            throw new IllegalStateException("a rescoring is already running");
        }
        try {
            Optional<CurrentModels> models = QuarkusTransaction.requiringNew().call(this::currentModels);
            if (models.isEmpty()) {
                return 0;
            }
            List<java.util.concurrent.Future<?>> chunks = new ArrayList<>();
            for (int from = 0; from < book.size(); from += config.rescoreChunk()) {
                int start = from;
                int end = Math.min(book.size(), from + config.rescoreChunk());
                chunks.add(workers.submit(() -> {
                    List<CustomerSummary> chunk = book.slice(start, end);
                    QuarkusTransaction.requiringNew().run(() -> write(models.get(), chunk, asOf));
                    progress.accept(chunk.size());
                }));
            }
            for (var chunk : chunks) {
                try {
                    chunk.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    chunks.forEach(c -> c.cancel(false));
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            return book.size();
        } catch (RuntimeException e) {
            LOG.errorf("Rescoring stopped: %s", e.getClass().getSimpleName());
            throw e;
        } finally {
            rescoring.set(false);
        }
    }

    /** Customers with a purchase up to {@code asOf}: those a full rescoring scores. */
    @Transactional
    public long buyingCustomers(LocalDate asOf) {
        return ((Number) entityManager.createNativeQuery(
                        "select count(*) from customer_projection where first_purchase_at < :endExclusive")
                .setParameter("endExclusive", asOf.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)).getSingleResult()).longValue();
    }

    private void rescore(CurrentModels models, Collection<UUID> customers, LocalDate asOf) {
        List<CustomerSummary> found = summaries.of(asOf, customers);
        write(models, found, asOf);
        Set<UUID> without = new java.util.HashSet<>(customers);
        found.forEach(s -> without.remove(s.customerId()));
        if (!without.isEmpty()) { // no purchase any more (cancelled, moved away): no scores
            entityManager.createNativeQuery("delete from customer_score where customer_id = any(:ids)")
                    .setParameter("ids", without.toArray(UUID[]::new)).executeUpdate();
        }
    }

    /**
     * Computes and upserts the chunk's scores with one statement (arrays unnested server-side); publishes level
     * and band changes with one batched insert into the outbox.
     */
    private void write(CurrentModels models, List<CustomerSummary> chunk, LocalDate asOf) {
        if (chunk.isEmpty()) {
            return;
        }
        Map<UUID, String[]> before = previous(chunk);
        ScoreCalculator calculator = models.calculator(config);
        double horizon = models.purchase().timeUnit().of(config.clv().horizonDays());
        Instant now = Instant.now();
        int n = chunk.size();
        Object[] ids = new Object[n];
        Object[] repeat = new Object[n], recency = new Object[n], age = new Object[n], since = new Object[n];
        Object[] pAlive = new Object[n], expected = new Object[n], averageSpend = new Object[n], clv = new Object[n];
        Object[] band = new Object[n], risk = new Object[n], level = new Object[n], reasons = new Object[n];
        List<Outbox.Pending> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CustomerSummary s = chunk.get(i);
            Score score = calculator.score(s, horizon);
            ids[i] = s.customerId();
            repeat[i] = s.repeatPurchases();
            recency[i] = s.recencyDays();
            age[i] = s.ageDays();
            since[i] = s.daysSinceLastPurchase();
            pAlive[i] = score.pAlive();
            expected[i] = score.expectedPurchases();
            averageSpend[i] = finite(score.expectedAverageSpend());
            clv[i] = finite(score.clv());
            band[i] = score.clvBand();
            risk[i] = score.churnRisk();
            level[i] = score.churnLevel();
            reasons[i] = json(score.reasons());
            String[] previous = before.get(s.customerId());
            String previousLevel = previous == null ? null : previous[0];
            String previousBand = previous == null ? null : previous[1];
            if (!score.churnLevel().equals(previousLevel)) {
                events.add(new Outbox.Pending(CustomerChurnRiskChanged.TYPE, s.customerId().toString(), new CustomerChurnRiskChanged(
                        s.customerId(), previousLevel, score.churnLevel(), score.churnRisk(), score.reasons(), now)));
            }
            if (score.clvBand() != null && !score.clvBand().equals(previousBand)) {
                events.add(new Outbox.Pending(CustomerClvChanged.TYPE, s.customerId().toString(), new CustomerClvChanged(
                        s.customerId(), previousBand, score.clvBand(), score.clv(), currency.code(), now)));
            }
        }
        entityManager.flush();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into customer_score (customer_id, scored_at, repeat_purchases, recency_days, age_days, days_since_last,
                        p_alive, horizon_days, expected_purchases, expected_average_spend, clv, clv_band, churn_risk, churn_level,
                        reasons, purchase_fit_id, spend_fit_id)
                    select id, ?, rp, rd, ad, ds, pa, ?, ep, eas, v, b, cr, cl, cast(rs as jsonb), ?, ?
                      from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) as t(id, rp, rd, ad, ds, pa, ep, eas, v, b, cr, cl, rs)
                    on conflict (customer_id) do update set scored_at = excluded.scored_at,
                        repeat_purchases = excluded.repeat_purchases, recency_days = excluded.recency_days,
                        age_days = excluded.age_days, days_since_last = excluded.days_since_last, p_alive = excluded.p_alive,
                        horizon_days = excluded.horizon_days, expected_purchases = excluded.expected_purchases,
                        expected_average_spend = excluded.expected_average_spend, clv = excluded.clv,
                        clv_band = excluded.clv_band, churn_risk = excluded.churn_risk, churn_level = excluded.churn_level,
                        reasons = excluded.reasons, purchase_fit_id = excluded.purchase_fit_id,
                        spend_fit_id = excluded.spend_fit_id""")) {
                upsert.setTimestamp(1, Timestamp.from(now));
                upsert.setInt(2, config.clv().horizonDays());
                upsert.setObject(3, models.purchase().id());
                upsert.setObject(4, models.spend() == null ? null : models.spend().id());
                upsert.setArray(5, connection.createArrayOf("uuid", ids));
                upsert.setArray(6, connection.createArrayOf("int4", repeat));
                upsert.setArray(7, connection.createArrayOf("int4", recency));
                upsert.setArray(8, connection.createArrayOf("int4", age));
                upsert.setArray(9, connection.createArrayOf("int4", since));
                upsert.setArray(10, connection.createArrayOf("float8", pAlive));
                upsert.setArray(11, connection.createArrayOf("float8", expected));
                upsert.setArray(12, connection.createArrayOf("float8", averageSpend));
                upsert.setArray(13, connection.createArrayOf("float8", clv));
                upsert.setArray(14, connection.createArrayOf("varchar", band));
                upsert.setArray(15, connection.createArrayOf("float8", risk));
                upsert.setArray(16, connection.createArrayOf("varchar", level));
                upsert.setArray(17, connection.createArrayOf("text", reasons));
                upsert.executeUpdate();
            }
        });
        outbox.recordAll(events);
        LOG.debugf("Scored %d customers as of %s", chunk.size(), asOf);
    }

    private static Double finite(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }

    private Map<UUID, String[]> previous(List<CustomerSummary> chunk) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "select customer_id, churn_level, clv_band from customer_score where customer_id = any(:ids)")
                .setParameter("ids", chunk.stream().map(CustomerSummary::customerId).toArray(UUID[]::new)).getResultList();
        Map<UUID, String[]> before = new HashMap<>();
        rows.forEach(r -> before.put((UUID) r[0], new String[] {(String) r[1], (String) r[2]}));
        return before;
    }

    private String json(List<String> reasons) {
        try {
            return mapper.writeValueAsString(reasons);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> strings(String json) {
        try {
            return mapper.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
