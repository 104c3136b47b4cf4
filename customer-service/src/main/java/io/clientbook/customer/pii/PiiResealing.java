package io.clientbook.customer.pii;

import io.clientbook.platform.schedule.OnOneInstance;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps every table's personal data sealed under the active keys ({@link SealedRows}: customers, their field
 * history, merge lineage). A pass walks each table once, in batches of their own transactions.
 *
 * <p>A pass runs at every start (readiness waits for it, so a service upgraded from plaintext never answers
 * with contacts missing) and then every {@code clientbook.pii.reseal-every} on one instance while a key ring
 * holds more than one key. A value that cannot be opened is logged by row id and counted, never guessed.
 */
@ApplicationScoped
public class PiiResealing {

    private static final Logger LOG = Logger.getLogger(PiiResealing.class);

    private final List<SealedRows> tables;
    private final PiiCipher cipher;
    private final BlindIndex index;
    private final PiiConfig config;
    private final MeterRegistry meters;
    private volatile boolean startupPassDone;

    PiiResealing(Instance<SealedRows> tables, PiiCipher cipher, BlindIndex index, PiiConfig config, MeterRegistry meters) {
        this.tables = tables.stream().toList();
        this.cipher = cipher;
        this.index = index;
        this.config = config;
        this.meters = meters;
    }

    void atStartup(@Observes StartupEvent started) {
        Pass pass = resealAll();
        if (pass.total() > 0 || pass.unreadable() > 0) {
            LOG.infof("Personal data re-sealed under key %s: %s; %d values unreadable", cipher.activeKeyId(), pass.resealed(),
                    pass.unreadable());
        }
        startupPassDone = true;
    }

    @Scheduled(identity = "pii-reseal", every = "${clientbook.pii.reseal-every:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @OnOneInstance
    void whileRotating(ScheduledExecution execution) {
        if (cipher.rotating() || index.rotating()) {
            Pass pass = resealAll();
            LOG.infof("Key rotation: re-sealed this pass %s; %d values unreadable", pass.resealed(), pass.unreadable());
        }
    }

    /** One pass over every table, re-sealing what is not yet under the active keys. */
    public Pass resealAll() {
        Map<String, Integer> resealed = new LinkedHashMap<>();
        int unreadable = 0;
        for (SealedRows table : tables) {
            int count = 0;
            String after = null;
            while (true) {
                String from = after;
                SealedRows.Batch batch = QuarkusTransaction.requiringNew().call(() -> table.resealAfter(from, config.resealBatchSize()));
                count += batch.resealed();
                unreadable += batch.unreadable();
                if (batch.last() == null) {
                    break;
                }
                after = batch.last();
            }
            resealed.put(table.table(), count);
            meters.counter("clientbook_pii_resealed_total", "table", table.table()).increment(count);
        }
        meters.counter("clientbook_pii_unreadable_total").increment(unreadable);
        return new Pass(Map.copyOf(resealed), unreadable);
    }

    /** Whether this instance's pass at startup is done (readiness waits for it). */
    public boolean startupPassDone() {
        return startupPassDone;
    }

    /** What a pass did: rows re-sealed per table, values that could not be opened. */
    public record Pass(Map<String, Integer> resealed, int unreadable) {

        public int resealed(String table) {
            return resealed.getOrDefault(table, 0);
        }

        int total() {
            return resealed.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
