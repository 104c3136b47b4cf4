package io.clientbook.analytics.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * How far the projection runs behind the events: from the record's Kafka timestamp (when customer-service's
 * relay produced it) to when it was applied and committed here. Published as the timer
 * {@code analytics.projection.lag} with percentiles, so a benchmark or a dashboard can read p99.
 */
@ApplicationScoped
public class ProjectionLag {

    private final Timer timer;

    ProjectionLag(MeterRegistry registry) {
        this.timer = Timer.builder("analytics.projection.lag")
                .description("Time from an event's production to its application in the analytics projection")
                .publishPercentiles(0.5, 0.95, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(2))
                .register(registry);
    }

    void record(long producedAtMillis) {
        long lagMillis = System.currentTimeMillis() - producedAtMillis;
        if (producedAtMillis > 0 && lagMillis >= 0) {
            timer.record(Duration.ofMillis(lagMillis));
        }
    }
}
