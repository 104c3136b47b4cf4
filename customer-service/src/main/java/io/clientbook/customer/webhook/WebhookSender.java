package io.clientbook.customer.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sends webhook deliveries on its own thread, on every instance. Only the oldest undelivered delivery of a
 * subscription and customer is due, so a customer's events arrive in order; a failing receiver is retried with
 * exponential backoff (with jitter) for {@code give-up-after}, then the delivery is dead-lettered and the customer's
 * next events go on. A delivery is leased while it is sent, so instances never send it at once; a lease that
 * lapses (a crash mid-send) makes it due again: receivers must accept a delivery twice (the event id is stable).
 *
 * <p>Each delivery: {@code POST} of {@code {"id", "type", "occurredAt", "subject", "data"}} with
 * {@code X-Clientbook-Timestamp} (seconds) and {@code X-Clientbook-Signature: v1=<base64 HMAC-SHA256(secret,
 * timestamp + "." + body)>}, one {@code v1=} per active secret, comma-separated.
 */
@ApplicationScoped
class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);

    private final EntityManager entityManager;
    private final Subscriptions subscriptions;
    private final WebhookConfig config;
    private final MeterRegistry meters;
    private final Semaphore wakeUp = new Semaphore(0);
    private final HttpClient http;
    private volatile boolean running;
    private Thread loop;
    private ExecutorService pool;

    WebhookSender(EntityManager entityManager, Subscriptions subscriptions, WebhookConfig config, MeterRegistry meters) {
        this.entityManager = entityManager;
        this.subscriptions = subscriptions;
        this.config = config;
        this.meters = meters;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void start(@Observes StartupEvent startup) {
        if (config.enabled()) {
            running = true;
            pool = Executors.newFixedThreadPool(config.concurrency(), Thread.ofPlatform().daemon().name("webhook-send-", 0).factory());
            loop = Thread.ofPlatform().daemon().name("webhook-sender").start(this::sendUntilStopped);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (loop != null) {
            loop.interrupt();
            loop.join(5_000);
            pool.shutdownNow();
        }
    }

    void wake() {
        wakeUp.release();
    }

    private record Due(UUID id, UUID subscription, String url, boolean allowPrivate, String payload, UUID eventId, String type,
                       int attempts, Instant createdAt) {
    }

    private void sendUntilStopped() {
        while (running) {
            try {
                List<Due> due = lease();
                List<Future<?>> sends = new ArrayList<>();
                for (Due d : due) {
                    sends.add(pool.submit(() -> send(d)));
                }
                for (Future<?> send : sends) {
                    send.get();
                }
                if (due.isEmpty()) {
                    wakeUp.tryAcquire(config.idlePoll().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Webhook sending paused after %s; trying again shortly", e.getClass().getSimpleName());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The due heads of their (subscription, customer) queues, leased for this instance. */
    private List<Due> lease() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                            with due as (
                                select d.id from webhook_send d
                                where d.status in ('pending', 'sending') and d.next_attempt_at <= now()
                                  and (d.status = 'pending' or d.lease_until < now())
                                  and not exists (select 1 from webhook_send e
                                                  where e.subscription_id = d.subscription_id and e.ordering_key = d.ordering_key
                                                    and e.status in ('pending', 'sending') and e.seq < d.seq)
                                order by d.next_attempt_at limit :limit
                                for update of d skip locked)
                            update webhook_send s set status = 'sending', lease_until = now() + make_interval(secs => :lease)
                            from due, webhook_subscription w
                            where s.id = due.id and w.id = s.subscription_id
                            returning s.id, s.subscription_id, w.url, w.allow_private_network, s.payload, s.event_id, s.event_type, s.attempts,
                                      s.created_at""")
                    .setParameter("limit", config.concurrency() * 4)
                    .setParameter("lease", (double) config.timeout().toSeconds() * 3 + 30).getResultList();
            return rows.stream().map(r -> new Due((UUID) r[0], (UUID) r[1], (String) r[2], (Boolean) r[3], (String) r[4], (UUID) r[5],
                    (String) r[6], ((Number) r[7]).intValue(), io.clientbook.platform.persistence.Rows.instant(r[8]))).toList();
        });
    }

    private void send(Due d) {
        Integer status = null;
        String error = null;
        try {
            var refusal = Destinations.refusal(d.url(), d.allowPrivate());
            if (refusal.isPresent()) {
                error = "the URL " + refusal.get();
            } else {
                List<byte[]> secrets = QuarkusTransaction.requiringNew().call(() -> subscriptions.activeSecrets(d.subscription()));
                long timestamp = Instant.now().getEpochSecond();
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(d.url()))
                        .timeout(config.timeout())
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "Clientbook-Webhooks/1")
                        .header("X-Clientbook-Event-Id", d.eventId().toString())
                        .header("X-Clientbook-Event-Type", d.type())
                        .header("X-Clientbook-Delivery-Id", d.id().toString())
                        .header("X-Clientbook-Timestamp", Long.toString(timestamp))
                        .header("X-Clientbook-Signature", signature(secrets, timestamp, d.payload()))
                        .POST(HttpRequest.BodyPublishers.ofString(d.payload())).build(), HttpResponse.BodyHandlers.discarding());
                status = response.statusCode();
                if (status < 200 || status >= 300) {
                    error = "the receiver answered " + status;
                }
            }
        } catch (java.io.IOException e) {
            error = e instanceof java.net.http.HttpTimeoutException ? "the receiver did not answer in time" : "the receiver could not be reached";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName();
        }
        record(d, status, error);
    }

    private void record(Due d, Integer status, String error) {
        boolean delivered = error == null;
        int attempts = d.attempts() + 1;
        boolean dead = !delivered && Instant.now().isAfter(d.createdAt().plus(config.giveUpAfter()));
        long wait = Math.min(config.maxBackoff().toMillis(), config.retryBackoff().toMillis() << Math.min(attempts - 1, 20));
        wait += ThreadLocalRandom.current().nextLong(wait / 4 + 1);
        long waitMillis = wait;
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        update webhook_send set status = :status, attempts = :attempts, last_status = :code, last_error = :error, lease_until = null,
                               delivered_at = case when :delivered then now() end, next_attempt_at = now() + make_interval(secs => :wait)
                        where id = :id and status = 'sending'""")
                .setParameter("status", delivered ? "delivered" : dead ? "dead" : "pending").setParameter("attempts", attempts)
                .setParameter("code", status).setParameter("error", error).setParameter("delivered", delivered)
                .setParameter("wait", waitMillis / 1000.0).setParameter("id", d.id()).executeUpdate());
        meters.counter("clientbook_webhook_sends_total", "outcome", delivered ? "delivered" : dead ? "dead" : "retried").increment();
        if (dead) {
            LOG.warnf("Webhook delivery %s dead-lettered after %d attempts: %s", d.id(), attempts, error);
        }
    }

    /** {@code v1=<sig>} for each active secret, newest first, over {@code timestamp + "." + body}. */
    static String signature(List<byte[]> secrets, long timestamp, String body) {
        List<String> parts = new ArrayList<>();
        for (byte[] secret : secrets) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                parts.add("v1=" + Base64.getEncoder().encodeToString(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8))));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(",", parts);
    }
}
