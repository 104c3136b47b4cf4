package io.clientbook.analytics.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * How far the projection runs behind the events: from the record's Kafka timestamp (when customer-service's
 * relay produced it) to when it was applied and committed here. Published as the timer
 * {@code analytics.projection.lag} with recent percentiles and cumulative buckets (10 ms to 60 s), so a dashboard
 * or a benchmark can read p99 over any window.
 */
@ApplicationScoped
public class ProjectionLag {

    private final Timer timer;

    ProjectionLag(MeterRegistry registry) {
        this.timer = Timer.builder("analytics.projection.lag")
                .description("Time from an event's production to its application in the analytics projection")
                .publishPercentiles(0.5, 0.95, 0.99)
                // cumulative buckets, so a window's distribution is the difference of two scrapes
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
                        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60))
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
