package io.clientbook.customer.integration;

import io.clientbook.platform.problem.ProblemException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stores verified deliveries in groups (group commit): each intake request hands its delivery over and waits until
 * the transaction holding it has committed, so a shop still hears 200 only for a stored delivery — but a burst of a
 * thousand deliveries costs a few multi-row inserts and commits instead of a thousand, and the intake needs one
 * database connection however many shops send at once. A full queue or a slow database answers 503 (the shop sends
 * again; the delivery key makes that harmless).
 */
@ApplicationScoped
class DeliveryWriter {

    private static final Logger LOG = Logger.getLogger(DeliveryWriter.class);
    /** Deliveries waiting for the writer before the intake answers 503. */
    private static final int QUEUE = 20_000;
    /** Deliveries per insert: the writer takes whatever has arrived, up to this. */
    private static final int GROUP = 500;
    /** How long a request waits for its group's commit before answering 503. */
    private static final long WAIT_SECONDS = 10;

    /** A verified delivery on its way to the table; {@code stored} completes with false for one stored before. */
    record Received(DeliveryLog.NewDelivery delivery, CompletableFuture<Boolean> stored) {
    }

    private final DeliveryLog log;
    private final BlockingQueue<Received> queue = new ArrayBlockingQueue<>(QUEUE);
    /** When the last group was written ({@link System#nanoTime()}). */
    private volatile long lastWrite = System.nanoTime() - TimeUnit.MINUTES.toNanos(1);
    private volatile boolean running;
    private Thread writer;

    DeliveryWriter(DeliveryLog log) {
        this.log = log;
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        writer = Thread.ofPlatform().daemon().name("webhook-intake-writer").start(this::writeUntilStopped);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (writer != null) {
            writer.join(5_000); // what is queued is still written; the writer stops once the queue is empty
        }
    }

    /** Stores the delivery; true when stored now, false when the shop sent it before. Waits for the commit. */
    boolean store(DeliveryLog.NewDelivery delivery) {
        CompletableFuture<Boolean> stored = new CompletableFuture<>();
        if (!running || !queue.offer(new Received(delivery, stored))) {
            throw busy("the intake queue is full");
        }
        try {
            return stored.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw busy("the delivery was not stored within " + WAIT_SECONDS + " s");
        } catch (ExecutionException e) {
            throw busy("the delivery could not be stored");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy("the intake is stopping");
        }
    }

    /**
     * Waits until shops have paused for {@code quiet} (no group written in that time), but never longer than
     * {@code atMost}: the processor calls this before each batch, so that during a burst the intake — whose answer
     * shops time out on — gets the CPU first, while the processor still makes progress.
     */
    void awaitLull(java.time.Duration quiet, java.time.Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() - lastWrite < quiet.toNanos() && System.nanoTime() < deadline) {
            Thread.sleep(Math.max(1, quiet.toMillis() / 2));
        }
    }

    private static ProblemException busy(String why) {
        return new ProblemException(503, "/problems/webhook-intake-busy", "Webhook intake busy",
                "Send the delivery again shortly: " + why, List.of(), Map.of("retryAfterSeconds", 5));
    }

    private void writeUntilStopped() {
        List<Received> group = new ArrayList<>(GROUP);
        while (running || !queue.isEmpty()) {
            try {
                Received first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, GROUP - 1);
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Webhook intake writer: %s", e.toString());
            } finally {
                group.forEach(r -> r.stored().completeExceptionally(new IllegalStateException("not written")));
                group.clear();
            }
        }
    }

    /** One insert and commit for the group; should the database refuse it, each delivery alone, so one bad row fails alone. */
    private void write(List<Received> group) {
        try {
            lastWrite = System.nanoTime();
            Set<DeliveryLog.Key> inserted = log.storeAll(group.stream().map(Received::delivery).toList());
            for (Received received : group) {
                // the same delivery twice in one group: the first request stored it, the second is its duplicate
                received.stored().complete(inserted.remove(received.delivery().key()));
            }
        } catch (RuntimeException groupFailed) {
            if (group.size() == 1) {
                LOG.warnf("A webhook delivery could not be stored: %s", groupFailed.toString());
                group.getFirst().stored().completeExceptionally(groupFailed);
                return;
            }
            for (Received received : group) {
                write(new ArrayList<>(List.of(received)));
            }
        }
    }
}
