package io.clientbook.analytics.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.analytics.projection.CustomerProjectionService;
import io.clientbook.analytics.projection.ReportingCurrency;
import io.clientbook.analytics.report.dto.Reports;
import io.clientbook.analytics.segment.ClassConfig;
import io.clientbook.analytics.segment.ClassificationService;
import io.clientbook.platform.persistence.Rows;
import io.clientbook.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The reports, straight from the projections in SQL: revenue is always the sum of counted orders in the
 * reporting currency, so every report's totals agree with the purchase history.
 */
@ApplicationScoped
public class ReportService {

    private static final String KNOWN = "not exists (select 1 from customer_alias a where a.merged_id = cp.customer_id)";
    private static final double[] CLV_BOUNDS = {0, 10, 50, 100, 250, 500, 1000, 2500, 5000};
    private static final TypeReference<List<Map<String, String>>> EXTERNAL_IDS = new TypeReference<>() {
    };

    private final EntityManager entityManager;
    private final ClassificationService classes;
    private final ClassConfig config;
    private final ReportingCurrency currency;
    private final CustomerProjectionService projections;
    private final ObjectMapper mapper;
    private final ExecutorService worker = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("reports-", 1).daemon().factory());

    ReportService(EntityManager entityManager, ClassificationService classes, ClassConfig config, ReportingCurrency currency,
                  CustomerProjectionService projections, ObjectMapper mapper) {
        this.entityManager = entityManager;
        this.classes = classes;
        this.config = config;
        this.currency = currency;
        this.projections = projections;
        this.mapper = mapper;
    }

    // ---- distributions ---------------------------------------------------------------------------------

    /** {@code segments}, {@code tiers} or {@code abc}: customers and all-time revenue per class ("none": unclassified). */
    @Transactional
    public Reports.Distribution distribution(String report) {
        String column = switch (report) {
            case "segments" -> "c.segment";
            case "tiers" -> "c.tier";
            case "abc" -> "c.abc_class";
            default -> throw new IllegalArgumentException(report);
        };
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select cast(" + column + " as text), count(*), "
                + "coalesce(sum(cp.total_spent), 0) from customer_projection cp left join customer_class c on c.customer_id = cp.customer_id "
                + "where " + KNOWN + " group by 1").getResultList();
        Map<String, double[]> byName = new HashMap<>();
        long customers = 0;
        double revenue = 0;
        for (Object[] r : rows) {
            long count = ((Number) r[1]).longValue();
            double spent = ((Number) r[2]).doubleValue();
            byName.put(r[0] == null ? "none" : (String) r[0], new double[] {count, spent});
            customers += count;
            revenue += spent;
        }
        List<String> order = new ArrayList<>(switch (report) {
            case "segments" -> classes.segmentNames();
            case "tiers" -> classes.tierNames();
            default -> List.of("a", "b", "c");
        });
        byName.keySet().stream().filter(name -> !order.contains(name) && !name.equals("none")).sorted().forEach(order::add);
        order.add("none");
        List<Reports.Share> items = new ArrayList<>();
        for (String name : order) {
            double[] v = byName.getOrDefault(name, new double[] {0, 0});
            items.add(new Reports.Share(name, (long) v[0], customers == 0 ? 0 : v[0] / customers, round(v[1]),
                    revenue == 0 ? 0 : v[1] / revenue));
        }
        Map<String, Double> floors = null;
        if (report.equals("abc")) {
            floors = new LinkedHashMap<>();
            var basis = classes.latestBasis();
            floors.put("a", basis.map(b -> b.abcAFloor()).orElse(null));
            floors.put("b", basis.map(b -> b.abcBFloor()).orElse(null));
        }
        return new Reports.Distribution(report, Instant.now(), currency.code(), customers, round(revenue), items, floors);
    }

    // ---- trends ----------------------------------------------------------------------------------------

    /**
     * Churn rate per month: a customer's activity runs in spells of purchases at most the churn window apart;
     * a spell ends (the customer churns) on the day the window after its last purchase runs out.
     */
    @Transactional
    public Reports.Churn churn(String from, String to) {
        YearMonth[] range = months(from, to);
        int window = config.stages().churnedAfterDays();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        with days as (
                            select customer_id, cast(placed_at at time zone 'UTC' as date) as d from purchase where counts group by 1, 2),
                        marked as (
                            select customer_id, d, case when lag(d) over w is null or d - lag(d) over w > :window then 1 else 0 end as starts
                              from days window w as (partition by customer_id order by d)),
                        numbered as (select customer_id, d, sum(starts) over (partition by customer_id order by d) as spell from marked),
                        spells as (select customer_id, min(d) as first_day, max(d) + :window as lapse from numbered group by customer_id, spell),
                        months as (select cast(m as date) as s, cast(m + interval '1 month' as date) as e
                                     from generate_series(cast(:from as date), cast(:to as date), interval '1 month') m)
                        select to_char(m.s, 'YYYY-MM'),
                               count(sp.customer_id) filter (where sp.first_day < m.s and sp.lapse >= m.s),
                               count(sp.customer_id) filter (where sp.first_day < m.s and sp.lapse >= m.s and sp.lapse < m.e and sp.lapse <= :today)
                          from months m left join spells sp on sp.first_day < m.s and sp.lapse >= m.s
                         group by m.s order by m.s""")
                .setParameter("window", window).setParameter("from", range[0].atDay(1)).setParameter("to", range[1].atDay(1))
                .setParameter("today", LocalDate.now(ZoneOffset.UTC)).getResultList();
        List<Reports.ChurnMonth> items = rows.stream().map(r -> {
            long active = ((Number) r[1]).longValue();
            long churned = ((Number) r[2]).longValue();
            return new Reports.ChurnMonth((String) r[0], active, churned, active == 0 ? null : (double) churned / active);
        }).toList();
        return new Reports.Churn(Instant.now(), window, items);
    }

    /** Retention by first-purchase month: the share of each cohort buying in each later month. */
    @Transactional
    public Reports.Cohorts cohorts(String from, String to) {
        YearMonth[] range = months(from, to);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        with bought as (
                            select distinct customer_id, cast(date_trunc('month', placed_at at time zone 'UTC') as date) as m
                              from purchase where counts),
                        firsts as (select customer_id, min(m) as cohort from bought group by customer_id)
                        select to_char(f.cohort, 'YYYY-MM'),
                               cast((extract(year from b.m) - extract(year from f.cohort)) * 12
                                    + extract(month from b.m) - extract(month from f.cohort) as integer) as k, count(*)
                          from firsts f join bought b on b.customer_id = f.customer_id
                         where f.cohort between :from and :to
                         group by 1, 2 order by 1, 2""")
                .setParameter("from", range[0].atDay(1)).setParameter("to", range[1].atDay(1)).getResultList();
        Map<String, TreeMap<Integer, Long>> byCohort = new TreeMap<>();
        for (Object[] r : rows) {
            byCohort.computeIfAbsent((String) r[0], k -> new TreeMap<>()).put(((Number) r[1]).intValue(), ((Number) r[2]).longValue());
        }
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        List<Reports.Cohort> items = new ArrayList<>();
        for (YearMonth m = range[0]; !m.isAfter(range[1]); m = m.plusMonths(1)) {
            TreeMap<Integer, Long> counts = byCohort.getOrDefault(m.toString(), new TreeMap<>());
            long size = counts.getOrDefault(0, 0L);
            List<Double> retention = new ArrayList<>();
            int months = (int) (now.getYear() * 12L + now.getMonthValue() - (m.getYear() * 12L + m.getMonthValue()));
            for (int k = 0; k <= months && size > 0; k++) {
                retention.add((double) counts.getOrDefault(k, 0L) / size);
            }
            items.add(new Reports.Cohort(m.toString(), size, retention));
        }
        return new Reports.Cohorts(Instant.now(), items);
    }

    /** CLV of every scored customer: total, mean, median, bands and buckets. */
    @Transactional
    public Reports.Clv clv() {
        Object[] totals = (Object[]) entityManager.createNativeQuery("""
                select count(*), coalesce(sum(clv), 0), avg(clv), percentile_cont(0.5) within group (order by clv)
                  from customer_score where clv is not null""").getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> bands = entityManager.createNativeQuery(
                "select clv_band, count(*) from customer_score where clv_band is not null group by 1").getResultList();
        Map<String, Long> byBand = new LinkedHashMap<>();
        for (String band : List.of("low", "medium", "high")) {
            byBand.put(band, 0L);
        }
        bands.forEach(r -> byBand.put((String) r[0], ((Number) r[1]).longValue()));
        @SuppressWarnings("unchecked")
        List<Object[]> buckets = entityManager.createNativeQuery("""
                        select width_bucket(clv, cast(:bounds as double precision[])), count(*), sum(clv)
                          from customer_score where clv is not null group by 1""")
                .setParameter("bounds", CLV_BOUNDS).getResultList();
        Map<Integer, Object[]> byBucket = new HashMap<>();
        buckets.forEach(r -> byBucket.put(((Number) r[0]).intValue(), r));
        List<Reports.Bucket> items = new ArrayList<>();
        for (int i = 1; i <= CLV_BOUNDS.length; i++) {
            Object[] r = byBucket.get(i);
            items.add(new Reports.Bucket(CLV_BOUNDS[i - 1], i < CLV_BOUNDS.length ? CLV_BOUNDS[i] : null,
                    r == null ? 0 : ((Number) r[1]).longValue(), r == null ? 0 : round(((Number) r[2]).doubleValue())));
        }
        return new Reports.Clv(Instant.now(), currency.code(), ((Number) totals[0]).longValue(), round(((Number) totals[1]).doubleValue()),
                totals[2] == null ? null : ((Number) totals[2]).doubleValue(), totals[3] == null ? null : ((Number) totals[3]).doubleValue(),
                byBand, items);
    }

    /** NPS and CSAT per month, from the survey answers interaction-service published. */
    @Transactional
    public Reports.Satisfaction satisfaction(String from, String to) {
        YearMonth[] range = months(from, to);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select to_char(at at time zone 'UTC', 'YYYY-MM'),
                               count(*) filter (where detail = 'nps'),
                               count(*) filter (where detail = 'nps' and score >= 9),
                               count(*) filter (where detail = 'nps' and score <= 6),
                               count(*) filter (where detail = 'csat'),
                               count(*) filter (where detail = 'csat' and score >= 4),
                               avg(score) filter (where detail = 'csat')
                          from customer_activity
                         where kind = 'survey' and at >= :from and at < :to group by 1""")
                .setParameter("from", range[0].atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC))
                .setParameter("to", range[1].plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)).getResultList();
        Map<String, Object[]> byMonth = new HashMap<>();
        rows.forEach(r -> byMonth.put((String) r[0], r));
        List<Reports.SatisfactionMonth> items = new ArrayList<>();
        for (YearMonth m = range[0]; !m.isAfter(range[1]); m = m.plusMonths(1)) {
            Object[] r = byMonth.get(m.toString());
            long nps = r == null ? 0 : ((Number) r[1]).longValue();
            long csat = r == null ? 0 : ((Number) r[4]).longValue();
            items.add(new Reports.SatisfactionMonth(m.toString(), nps,
                    nps == 0 ? null : round(100.0 * (((Number) r[2]).longValue() - ((Number) r[3]).longValue()) / nps), csat,
                    csat == 0 ? null : round(100.0 * ((Number) r[5]).longValue() / csat),
                    csat == 0 ? null : round(((Number) r[6]).doubleValue())));
        }
        return new Reports.Satisfaction(Instant.now(), items);
    }

    // ---- annual reports --------------------------------------------------------------------------------

    /** One customer's year, with the customers merged into it; 404 as for the customer itself. */
    @Transactional
    public Reports.AnnualCustomer annualCustomer(UUID customerId, String yearText) {
        int year = year(yearText);
        projections.get(customerId); // 404 for unknown, invisible or merged (with mergedInto)
        @SuppressWarnings("unchecked")
        List<UUID> group = entityManager.createNativeQuery("""
                        with recursive grp(id) as (
                            select cast(:id as uuid) union select a.merged_id from customer_alias a join grp on a.survivor_id = grp.id)
                        select id from grp""").setParameter("id", customerId).getResultList();
        UUID[] ids = group.toArray(UUID[]::new);
        Instant start = yearStart(year);
        Instant end = yearStart(year + 1);
        Object[] orders = (Object[]) entityManager.createNativeQuery("""
                        select count(*) filter (where placed_at >= :start), coalesce(sum(amount) filter (where placed_at >= :start), 0),
                               count(*) filter (where placed_at < :start), coalesce(sum(amount) filter (where placed_at < :start), 0)
                          from purchase where customer_id = any(:ids) and counts and placed_at >= :previous and placed_at < :end""")
                .setParameter("ids", ids).setParameter("start", start).setParameter("end", end)
                .setParameter("previous", yearStart(year - 1)).getSingleResult();
        long count = ((Number) orders[0]).longValue();
        double spend = ((Number) orders[1]).doubleValue();
        long previousCount = ((Number) orders[2]).longValue();
        double previousSpend = ((Number) orders[3]).doubleValue();
        Map<String, List<Reports.ClassChange>> history = new HashMap<>();
        Map<String, String> atEnd = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> changes = entityManager.createNativeQuery("""
                        select kind, changed_at, previous, value from class_change
                         where customer_id = :id and kind in ('tier', 'segment') and changed_at < :end order by changed_at, id""")
                .setParameter("id", customerId).setParameter("end", end).getResultList();
        for (Object[] c : changes) {
            String kind = (String) c[0];
            atEnd.put(kind, (String) c[3]);
            Instant at = Rows.instant(c[1]);
            if (!at.isBefore(start)) {
                history.computeIfAbsent(kind, k -> new ArrayList<>()).add(new Reports.ClassChange(at, (String) c[2], (String) c[3]));
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> activity = entityManager.createNativeQuery("""
                        select kind, detail, count(*), count(*) filter (where breached), avg(score)
                          from customer_activity where customer_id = any(:ids) and at >= :start and at < :end group by 1, 2""")
                .setParameter("ids", ids).setParameter("start", start).setParameter("end", end).getResultList();
        Map<String, Long> byChannel = new TreeMap<>();
        long opened = 0, resolved = 0, resolvedLate = 0, breaches = 0, npsCount = 0, csatCount = 0;
        Double npsAverage = null, csatAverage = null;
        for (Object[] a : activity) {
            long n = ((Number) a[2]).longValue();
            switch ((String) a[0]) {
                case "interaction" -> byChannel.merge((String) a[1], n, Long::sum);
                case "ticket-opened" -> opened += n;
                case "ticket-resolved" -> {
                    resolved += n;
                    resolvedLate += ((Number) a[3]).longValue();
                }
                case "sla-breached" -> breaches += n;
                case "survey" -> {
                    if ("nps".equals(a[1])) {
                        npsCount = n;
                        npsAverage = round(((Number) a[4]).doubleValue());
                    } else if ("csat".equals(a[1])) {
                        csatCount = n;
                        csatAverage = round(((Number) a[4]).doubleValue());
                    }
                }
                default -> {
                }
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> score = entityManager.createNativeQuery(
                "select clv, clv_band, cast(scored_at as date) from customer_score where customer_id = :id").setParameter("id", customerId)
                .getResultList();
        Reports.CurrentValue clv = score.isEmpty() ? new Reports.CurrentValue(null, null, null)
                : new Reports.CurrentValue(score.getFirst()[0] == null ? null : round(((Number) score.getFirst()[0]).doubleValue()),
                (String) score.getFirst()[1], Rows.localDate(score.getFirst()[2]));
        return new Reports.AnnualCustomer(customerId, year, currency.code(),
                new Reports.Orders(count, round(spend), previousCount, round(previousSpend),
                        previousCount == 0 ? null : round((double) (count - previousCount) / previousCount),
                        previousSpend == 0 ? null : round((spend - previousSpend) / previousSpend)),
                history.getOrDefault("tier", List.of()), history.getOrDefault("segment", List.of()), atEnd.get("tier"),
                atEnd.get("segment"), new Reports.Interactions(byChannel.values().stream().mapToLong(Long::longValue).sum(), byChannel),
                new Reports.Tickets(opened, resolved, resolved - resolvedLate, breaches),
                new Reports.SurveyAnswers(npsCount, npsAverage, csatCount, csatAverage), clv);
    }

    /** The book's year: customers won, kept, won back and lost; revenue by tier; top customers; tier moves. */
    @Transactional
    public Reports.AnnualBook annualBook(String yearText, int top) {
        int year = year(yearText);
        Instant start = yearStart(year);
        Instant end = yearStart(year + 1);
        Instant previous = yearStart(year - 1);
        // the two years' figures per customer (kept per year as purchases change) into a per-customer table
        entityManager.createNativeQuery("set local work_mem = '256MB'").executeUpdate();
        entityManager.createNativeQuery("drop table if exists year_buyers").executeUpdate();
        entityManager.createNativeQuery("""
                        create temporary table year_buyers on commit drop as
                        select customer_id, coalesce(sum(orders) filter (where year = :year), 0) as orders,
                               coalesce(sum(revenue) filter (where year = :year), 0) as revenue,
                               coalesce(sum(revenue) filter (where year = :year - 1), 0) as previous_revenue,
                               bool_or(year = :year) as this_year, bool_or(year = :year - 1) as last_year
                          from customer_year where year in (:year, :year - 1) group by customer_id""")
                .setParameter("year", year).executeUpdate();
        entityManager.createNativeQuery("analyze year_buyers").executeUpdate(); // a temporary table has no statistics otherwise
        boolean current = !end.isBefore(Instant.now());
        String tierAtEnd = current ? "select customer_id, tier as value from customer_class" : tierAsOf(":end");
        // the tier movements need nothing of the year's table: counted beside it, on their own connection
        Future<List<Reports.Movement>> movements = worker.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> moves = bind(entityManager.createNativeQuery("with tier_start as (" + tierAsOf(":start") + "), tier_end as ("
                            + tierAtEnd + ") select coalesce(s.value, 'none'), coalesce(e.value, 'none'), count(*) "
                            + "from tier_end e full join tier_start s on s.customer_id = e.customer_id "
                            + "where coalesce(s.value, 'none') <> 'none' or coalesce(e.value, 'none') <> 'none' group by 1, 2 order by 3 desc, 1, 2"),
                    Map.of("start", start, "end", end)).getResultList();
            return moves.stream().map(r -> new Reports.Movement((String) r[0], (String) r[1], ((Number) r[2]).longValue())).toList();
        }));
        // the year's customers by kind, and the year's buyers and revenue by tier at its end, in one join
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(entityManager.createNativeQuery("with tier_end as (" + tierAtEnd + ") "
                        + """
                        select grouping(t.value), coalesce(t.value, 'none'),
                               count(*) filter (where y.this_year),
                               count(*) filter (where y.this_year and cp.first_purchase_at >= :start),
                               count(*) filter (where y.this_year and y.last_year),
                               count(*) filter (where y.this_year and not y.last_year and cp.first_purchase_at < :previous),
                               count(*) filter (where y.last_year and not y.this_year),
                               coalesce(sum(y.revenue), 0), coalesce(sum(y.previous_revenue), 0)
                          from year_buyers y join customer_projection cp on cp.customer_id = y.customer_id
                          left join tier_end t on t.customer_id = y.customer_id
                         group by grouping sets ((), (t.value))"""), Map.of("start", start, "previous", previous, "end", end))
                .getResultList();
        Object[] customers = rows.stream().filter(r -> ((Number) r[0]).intValue() == 1).findFirst().orElseThrow();
        double revenue = ((Number) customers[7]).doubleValue();
        double previousRevenue = ((Number) customers[8]).doubleValue();
        long active = ((Number) customers[2]).longValue();
        Map<String, Object[]> tierRows = new HashMap<>();
        rows.stream().filter(r -> ((Number) r[0]).intValue() == 0 && ((Number) r[2]).longValue() > 0)
                .forEach(r -> tierRows.merge((String) r[1], r, (x, y) -> x));
        List<String> order = new ArrayList<>(classes.tierNames());
        tierRows.keySet().stream().filter(t -> !order.contains(t) && !t.equals("none")).sorted().forEach(order::add);
        order.add("none");
        List<Reports.Share> tiers = new ArrayList<>();
        for (String tier : order) {
            Object[] r = tierRows.get(tier);
            long n = r == null ? 0 : ((Number) r[2]).longValue();
            double value = r == null ? 0 : ((Number) r[7]).doubleValue();
            tiers.add(new Reports.Share(tier, n, active == 0 ? 0 : (double) n / active, round(value), revenue == 0 ? 0 : value / revenue));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> best = entityManager.createNativeQuery("""
                        select y.customer_id, cast(cp.external_ids as text), y.orders, y.revenue
                          from (select * from year_buyers where this_year order by revenue desc, customer_id limit :top) y
                          join customer_projection cp on cp.customer_id = y.customer_id
                         order by y.revenue desc, y.customer_id""")
                .setParameter("top", top).getResultList();
        List<Reports.TopCustomer> topCustomers = best.stream().map(r -> new Reports.TopCustomer((UUID) r[0], externalIds((String) r[1]),
                ((Number) r[2]).longValue(), round(((Number) r[3]).doubleValue()))).toList();
        return new Reports.AnnualBook(year, currency.code(), new Reports.BookCustomers(active, ((Number) customers[3]).longValue(),
                ((Number) customers[4]).longValue(), ((Number) customers[5]).longValue(), ((Number) customers[6]).longValue()),
                new Reports.BookRevenue(round(revenue), round(previousRevenue),
                        previousRevenue == 0 ? null : round((revenue - previousRevenue) / previousRevenue), tiers),
                topCustomers, joined(movements));
    }

    private static <T> T joined(Future<T> result) {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** Binds the parameters the statement names (the current year's statements read no history). */
    private static jakarta.persistence.Query bind(jakarta.persistence.Query query, Map<String, Object> parameters) {
        parameters.forEach((name, value) -> {
            if (query.getParameters().stream().anyMatch(p -> name.equals(p.getName()))) {
                query.setParameter(name, value);
            }
        });
        return query;
    }

    /** Everyone's tier as of a moment, from the change history (the latest change before it). */
    private static String tierAsOf(String parameter) {
        return "select distinct on (customer_id) customer_id, value from class_change where kind = 'tier' and changed_at < "
                + parameter + " order by customer_id, changed_at desc";
    }

    // ---- parameters ------------------------------------------------------------------------------------

    /** from/to as YYYY-MM; default the last twelve months up to this one; at most 120 months. */
    private static YearMonth[] months(String from, String to) {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        YearMonth end = to == null ? now : month("to", to);
        YearMonth start = from == null ? end.minusMonths(11) : month("from", from);
        if (start.isAfter(end)) {
            throw new ProblemException.Invalid("from", "must not be after to");
        }
        if (start.plusMonths(120).isBefore(end)) {
            throw new ProblemException.Invalid("from", "at most 120 months between from and to");
        }
        return new YearMonth[] {start, end};
    }

    private static YearMonth month(String field, String text) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new ProblemException.Invalid(field, "must be a month as YYYY-MM");
        }
    }

    private static int year(String text) {
        try {
            int year = Integer.parseInt(text);
            if (year >= 1900 && year <= 2200) {
                return year;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ProblemException.Invalid("year", "must be a year such as 2026");
    }

    private static Instant yearStart(int year) {
        return LocalDate.of(year, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private List<Map<String, String>> externalIds(String json) {
        try {
            return mapper.readValue(json, EXTERNAL_IDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("external_ids holds JSON written by this service", e);
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
