package io.clientbook.customer.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.customer.batch.BatchService;
import io.clientbook.customer.batch.dto.BatchResult;
import io.clientbook.customer.customer.Caller;
import io.clientbook.platform.schedule.JobLeases;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Works import jobs on its own thread, on every instance, one job at a time per instance and one instance per job
 * (a claim renewed with each chunk; a claim not renewed for {@code take-over-after} passes to another instance).
 * Each chunk of 1,000 rows goes through the batch upsert, and the job's progress and the chunk's refused rows are
 * written in the batch's own transaction: a job resumes exactly where it stopped, no row twice.
 */
@ApplicationScoped
class ImportRunner {

    private static final Logger LOG = Logger.getLogger(ImportRunner.class);

    private final EntityManager entityManager;
    private final ImportJobs jobs;
    private final BatchService batches;
    private final ObjectMapper json;
    private final ImportConfig config;
    private final MeterRegistry meters;
    private final String instance;
    private volatile boolean running;
    private Thread loop;

    ImportRunner(EntityManager entityManager, ImportJobs jobs, BatchService batches, ObjectMapper json, ImportConfig config,
            MeterRegistry meters, JobLeases leases) {
        this.entityManager = entityManager;
        this.jobs = jobs;
        this.batches = batches;
        this.json = json;
        this.config = config;
        this.meters = meters;
        this.instance = leases.instance() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    void start(@Observes StartupEvent startup) {
        if (config.enabled()) {
            running = true;
            loop = Thread.ofPlatform().daemon().name("import-jobs").start(this::runUntilStopped);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (loop != null) {
            loop.interrupt();
            loop.join(5_000);
        }
    }

    private void runUntilStopped() {
        while (running) {
            try {
                forgetAbandonedUploads();
                Optional<UUID> job = claim();
                if (job.isPresent()) {
                    work(job.get());
                } else {
                    Thread.sleep(config.idlePoll().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Import jobs paused after %s; trying again shortly", e.getClass().getSimpleName());
                try {
                    Thread.sleep(Math.max(1000, config.idlePoll().toMillis()));
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The oldest job waiting, or running with a claim that lapsed. */
    private Optional<UUID> claim() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<UUID> claimed = entityManager.createNativeQuery("""
                            update import_job set claimed_by = :me, heartbeat_at = now(), state = 'running',
                                   started_at = coalesce(started_at, now())
                            where id = (select id from import_job
                                        where state = 'queued'
                                           or state = 'running' and (heartbeat_at is null or heartbeat_at < now() - make_interval(secs => :lapse))
                                        order by created_at limit 1 for update skip locked)
                            returning id""")
                    .setParameter("me", instance).setParameter("lapse", (double) config.takeOverAfter().toSeconds()).getResultList();
            return claimed.stream().findFirst();
        });
    }

    private void work(UUID id) {
        Object[] job = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager.createNativeQuery(
                        "select kind, created_by, created_roles, next_chunk, chunks from import_job where id = :id")
                .setParameter("id", id).getSingleResult());
        boolean orders = "orders".equals(job[0]);
        Caller caller = new Caller((String) job[1], new HashSet<>(Arrays.asList(((String) job[2]).split(","))));
        int next = ((Number) job[3]).intValue();
        int chunks = ((Number) job[4]).intValue();
        while (running && next < chunks) {
            int seq = next;
            String sealed = QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery(
                            "select rows from import_job_chunk where job_id = :id and seq = :seq")
                    .setParameter("id", id).setParameter("seq", seq).getResultStream().findFirst().orElse(null));
            if (sealed == null) {
                return; // cancelled meanwhile (its chunks are gone)
            }
            List<JsonNode> items = new ArrayList<>();
            List<Long> itemLines = new ArrayList<>();
            List<Object[]> refused = new ArrayList<>();
            for (String text : jobs.open(sealed).orElseThrow().split("\n")) {
                JsonNode row = readRow(text);
                long line = row.path("line").asLong();
                if (row.has("item")) {
                    items.add(row.get("item"));
                    itemLines.add(line);
                } else {
                    refused.add(new Object[] {line, row.get("errors").toString()});
                }
            }
            try {
                if (items.isEmpty()) {
                    QuarkusTransaction.requiringNew().run(() -> record(id, seq, 0, refused));
                } else if (orders) {
                    batches.upsertOrders(items, caller, result -> record(id, seq, result, itemLines, refused));
                } else {
                    batches.upsertCustomers(items, caller, result -> record(id, seq, result, itemLines, refused));
                }
            } catch (BatchService.Abandoned abandoned) {
                LOG.infof("Import job %s: %s", id, abandoned.getMessage());
                return;
            }
            meters.counter("clientbook_import_rows_total", "kind", (String) job[0]).increment(items.size() + refused.size());
            next++;
        }
        if (next >= chunks) {
            QuarkusTransaction.requiringNew().run(() -> {
                int done = entityManager.createNativeQuery("""
                                update import_job set state = 'completed', finished_at = now(), claimed_by = null
                                where id = :id and state = 'running' and claimed_by = :me""")
                        .setParameter("id", id).setParameter("me", instance).executeUpdate();
                if (done == 1) {
                    entityManager.createNativeQuery("delete from import_job_chunk where job_id = :id").setParameter("id", id).executeUpdate();
                    LOG.infof("Import job %s completed", id);
                }
            });
        }
    }

    private JsonNode readRow(String text) {
        try {
            return json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an import chunk holds a row that is not JSON", e);
        }
    }

    /** A chunk's batch result, in the batch's transaction: progress moves on, refused rows are kept with their lines. */
    private void record(UUID id, int seq, BatchResult result, List<Long> itemLines, List<Object[]> refused) {
        List<Object[]> errors = new ArrayList<>(refused);
        int succeeded = 0;
        for (BatchResult.Row row : result.results()) {
            if ("error".equals(row.status())) {
                try {
                    errors.add(new Object[] {itemLines.get(row.index()), json.writeValueAsString(row.errors())});
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                succeeded++;
            }
        }
        record(id, seq, succeeded, errors);
    }

    private void record(UUID id, int seq, int succeeded, List<Object[]> errors) {
        int moved = entityManager.createNativeQuery("""
                        update import_job set next_chunk = next_chunk + 1, processed = processed + :rows, succeeded = succeeded + :ok,
                               failed = failed + :failed, heartbeat_at = now()
                        where id = :id and next_chunk = :seq and state = 'running' and claimed_by = :me""")
                .setParameter("rows", succeeded + errors.size()).setParameter("ok", succeeded).setParameter("failed", errors.size())
                .setParameter("id", id).setParameter("seq", seq).setParameter("me", instance).executeUpdate();
        if (moved == 0) {
            throw new BatchService.Abandoned("cancelled, or taken over by another instance; this chunk is undone");
        }
        for (Object[] error : errors) {
            entityManager.createNativeQuery("""
                            insert into import_job_error (job_id, line, errors) values (:id, :line, cast(:errors as jsonb))
                            on conflict do nothing""")
                    .setParameter("id", id).setParameter("line", error[0]).setParameter("errors", error[1]).executeUpdate();
        }
    }

    /** Uploads cut off by a crash (the request never finished) leave rows nobody will finish. */
    private void forgetAbandonedUploads() {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        delete from import_job where state = 'uploading' and heartbeat_at < now() - interval '10 minutes'""")
                .executeUpdate());
    }
}
