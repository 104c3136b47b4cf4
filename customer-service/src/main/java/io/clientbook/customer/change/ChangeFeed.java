package io.clientbook.customer.change;

import io.clientbook.platform.web.Paging;
import io.clientbook.customer.change.dto.ChangeItem;
import io.clientbook.customer.change.dto.ChangePage;
import io.clientbook.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.clientbook.platform.schedule.OnOneInstance;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every customer and order change, written in the transaction of the change and read in the order of
 * (transaction id, sequence). A sequence alone would not do: transactions commit out of order, so a reader
 * that has passed number 42 could later miss number 41 committing late. Rows are therefore only handed out
 * once every transaction that could still add a smaller position has ended: their transaction id is below
 * the oldest transaction still running ({@code pg_snapshot_xmin}). A long transaction delays the feed; it
 * never makes a reader skip a change, and a reader never sees one twice.
 */
@ApplicationScoped
public class ChangeFeed {

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    private static final Pattern POSITION = Pattern.compile("\\d{1,20}:\\d{1,19}");
    private static final String START = "0:0";

    private final EntityManager entityManager;
    private final ChangeFeedConfig config;

    ChangeFeed(EntityManager entityManager, ChangeFeedConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    /** Records a change in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String entity, UUID entityId, UUID customerId, String type, long version, List<String> changedFields,
            Instant occurredAt) {
        entityManager.persist(new ChangeFeedEntry(entity, entityId, customerId, type, version,
                changedFields == null ? null : List.copyOf(changedFields), occurredAt));
    }

    /** The changes after {@code cursor} (from the oldest retained one without it), oldest first. */
    @Transactional
    public ChangePage read(String cursor, Integer limit) {
        int size = Paging.limit(limit);
        String position = decode(cursor);
        String[] after = position.split(":");
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select tx_id::text, seq, entity, entity_id, customer_id, type, version, changed_fields, occurred_at
                          from change_feed
                         where (tx_id, seq) > (cast(:tx as xid8), :seq)
                           and tx_id < pg_snapshot_xmin(pg_current_snapshot())
                         order by tx_id, seq
                         limit :limit""")
                .setParameter("tx", after[0])
                .setParameter("seq", Long.parseLong(after[1]))
                .setParameter("limit", size)
                .getResultList();
        List<ChangeItem> items = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            String itemPosition = encode(row[0] + ":" + row[1]);
            items.add(new ChangeItem(itemPosition, (String) row[2], (UUID) row[3], (UUID) row[4], (String) row[5],
                    ((Number) row[6]).longValue(), fields(row[7]), instant(row[8])));
        }
        return new ChangePage(items, items.isEmpty() ? encode(position) : items.getLast().position());
    }

    @Scheduled(identity = "change-feed-purge", every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @OnOneInstance
    void forgetOldChanges(ScheduledExecution execution) {
        int removed = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("delete from change_feed where occurred_at < :cutoff")
                .setParameter("cutoff", Instant.now().minus(config.retention()))
                .executeUpdate());
        if (removed > 0) {
            LOG.infof("Removed %d changes older than %s from the change feed", removed, config.retention());
        }
    }

    private static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return START;
        }
        try {
            String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (POSITION.matcher(position).matches()) {
                String[] parts = position.split(":");
                Long.parseUnsignedLong(parts[0]); // both parts must fit the columns' types
                Long.parseLong(parts[1]);
                return position;
            }
        } catch (IllegalArgumentException e) {
            // not base64, or a number out of range: answered below
        }
        throw new ProblemException.Invalid("cursor", "is not a cursor this API returned");
    }

    private static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> fields(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String[] array) {
            return Arrays.asList(array);
        }
        if (value instanceof Object[] array) {
            return Arrays.stream(array).map(String::valueOf).toList();
        }
        throw new IllegalStateException("changed_fields is not an array");
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("occurred_at is not a timestamp");
        };
    }
}
