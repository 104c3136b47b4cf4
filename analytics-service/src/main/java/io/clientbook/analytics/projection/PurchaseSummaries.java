package io.clientbook.analytics.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Reads customers' purchase summaries as of a calibration end (inclusive, UTC days) straight from the
 * purchase rows, using nothing after that day. The population of a calibration end is every customer whose
 * first purchase is on or before it.
 */
@ApplicationScoped
public class PurchaseSummaries {

    private static final String SUMMARIES = """
            , days as (
                select p.customer_id, (p.placed_at at time zone 'UTC')::date as day, sum(p.amount) as amount,
                       row_number() over (partition by p.customer_id order by (p.placed_at at time zone 'UTC')::date) as nth
                  from purchase p join candidates c on c.customer_id = p.customer_id
                 where p.counts and p.placed_at < :endExclusive
                 group by p.customer_id, (p.placed_at at time zone 'UTC')::date)
            select d.customer_id, count(*) - 1, max(d.day) - min(d.day), cast(:end as date) - min(d.day),
                   sum(d.amount) filter (where d.nth > 1) / nullif(count(d.amount) filter (where d.nth > 1), 0),
                   coalesce(sum(d.amount), 0), cast(cp.external_ids as text)
              from days d join customer_projection cp on cp.customer_id = d.customer_id
             group by d.customer_id, cp.external_ids
             order by d.customer_id""";
    private static final TypeReference<List<CustomerSummary.ExternalId>> EXTERNAL_IDS = new TypeReference<>() {
    };

    private final EntityManager entityManager;
    private final ObjectMapper mapper;

    PurchaseSummaries(EntityManager entityManager, ObjectMapper mapper) {
        this.entityManager = entityManager;
        this.mapper = mapper;
    }

    /** Up to {@code limit} customers of the population after {@code after} (by id; null for the start). */
    public List<CustomerSummary> page(LocalDate end, UUID after, int limit) {
        return run("""
                with candidates as (
                    select customer_id from customer_projection
                     where first_purchase_at < :endExclusive and customer_id > :after
                     order by customer_id limit :limit)""", end, q -> q.setParameter("after", after == null ? new UUID(0, 0) : after)
                .setParameter("limit", limit));
    }

    /** The named customers that belong to the population (the others are left out). */
    public List<CustomerSummary> of(LocalDate end, Collection<UUID> ids) {
        return run("with candidates as (select unnest(cast(:ids as uuid[])) as customer_id)", end,
                q -> q.setParameter("ids", ids.toArray(UUID[]::new)));
    }

    /** The whole population, in chunks of about {@code chunk} customers. */
    public void forEach(LocalDate end, int chunk, Consumer<List<CustomerSummary>> consumer) {
        UUID after = null;
        while (true) {
            List<CustomerSummary> page = page(end, after, chunk);
            if (page.isEmpty()) {
                return;
            }
            consumer.accept(page);
            after = page.getLast().customerId();
        }
    }

    private List<CustomerSummary> run(String candidates, LocalDate end, Consumer<jakarta.persistence.Query> binder) {
        var query = entityManager.createNativeQuery(candidates + SUMMARIES)
                .setParameter("endExclusive", end.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC))
                .setParameter("end", end);
        binder.accept(query);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(this::summary).toList();
    }

    private CustomerSummary summary(Object[] row) {
        Number average = (Number) row[4];
        try {
            return new CustomerSummary((UUID) row[0], ((Number) row[1]).intValue(), ((Number) row[2]).intValue(),
                    ((Number) row[3]).intValue(), average == null ? null : average.doubleValue(), ((Number) row[5]).doubleValue(),
                    mapper.readValue((String) row[6], EXTERNAL_IDS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("external_ids holds JSON written by this service", e);
        }
    }

    /**
     * The whole book as of {@code end} in one pass over the projection, whose figures keep the models' view of
     * each customer (purchase days, repeat-day spend) as its purchases change: one row per buying customer, in id
     * order. For rescoring jobs; a customer's summary equals what {@link #of} gives (a customer with an order
     * placed after {@code end} is left out).
     */
    public Book all(LocalDate end) {
        Book book = new Book();
        entityManager.unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (var select = connection.prepareStatement("""
                    select customer_id, purchase_days - 1,
                           cast(last_purchase_at at time zone 'UTC' as date) - cast(first_purchase_at at time zone 'UTC' as date),
                           ? - cast(first_purchase_at at time zone 'UTC' as date),
                           cast(repeat_day_spend as double precision) / nullif(repeat_days_with_spend, 0),
                           cast(total_spent as double precision)
                      from customer_projection
                     where purchase_count > 0 and last_purchase_at < ? order by customer_id""")) {
                select.setFetchSize(10_000);
                select.setObject(1, end);
                select.setObject(2, end.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        double average = rows.getDouble(5);
                        Double repeatAverage = rows.wasNull() ? null : average;
                        book.add(rows.getObject(1, UUID.class), rows.getInt(2), rows.getInt(3), rows.getInt(4), repeatAverage,
                                rows.getDouble(6));
                    }
                }
            }
        });
        return book;
    }
}
