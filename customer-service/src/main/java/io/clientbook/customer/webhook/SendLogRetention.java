package io.clientbook.customer.webhook;

import io.clientbook.platform.schedule.OnOneInstance;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;

/** Forgets delivered and dead-lettered webhook deliveries older than {@code clientbook.webhooks.keep-log-for}. */
@ApplicationScoped
class SendLogRetention {

    private static final Logger LOG = Logger.getLogger(SendLogRetention.class);

    private final EntityManager entityManager;
    private final WebhookConfig config;

    SendLogRetention(EntityManager entityManager, WebhookConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    @Scheduled(identity = "webhook-sends-purge", every = "1h", delayed = "25m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @OnOneInstance
    void forgetOldDeliveries(ScheduledExecution execution) {
        int removed = forgetFinishedBefore(Instant.now().minus(config.keepLogFor()));
        if (removed > 0) {
            LOG.infof("Forgot %d finished webhook deliveries", removed);
        }
    }

    /** Deletes finished deliveries created before {@code cutoff}; pending ones stay whatever their age. */
    int forgetFinishedBefore(Instant cutoff) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "delete from webhook_send where status in ('delivered', 'dead') and created_at < :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate());
    }
}
