package io.clientbook.customer.integration;

import io.clientbook.platform.schedule.OnOneInstance;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;

/** Drops the raw bodies of deliveries processed longer ago than {@code clientbook.integrations.keep-bodies-for}. */
@ApplicationScoped
class DeliveryRetention {

    private static final Logger LOG = Logger.getLogger(DeliveryRetention.class);

    private final DeliveryLog log;
    private final IntegrationConfig config;

    DeliveryRetention(DeliveryLog log, IntegrationConfig config) {
        this.log = log;
        this.config = config;
    }

    @Scheduled(identity = "webhook-bodies-purge", every = "1h", delayed = "20m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @OnOneInstance
    void dropOldBodies(ScheduledExecution execution) {
        int dropped = log.dropBodiesProcessedBefore(Instant.now().minus(config.keepBodiesFor()));
        if (dropped > 0) {
            LOG.infof("Dropped the bodies of %d processed webhook deliveries", dropped);
        }
    }
}
