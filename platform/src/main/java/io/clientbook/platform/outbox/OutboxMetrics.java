package io.clientbook.platform.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * The outbox as Prometheus sees it: {@code clientbook_outbox_backlog} (rows not yet published) and
 * {@code clientbook_outbox_oldest_age_seconds} (how long the oldest of them has waited; 0 when none waits).
 * A growing backlog or age means the relay cannot reach Kafka. Read from the database at most every
 * five seconds, whatever the scrape rate; the partial index on unpublished rows keeps it cheap.
 */
@Startup
@ApplicationScoped
class OutboxMetrics {

    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);
    private static final long REFRESH_NANOS = 5_000_000_000L;

    private final DataSource dataSource;
    private volatile long readAt;
    private volatile double backlog;
    private volatile double oldestAgeSeconds;

    OutboxMetrics(DataSource dataSource, MeterRegistry meters) {
        this.dataSource = dataSource;
        Gauge.builder("clientbook.outbox.backlog", this, m -> m.refresh().backlog)
                .description("Outbox rows not yet published to Kafka").register(meters);
        Gauge.builder("clientbook.outbox.oldest.age", this, m -> m.refresh().oldestAgeSeconds).baseUnit("seconds")
                .description("Age of the oldest outbox row not yet published").register(meters);
    }

    private synchronized OutboxMetrics refresh() {
        long now = System.nanoTime();
        if (readAt != 0 && now - readAt < REFRESH_NANOS) {
            return this;
        }
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement("""
                     select count(*), coalesce(extract(epoch from now() - min(occurred_at)), 0)
                       from outbox where published_at is null""");
             var rows = statement.executeQuery()) {
            rows.next();
            backlog = rows.getLong(1);
            oldestAgeSeconds = rows.getDouble(2);
        } catch (SQLException e) {
            LOG.debugf("Cannot read the outbox backlog: %s", e.getMessage());
            backlog = Double.NaN;
            oldestAgeSeconds = Double.NaN;
        }
        readAt = now;
        return this;
    }
}
