package io.clientbook.platform.schedule;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Runs a scheduled job on one instance of a service at a time. Every instance's scheduler ticks; the tick
 * first takes or renews the job's lease in {@code job_lease} with one statement, and only the holder runs the
 * work. The lease lasts at least two periods of the job ({@code clientbook.jobs.lease-min} at least), so a
 * holder keeps it from tick to tick; it lapses when the holder dies and is released when the holder shuts
 * down, and the next tick of another instance takes it. Database time decides, so clocks need not agree.
 *
 * <p>Each tick counts in {@code clientbook_scheduled_job_runs_total{job, outcome=ran|skipped|failed}}.
 */
@ApplicationScoped
public class JobLeases {

    private static final Logger LOG = Logger.getLogger(JobLeases.class);

    private final EntityManager entityManager;
    private final JobsConfig config;
    private final MeterRegistry meters;
    private final String instance;
    private volatile boolean stopping;

    JobLeases(EntityManager entityManager, JobsConfig config, MeterRegistry meters) {
        this.entityManager = entityManager;
        this.config = config;
        this.meters = meters;
        this.instance = config.instance().orElseGet(JobLeases::defaultInstance);
    }

    /** This instance's name in the lease table. */
    public String instance() {
        return instance;
    }

    /**
     * Runs {@code work} if this instance holds (or now takes) the lease on the execution's job. The job is
     * named by the {@code @Scheduled} identity; its period is the time to the trigger's next fire.
     */
    public void runOnOneInstance(ScheduledExecution execution, Runnable work) {
        Instant next = execution.getTrigger().getNextFireTime();
        Duration period = next == null ? Duration.ZERO : Duration.between(execution.getFireTime(), next);
        runOnOneInstance(execution.getTrigger().getId(), period, work);
    }

    /** Runs {@code work} if this instance holds (or now takes) the lease on {@code job}. */
    public void runOnOneInstance(String job, Duration period, Runnable work) {
        Duration lease = period.multipliedBy(2).plusSeconds(1);
        if (lease.compareTo(config.leaseMin()) < 0) {
            lease = config.leaseMin();
        }
        if (stopping || !take(job, lease)) { // a stopping instance takes no lease it would hold while gone
            count(job, "skipped");
            return;
        }
        Timer.Sample sample = Timer.start(meters);
        try {
            work.run();
            count(job, "ran");
        } catch (RuntimeException e) {
            count(job, "failed");
            throw e;
        } finally {
            sample.stop(meters.timer("clientbook.scheduled.job.duration", "job", job));
        }
    }

    /** Whether this instance holds {@code job}'s lease now. */
    public boolean holds(String job) {
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "select 1 from job_lease where job = :job and holder = :holder and expires_at > now()")
                .setParameter("job", job).setParameter("holder", instance).getResultList());
        return !rows.isEmpty();
    }

    private boolean take(String job, Duration lease) {
        List<?> taken = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                        insert into job_lease (job, holder, expires_at)
                        values (:job, :holder, now() + make_interval(secs => :seconds))
                        on conflict (job) do update
                           set holder = excluded.holder, expires_at = excluded.expires_at,
                               acquired_at = case when job_lease.holder = excluded.holder
                                                  then job_lease.acquired_at else now() end
                         where job_lease.holder = excluded.holder or job_lease.expires_at < now()
                        returning holder""")
                .setParameter("job", job).setParameter("holder", instance)
                .setParameter("seconds", lease.toMillis() / 1000.0)
                .getResultList());
        return !taken.isEmpty();
    }

    /** A graceful stop hands every job over at once instead of after the lease. */
    void release(@Observes ShutdownEvent shutdown) {
        stopping = true;
        try {
            int released = QuarkusTransaction.requiringNew().call(() -> entityManager
                    .createNativeQuery("delete from job_lease where holder = :holder")
                    .setParameter("holder", instance).executeUpdate());
            if (released > 0) {
                LOG.infof("Released %d scheduled-job leases held by %s", released, instance);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not release the scheduled-job leases of %s; they lapse on their own: %s", instance, e.getMessage());
        }
    }

    private void count(String job, String outcome) {
        meters.counter("clientbook.scheduled.job.runs", "job", job, "outcome", outcome).increment();
    }

    private static String defaultInstance() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                host = "unknown";
            }
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
