package io.clientbook.analytics.rescoring;

import io.clientbook.analytics.fit.FitCompleted;
import io.clientbook.analytics.fit.FitService;
import io.clientbook.analytics.projection.Book;
import io.clientbook.analytics.projection.PurchaseSummaries;
import io.clientbook.analytics.rescoring.dto.RescoringJobView;
import io.clientbook.analytics.score.ScoreService;
import io.clientbook.analytics.score.ScoringConfig;
import io.clientbook.analytics.segment.Basis;
import io.clientbook.analytics.segment.ClassificationService;
import io.clientbook.platform.persistence.Rows;
import io.clientbook.platform.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.ArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Full rescoring: refits the models on one read of the book (optional), rescores every buying customer,
 * measures the book afresh (quintile cut points, ABC floors) and reclassifies everyone, publishing only
 * changes. One job at a time across all replicas (a unique index on the active job); a job whose replica
 * died is declared failed once its heartbeat is older than {@link #STALE}.
 */
@ApplicationScoped
public class RescoringJobService {

    private static final Logger LOG = Logger.getLogger(RescoringJobService.class);
    static final Duration STALE = Duration.ofMinutes(10);

    private final EntityManager entityManager;
    private final FitService fits;
    private final ScoreService scores;
    private final ClassificationService classes;
    private final ScoringConfig scoring;
    private final PurchaseSummaries summaries;
    private final RescoringConfig config;
    private final MeterRegistry meters;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("rescoring").daemon().factory());

    RescoringJobService(EntityManager entityManager, FitService fits, ScoreService scores, ClassificationService classes,
                        ScoringConfig scoring, PurchaseSummaries summaries, RescoringConfig config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
        this.summaries = summaries;
        this.entityManager = entityManager;
        this.fits = fits;
        this.scores = scores;
        this.classes = classes;
        this.scoring = scoring;
    }

    /** What {@link #request} did: the job, and whether it is a new one (otherwise the one already active). */
    public record Requested(RescoringJobView job, boolean created) {
    }

    /** Queues a job, or answers with the one already queued or running. */
    public Requested request(boolean refit, String trigger, String requestedBy) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        update rescoring_job set state = 'failed', completed_at = :now,
                               failure = 'no heartbeat since ' || coalesce(heartbeat_at, created_at) || '; its replica stopped'
                         where state in ('queued', 'running') and coalesce(heartbeat_at, created_at) < :stale""")
                .setParameter("now", Instant.now()).setParameter("stale", Instant.now().minus(STALE)).executeUpdate());
        UUID id = UUID.randomUUID();
        int inserted = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                        insert into rescoring_job (id, state, refit, trigger, requested_by, created_at, heartbeat_at)
                        values (:id, 'queued', :refit, :trigger, :by, :now, :now) on conflict do nothing""")
                .setParameter("id", id).setParameter("refit", refit).setParameter("trigger", trigger)
                .setParameter("by", requestedBy).setParameter("now", Instant.now()).executeUpdate());
        if (inserted == 0) {
            Optional<RescoringJobView> active = QuarkusTransaction.requiringNew().call(this::active);
            if (active.isPresent()) {
                return new Requested(active.get(), false);
            }
            return request(refit, trigger, requestedBy); // the active one finished meanwhile
        }
        worker.submit(() -> run(id));
        return new Requested(get(id), true);
    }

    public RescoringJobView get(UUID id) {
        return QuarkusTransaction.joiningExisting().call(() -> find("where id = :id", id)
                .orElseThrow(() -> new ProblemException.NotFound("Rescoring job", id)));
    }

    private Optional<RescoringJobView> active() {
        return find("where state in ('queued', 'running')", null);
    }

    private Optional<RescoringJobView> find(String where, UUID id) {
        @SuppressWarnings("unchecked")
        var query = entityManager.createNativeQuery("""
                select id, state, processed, total, refit, trigger, created_at, started_at, completed_at, failure
                  from rescoring_job""" + " " + where);
        if (id != null) {
            query.setParameter("id", id);
        }
        List<Object[]> rows = query.getResultList();
        return rows.stream().findFirst().map(r -> {
            String state = (String) r[1];
            long processed = ((Number) r[2]).longValue();
            long total = ((Number) r[3]).longValue();
            Instant started = Rows.instant(r[7]);
            Long eta = null;
            if ("running".equals(state) && started != null && processed > 0 && total >= processed) {
                double perCustomer = Duration.between(started, Instant.now()).toMillis() / (double) processed;
                eta = Math.round(perCustomer * (total - processed) / 1000);
            }
            return new RescoringJobView((UUID) r[0], state, processed, total, eta, (Boolean) r[4], (String) r[5], Rows.instant(r[6]),
                    started, Rows.instant(r[8]), (String) r[9]);
        });
    }

    private void run(UUID id) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "failed";
        try {
            boolean refit = QuarkusTransaction.requiringNew().call(() -> (Boolean) entityManager.createNativeQuery(
                    "select refit from rescoring_job where id = :id").setParameter("id", id).getSingleResult());
            LocalDate asOf = LocalDate.now(ZoneOffset.UTC);
            long total = QuarkusTransaction.requiringNew().call(() -> scores.buyingCustomers(asOf) + classes.population());
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                            update rescoring_job set state = 'running', started_at = :now, heartbeat_at = :now, total = :total
                             where id = :id""")
                    .setParameter("now", Instant.now()).setParameter("total", total).setParameter("id", id).executeUpdate());
            AtomicLong processed = new AtomicLong();
            ExecutorService workers = Executors.newFixedThreadPool(config.parallelism(),
                    Thread.ofPlatform().name("rescoring-", 1).daemon().factory());
            try {
                runSteps(id, refit, asOf, total, processed, workers);
                outcome = "completed";
            } finally {
                workers.shutdownNow();
            }
        } catch (RuntimeException e) {
            LOG.errorf("Rescoring job %s failed: %s", id, e.getClass().getSimpleName());
            String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                            update rescoring_job set state = 'failed', completed_at = :now, failure = :failure where id = :id""")
                    .setParameter("now", Instant.now()).setParameter("failure", message.length() > 500 ? message.substring(0, 500) : message)
                    .setParameter("id", id).executeUpdate());
        } finally {
            // clientbook_rescoring_duration_seconds{outcome}: how long whole-book jobs take, for the nightly window
            sample.stop(meters.timer("clientbook.rescoring.duration", "outcome", outcome));
        }
    }

    /** Id ranges a classification pass is cut into (by the first six bits of the id). */
    private static final int RANGES = 64;

    private void runSteps(UUID id, boolean refit, LocalDate asOf, long total, AtomicLong processed, ExecutorService workers) {
        long t0 = System.nanoTime();
        Book book = QuarkusTransaction.requiringNew().call(() -> summaries.all(asOf)); // one read for fits and scores
        long read = System.nanoTime();
        if (refit) {
            fits.refit(scoring.purchaseModel(), asOf, book, "rescoring-job " + id);
        }
        long t1 = System.nanoTime();
        scores.rescoreEveryone(book, asOf, n -> progress(id, processed.addAndGet(n)), workers);
        long t2 = System.nanoTime();
        Basis basis = QuarkusTransaction.requiringNew().call(() -> classes.refreshBasis(asOf));
        long t3 = System.nanoTime();
        Instant now = Instant.now();
        List<Future<?>> ranges = new ArrayList<>();
        for (int i = 0; i < RANGES; i++) { // the id space cut by its first six bits: ranges of about equal size
            UUID from = new UUID((long) i << 58, 0);
            UUID to = i + 1 < RANGES ? new UUID((long) (i + 1) << 58, 0) : null;
            ranges.add(workers.submit(() -> {
                int n = QuarkusTransaction.requiringNew().call(() -> classes.classifyRange(from, to, basis, asOf, now));
                progress(id, processed.addAndGet(n));
            }));
        }
        awaitAll(ranges);
        // a job rewrites most rows of both tables: fresh statistics for the reports and call lists that read them
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("analyze customer_score").executeUpdate();
            entityManager.createNativeQuery("analyze customer_class").executeUpdate();
        });
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        update rescoring_job set state = 'completed', processed = total, completed_at = :now where id = :id""")
                .setParameter("now", Instant.now()).setParameter("id", id).executeUpdate());
        LOG.infof("Rescoring job %s completed: %d customer steps; read %d ms, refit %d ms, scores %d ms, basis %d ms, classes %d ms",
                id, total, (read - t0) / 1_000_000, (t1 - read) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (System.nanoTime() - t3) / 1_000_000);
    }

    private static void awaitAll(List<Future<?>> tasks) {
        for (Future<?> task : tasks) {
            try {
                task.get();
            } catch (ExecutionException e) {
                tasks.forEach(t -> t.cancel(false));
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private void progress(UUID id, long processed) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        update rescoring_job set processed = least(:processed, total), heartbeat_at = :now where id = :id""")
                .setParameter("processed", processed).setParameter("now", Instant.now()).setParameter("id", id).executeUpdate());
    }

    /** Nightly: recency grows while nobody buys, so models are refitted and everyone rescored as of the new day. */
    @Scheduled(identity = "nightly-rescoring", cron = "{clientbook.analytics.scores.rescore-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void nightly() {
        request(true, "nightly", "scheduler");
    }

    /** A fit requested through the API: everyone's scores and classes follow it. */
    void onFitCompleted(@ObservesAsync FitCompleted completed) {
        request(false, "fit", "fit " + completed.fitId());
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
