package io.clientbook.customer.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.customer.customer.Caller;
import io.clientbook.customer.imports.dto.ImportJobView;
import io.clientbook.customer.imports.dto.ImportKind;
import io.clientbook.customer.pii.PiiCipher;
import io.clientbook.platform.persistence.Rows;
import io.clientbook.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Import jobs: an upload becomes sealed chunks of mapped rows and a queued job (one transaction per chunk, so the
 * upload never has to fit in memory); then {@link ImportRunner} works it. The same file under the same
 * {@code Idempotency-Key} is one job.
 */
@ApplicationScoped
public class ImportJobs {

    static final String CHUNK_COLUMN = "import_job_chunk.rows";

    private final EntityManager entityManager;
    private final PiiCipher cipher;
    private final ObjectMapper json;
    private final ImportConfig config;

    ImportJobs(EntityManager entityManager, PiiCipher cipher, ObjectMapper json, ImportConfig config) {
        this.entityManager = entityManager;
        this.cipher = cipher;
        this.json = json;
        this.config = config;
    }

    /** What {@link #receive} made: the job, and whether it is an earlier one replayed by its Idempotency-Key. */
    public record Received(ImportJobView job, boolean replayed) {
    }

    public Received receive(ImportKind kind, String format, Map<String, String> mapping, InputStream body, Caller caller,
            String idempotencyKey) {
        if (kind == null) {
            throw new ProblemException.Invalid("kind", "is required: customers or orders");
        }
        if (!"ndjson".equals(format) && !"csv".equals(format)) {
            throw new ProblemException.Invalid("format", "must be ndjson or csv (or sent as application/x-ndjson or text/csv)");
        }
        if (idempotencyKey != null && !idempotencyKey.matches("[\\x21-\\x7e]{1,200}")) {
            throw new ProblemException.Invalid("Idempotency-Key", "must be 1 to 200 visible ASCII characters");
        }
        ColumnMapping columns = "csv".equals(format) ? ColumnMapping.of(kind, mapping) : null;
        if (mapping != null && columns == null) {
            throw new ProblemException.Invalid("mapping", "applies to CSV files only");
        }
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        insert into import_job (id, kind, format, state, created_at, created_by, created_roles, heartbeat_at)
                        values (:id, :kind, :format, 'uploading', now(), :by, :roles, now())""")
                .setParameter("id", id).setParameter("kind", kind.apiName()).setParameter("format", format)
                .setParameter("by", caller.subject()).setParameter("roles", String.join(",", caller.roles())).executeUpdate());
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        CountingStream counted = new CountingStream(new DigestInputStream(body, sha));
        Reader reader = new InputStreamReader(counted, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        int[] chunks = {0};
        long rows;
        try {
            ImportUpload upload = new ImportUpload(json, config.maxRows(), config.maxLineLength());
            java.util.function.Consumer<List<String>> store = chunk -> storeChunk(id, chunks[0]++, chunk, counted.count);
            rows = columns == null ? upload.ndjson(new java.io.BufferedReader(reader, 65536), store)
                    : upload.csv(new java.io.BufferedReader(reader, 65536), columns, store);
        } catch (ImportUpload.Refused refused) {
            forget(id);
            throw refused.tooLarge
                    ? new ProblemException(413, "/problems/import-too-large", "Import too large", refused.getMessage(), List.of(), Map.of())
                    : new ProblemException.Invalid("body", refused.getMessage());
        } catch (IOException | RuntimeException e) {
            forget(id);
            if (e instanceof ProblemException p) {
                throw p;
            }
            throw new ProblemException.Invalid("body", "the upload was cut off or could not be read");
        }
        String hash = HexFormat.of().formatHex(sha.digest());
        long total = rows;
        return QuarkusTransaction.requiringNew().call(() -> {
            if (idempotencyKey != null) {
                @SuppressWarnings("unchecked")
                List<Object[]> earlier = entityManager.createNativeQuery("""
                                select id, content_sha256, kind from import_job where created_by = :by and idempotency_key = :key for update""")
                        .setParameter("by", caller.subject()).setParameter("key", idempotencyKey).getResultList();
                if (!earlier.isEmpty()) {
                    entityManager.createNativeQuery("delete from import_job where id = :id").setParameter("id", id).executeUpdate();
                    Object[] first = earlier.getFirst();
                    if (!hash.equals(first[1]) || !kind.apiName().equals(first[2])) {
                        throw new ProblemException(422, "/problems/idempotency-key-reused", "Idempotency-Key reused",
                                "This Idempotency-Key was used with a different file", List.of(), Map.of());
                    }
                    return new Received(view((UUID) first[0]), true);
                }
            }
            entityManager.createNativeQuery("""
                            update import_job set state = :state, total = :total, chunks = :chunks, bytes = :bytes, content_sha256 = :hash,
                                   idempotency_key = :key, heartbeat_at = null, finished_at = case when :total = 0 then now() end
                            where id = :id""")
                    .setParameter("state", total == 0 ? "completed" : "queued").setParameter("total", total)
                    .setParameter("chunks", chunks[0]).setParameter("bytes", counted.count).setParameter("hash", hash)
                    .setParameter("key", idempotencyKey).setParameter("id", id).executeUpdate();
            return new Received(view(id), false);
        });
    }

    private void storeChunk(UUID job, int seq, List<String> rows, long bytesSoFar) {
        String sealed = cipher.seal(String.join("\n", rows), CHUNK_COLUMN);
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("insert into import_job_chunk (job_id, seq, rows) values (:job, :seq, :rows)")
                    .setParameter("job", job).setParameter("seq", seq).setParameter("rows", sealed).executeUpdate();
            entityManager.createNativeQuery("update import_job set heartbeat_at = now(), bytes = :bytes where id = :id")
                    .setParameter("bytes", bytesSoFar).setParameter("id", job).executeUpdate();
        });
    }

    /** An upload that did not complete leaves nothing behind. */
    private void forget(UUID id) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("delete from import_job where id = :id")
                .setParameter("id", id).executeUpdate());
    }

    public ImportJobView get(UUID id) {
        return QuarkusTransaction.joiningExisting().call(() -> view(id));
    }

    /** Stops a queued or running job; rows already imported stay. A finished job is answered as it is. */
    public ImportJobView cancel(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            view(id);
            int cancelled = entityManager.createNativeQuery("""
                            update import_job set state = 'cancelled', finished_at = now() where id = :id and state in ('queued', 'running')""")
                    .setParameter("id", id).executeUpdate();
            if (cancelled == 1) {
                entityManager.createNativeQuery("delete from import_job_chunk where job_id = :id").setParameter("id", id).executeUpdate();
            }
            return view(id);
        });
    }

    /** The refused rows, line order, as NDJSON {@code {"line": 12, "errors": [{"field", "message"}]}}. */
    public void writeErrors(UUID id, OutputStream out) {
        get(id);
        long after = 0;
        try {
            while (true) {
                long from = after;
                @SuppressWarnings("unchecked")
                List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                                select line, errors::text from import_job_error where job_id = :id and line > :after order by line limit 1000""")
                        .setParameter("id", id).setParameter("after", from).getResultList());
                for (Object[] row : rows) {
                    out.write(("{\"line\":" + row[0] + ",\"errors\":" + row[1] + "}\n").getBytes(StandardCharsets.UTF_8));
                    after = ((Number) row[0]).longValue();
                }
                if (rows.size() < 1000) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ImportJobView view(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select id, state, processed, total, succeeded, failed, kind, format, created_at, started_at, finished_at, failure
                        from import_job where id = :id and state <> 'uploading'""")
                .setParameter("id", id).getResultList();
        if (rows.isEmpty()) {
            throw new ProblemException.NotFound("Import job", id);
        }
        Object[] r = rows.getFirst();
        long processed = ((Number) r[2]).longValue();
        Long total = r[3] == null ? null : ((Number) r[3]).longValue();
        Instant started = Rows.instant(r[9]);
        Long eta = null;
        if ("running".equals(r[1]) && started != null && processed > 0 && total != null) {
            double seconds = Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
            eta = Math.round((total - processed) / (processed / seconds));
        } else if ("completed".equals(r[1])) {
            eta = 0L;
        }
        return new ImportJobView((UUID) r[0], (String) r[1], processed, total, ((Number) r[4]).longValue(), ((Number) r[5]).longValue(),
                eta, ImportKind.parse((String) r[6]), (String) r[7], Rows.instant(r[8]), started, Rows.instant(r[10]), (String) r[11]);
    }


    Optional<String> open(String sealed) {
        return Optional.ofNullable(sealed).map(s -> cipher.open(s, CHUNK_COLUMN));
    }

    /** Counts the bytes read. */
    private static final class CountingStream extends java.io.FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
