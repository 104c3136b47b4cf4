package io.clientbook.interaction.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.interaction.care.CareClock;
import io.clientbook.interaction.care.CustomerAccess;
import io.clientbook.interaction.interaction.Channel;
import io.clientbook.interaction.plan.dto.PlanInput;
import io.clientbook.interaction.plan.dto.PlanView;
import io.clientbook.interaction.timeline.TimelineService;
import io.clientbook.platform.persistence.Rows;
import io.clientbook.platform.problem.ProblemException;
import io.clientbook.platform.web.Preconditions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Annual customer plans: goals and planned touches per quarter, with progress from the year's real orders,
 * interactions and survey answers (UTC calendar year and quarters).
 */
@ApplicationScoped
public class PlanService {

    private final EntityManager em;
    private final TimelineService timeline;
    private final CustomerAccess access;
    private final ObjectMapper json;
    private final CareClock clock;

    PlanService(EntityManager em, TimelineService timeline, CustomerAccess access, ObjectMapper json, CareClock clock) {
        this.em = em;
        this.timeline = timeline;
        this.access = access;
        this.json = json;
        this.clock = clock;
    }

    /** Creates (no If-Match needed) or replaces (If-Match required) the plan; returns it and whether it was created. */
    @Transactional
    public Saved save(UUID customerId, int year, PlanInput input, String ifMatch) {
        checkYear(year);
        UUID customer = visible(customerId);
        for (int i = 0; input.touches() != null && i < input.touches().size(); i++) {
            try {
                Channel.parse(input.touches().get(i).channel());
            } catch (IllegalArgumentException e) {
                throw new ProblemException.Invalid("touches[" + i + "].channel", e.getMessage());
            }
        }
        Instant now = clock.now();
        Long version = currentVersion(customer, year);
        String owner = input.ownerId() != null ? input.ownerId() : access.ownerOf(customer);
        if (version == null) {
            em.createNativeQuery("""
                            insert into customer_plan (customer_id, year, owner_id, goals, touches, notes, version, created_at, updated_at)
                            values (:c, :y, :o, cast(:g as jsonb), cast(:t as jsonb), :n, 0, :now, :now)""")
                    .setParameter("c", customer).setParameter("y", year).setParameter("o", owner).setParameter("g", write(input.goals()))
                    .setParameter("t", write(input.touches() == null ? List.of() : input.touches())).setParameter("n", input.notes())
                    .setParameter("now", now).executeUpdate();
            return new Saved(get(customer, year), true);
        }
        Preconditions.requireMatch(ifMatch, version);
        em.createNativeQuery("""
                        update customer_plan set owner_id = :o, goals = cast(:g as jsonb), touches = cast(:t as jsonb), notes = :n,
                               version = version + 1, updated_at = :now where customer_id = :c and year = :y""")
                .setParameter("c", customer).setParameter("y", year).setParameter("o", owner).setParameter("g", write(input.goals()))
                .setParameter("t", write(input.touches() == null ? List.of() : input.touches())).setParameter("n", input.notes())
                .setParameter("now", now).executeUpdate();
        return new Saved(get(customer, year), false);
    }

    public record Saved(PlanView plan, boolean created) {
    }

    public PlanView get(UUID customerId, int year) {
        checkYear(year);
        UUID customer = visible(customerId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select owner_id, goals::text, touches::text, notes, version, created_at, updated_at from customer_plan
                         where customer_id = :c and year = :y""")
                .setParameter("c", customer).setParameter("y", year).getResultList();
        if (rows.isEmpty()) {
            throw new ProblemException.NotFound("Plan for " + year + " of customer " + customerId + " not found", java.util.Map.of());
        }
        Object[] r = rows.getFirst();
        PlanInput.Goals goals = read((String) r[1], new TypeReference<>() { });
        List<PlanInput.Touch> touches = read((String) r[2], new TypeReference<>() { });
        return new PlanView(customer, year, (String) r[0], goals, touches, (String) r[3], progress(customer, year, goals, touches),
                ((Number) r[4]).longValue(), Rows.instant(r[5]), Rows.instant(r[6]));
    }

    private PlanView.Progress progress(UUID customer, int year, PlanInput.Goals goals, List<PlanInput.Touch> touches) {
        Instant from = LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = LocalDate.of(year + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        // revenue: orders that count as purchases, by currency
        @SuppressWarnings("unchecked")
        List<Object[]> revenue = em.createNativeQuery("""
                        select currency, sum(total), count(*) from customer_order
                         where customer_id = :c and placed_at >= :from and placed_at < :to and status not in ('cancelled', 'refunded')
                         group by currency order by currency""")
                .setParameter("c", customer).setParameter("from", from).setParameter("to", to).getResultList();
        String currency = goals.revenue() == null ? null : goals.revenue().currency();
        BigDecimal amount = BigDecimal.ZERO;
        long orders = 0;
        List<PlanView.Amount> others = new ArrayList<>();
        for (Object[] row : revenue) {
            BigDecimal sum = ((BigDecimal) row[1]).setScale(2, java.math.RoundingMode.HALF_UP);
            if (row[0].equals(currency)) {
                amount = sum;
                orders = ((Number) row[2]).longValue();
            } else {
                others.add(new PlanView.Amount(sum, (String) row[0]));
            }
        }
        PlanView.RevenueProgress revenueProgress = goals.revenue() == null ? null : new PlanView.RevenueProgress(amount, currency,
                goals.revenue().amount().signum() == 0 ? null : share(amount.doubleValue(), goals.revenue().amount().doubleValue()), orders, others);
        // interactions by quarter and channel
        @SuppressWarnings("unchecked")
        List<Object[]> contacts = em.createNativeQuery("""
                        select extract(quarter from occurred_at at time zone 'UTC')::int, channel, count(*) from interaction
                         where customer_id = :c and occurred_at >= :from and occurred_at < :to group by 1, 2""")
                .setParameter("c", customer).setParameter("from", from).setParameter("to", to).getResultList();
        long visits = contacts.stream().filter(c -> "VISIT".equals(c[1]) || "MEETING".equals(c[1])).mapToLong(c -> ((Number) c[2]).longValue()).sum();
        PlanView.CountProgress visitProgress = new PlanView.CountProgress(visits, goals.visits(),
                goals.visits() == null || goals.visits() == 0 ? null : share(visits, goals.visits()));
        List<PlanView.TouchProgress> touchProgress = touches.stream().map(t -> {
            String channel = Channel.parse(t.channel()).name();
            long done = contacts.stream().filter(c -> ((Number) c[0]).intValue() == t.quarter() && channel.equals(c[1]))
                    .mapToLong(c -> ((Number) c[2]).longValue()).sum();
            return new PlanView.TouchProgress(t.quarter(), t.channel().toLowerCase(Locale.ROOT), t.count(), done);
        }).toList();
        // satisfaction: the year's answers of the goal's kind
        PlanView.SatisfactionProgress satisfaction = null;
        if (goals.satisfaction() != null) {
            String kind = goals.satisfaction().kind().toUpperCase(Locale.ROOT);
            @SuppressWarnings("unchecked")
            List<Number> scores = em.createNativeQuery("""
                            select r.score from survey_response r join survey s on s.id = r.survey_id
                             where r.customer_id = :c and s.kind = :k and r.responded_at >= :from and r.responded_at < :to
                             order by r.responded_at""")
                    .setParameter("c", customer).setParameter("k", kind).setParameter("from", from).setParameter("to", to).getResultList();
            long n = scores.size();
            Double average = n == 0 ? null : Math.round(scores.stream().mapToDouble(Number::doubleValue).average().orElse(0) * 10) / 10.0;
            Integer latest = n == 0 ? null : scores.getLast().intValue();
            satisfaction = new PlanView.SatisfactionProgress(kind.toLowerCase(Locale.ROOT), n, average, latest, goals.satisfaction().minAverage(),
                    average == null ? null : average >= goals.satisfaction().minAverage());
        }
        return new PlanView.Progress(revenueProgress, visitProgress, satisfaction, touchProgress);
    }

    private static Double share(double done, double goal) {
        return Math.round(done / goal * 1000) / 1000.0;
    }

    private UUID visible(UUID customerId) {
        UUID customer = timeline.currentCustomer(customerId);
        access.requireVisible(customer);
        return customer;
    }

    private Long currentVersion(UUID customer, int year) {
        @SuppressWarnings("unchecked")
        List<Number> v = em.createNativeQuery("select version from customer_plan where customer_id = :c and year = :y")
                .setParameter("c", customer).setParameter("y", year).getResultList();
        return v.isEmpty() ? null : v.getFirst().longValue();
    }

    private static void checkYear(int year) {
        if (year < 2000 || year > 2100) {
            throw new ProblemException.Invalid("year", "must be between 2000 and 2100");
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
