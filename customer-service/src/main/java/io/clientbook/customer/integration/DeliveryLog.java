package io.clientbook.customer.integration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.customer.integration.dto.DeliveryPage;
import io.clientbook.customer.integration.dto.DeliveryView;
import io.clientbook.customer.integration.dto.ShopPlatform;
import io.clientbook.customer.pii.PiiCipher;
import io.clientbook.platform.persistence.Rows;
import io.clientbook.platform.problem.ProblemException;
import io.clientbook.platform.web.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The durable intake: every verified delivery is a row in {@code webhook_delivery} before the shop hears 200, its
 * body sealed. The processor claims due rows one at a time ({@code for update skip locked}, so instances share the
 * work without taking the same row), records what each did, and parks the ones that keep failing.
 */
@ApplicationScoped
class DeliveryLog {

    static final String BODY_COLUMN = "webhook_delivery.body";
    static final String PENDING = "pending";
    static final String PROCESSED = "processed";
    static final String SKIPPED = "skipped";
    static final String FAILED = "failed";
    private static final Set<String> STATUSES = Set.of(PENDING, PROCESSED, SKIPPED, FAILED);

    /** A delivery claimed for processing, its body opened. */
    record Claimed(UUID id, UUID connectionId, String topic, String body, Instant receivedAt, int attempts) {
    }

    private final EntityManager entityManager;
    private final PiiCipher cipher;
    private final ObjectMapper json;

    DeliveryLog(EntityManager entityManager, PiiCipher cipher, ObjectMapper json) {
        this.entityManager = entityManager;
        this.cipher = cipher;
        this.json = json;
    }

    /** A verified delivery as the intake stores it: its body already sealed, its kept headers as JSON. */
    record NewDelivery(UUID connectionId, String platform, String topic, String deliveryKey, String sealedBody, String headers,
                       Instant receivedAt) {
        Key key() {
            return new Key(connectionId, deliveryKey);
        }
    }

    /** What makes a delivery the same delivery: the shop and the shop's id of it. */
    record Key(UUID connectionId, String deliveryKey) {
    }

    /** A delivery's body sealed for the table (the intake seals on its own thread, before the group write). */
    String seal(String body) {
        return cipher.seal(body, BODY_COLUMN);
    }

    /** The kept headers as the table stores them. */
    String headersJson(Map<String, String> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stores verified deliveries in one statement and one transaction; returns the keys stored now (a delivery stored
     * before, or twice in the list, is stored once).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Set<Key> storeAll(List<NewDelivery> deliveries) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        insert into webhook_delivery (id, connection_id, platform, topic, delivery_key, body, headers, received_at,
                                                      status, next_attempt_at)
                        select gen_random_uuid(), d.shop, d.platform, d.topic, d.key, d.body, cast(d.headers as jsonb), d.at, 'pending', d.at
                        from unnest(cast(:shops as uuid[]), cast(:platforms as varchar[]), cast(:topics as varchar[]),
                                    cast(:keys as varchar[]), cast(:bodies as text[]), cast(:headers as text[]),
                                    cast(:at as timestamptz[])) with ordinality as d(shop, platform, topic, key, body, headers, at, n)
                        order by d.n
                        on conflict (connection_id, delivery_key) do nothing
                        returning connection_id, delivery_key""")
                .setParameter("shops", deliveries.stream().map(NewDelivery::connectionId).toArray(UUID[]::new))
                .setParameter("platforms", deliveries.stream().map(NewDelivery::platform).toArray(String[]::new))
                .setParameter("topics", deliveries.stream().map(NewDelivery::topic).toArray(String[]::new))
                .setParameter("keys", deliveries.stream().map(NewDelivery::deliveryKey).toArray(String[]::new))
                .setParameter("bodies", deliveries.stream().map(NewDelivery::sealedBody).toArray(String[]::new))
                .setParameter("headers", deliveries.stream().map(NewDelivery::headers).toArray(String[]::new))
                .setParameter("at", deliveries.stream().map(d -> d.receivedAt().toString()).toArray(String[]::new))
                .getResultList();
        Set<Key> stored = new java.util.HashSet<>();
        rows.forEach(r -> stored.add(new Key((UUID) r[0], (String) r[1])));
        return stored;
    }

    /** Pending deliveries whose time has come, oldest first. */
    @Transactional
    List<UUID> due(int limit) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = entityManager.createNativeQuery("""
                        select id from webhook_delivery where status = 'pending' and next_attempt_at <= now()
                        order by next_attempt_at, received_at limit :limit""")
                .setParameter("limit", limit).getResultList();
        return ids;
    }

    /** Locks a pending delivery for the caller's transaction; empty when another instance has it or it is done. */
    @Transactional(Transactional.TxType.MANDATORY)
    Optional<Claimed> claim(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select id, connection_id, topic, body, received_at, attempts from webhook_delivery
                        where id = :id and status = 'pending' for update skip locked""")
                .setParameter("id", id).getResultList();
        return rows.stream().findFirst().map(r -> new Claimed((UUID) r[0], (UUID) r[1], (String) r[2],
                cipher.open((String) r[3], BODY_COLUMN), Rows.instant(r[4]), ((Number) r[5]).intValue()));
    }

    /** Locks the pending deliveries among {@code ids} for the caller's transaction, oldest first; others are left out. */
    @Transactional(Transactional.TxType.MANDATORY)
    List<Claimed> claimAll(List<UUID> ids) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select id, connection_id, topic, body, received_at, attempts from webhook_delivery
                        where id = any(cast(:ids as uuid[])) and status = 'pending'
                        order by next_attempt_at, received_at for update skip locked""")
                .setParameter("ids", ids.toArray(UUID[]::new)).getResultList();
        return rows.stream().map(r -> new Claimed((UUID) r[0], (UUID) r[1], (String) r[2],
                cipher.open((String) r[3], BODY_COLUMN), Rows.instant(r[4]), ((Number) r[5]).intValue())).toList();
    }

    /** Records what a claimed delivery did, in its transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    void finished(UUID id, ShopSync.Applied applied) {
        entityManager.createNativeQuery("""
                        update webhook_delivery set status = :status, attempts = attempts + 1, processed_at = now(), last_error = null,
                               object_kind = :kind, object_id = :object, outcome = :outcome where id = :id""")
                .setParameter("status", applied.skipped() ? SKIPPED : PROCESSED).setParameter("kind", applied.objectKind())
                .setParameter("object", applied.objectId()).setParameter("outcome", truncate(applied.outcome(), 200))
                .setParameter("id", id).executeUpdate();
    }

    /**
     * An attempt failed (its changes rolled back): parked as failed when trying again cannot help or the attempts
     * are spent, otherwise due again after a wait that doubles with each attempt. Returns the new status.
     */
    @Transactional
    String attemptFailed(UUID id, String reason, boolean permanent, int maxAttempts, Duration backoff) {
        @SuppressWarnings("unchecked")
        List<Number> attempts = entityManager.createNativeQuery("select attempts from webhook_delivery where id = :id and status = 'pending' for update")
                .setParameter("id", id).getResultList();
        if (attempts.isEmpty()) {
            return null;
        }
        int made = attempts.getFirst().intValue() + 1;
        boolean park = permanent || made >= maxAttempts;
        long waitMillis = backoff.toMillis() << Math.min(made - 1, 20);
        entityManager.createNativeQuery("""
                        update webhook_delivery set attempts = :made, last_error = :reason, status = :status,
                               next_attempt_at = now() + make_interval(secs => :wait) where id = :id""")
                .setParameter("made", made).setParameter("reason", truncate(reason, 1000)).setParameter("status", park ? FAILED : PENDING)
                .setParameter("wait", waitMillis / 1000.0).setParameter("id", id).executeUpdate();
        return park ? FAILED : PENDING;
    }

    /** Sends a delivery through again now (a parked one, usually); 409 once its body is gone. */
    @Transactional
    DeliveryView retry(UUID id) {
        DeliveryView delivery = get(id);
        if (delivery.status().equals(PENDING)) {
            return delivery;
        }
        int updated = entityManager.createNativeQuery("""
                        update webhook_delivery set status = 'pending', next_attempt_at = now(), attempts = 0
                        where id = :id and body is not null""")
                .setParameter("id", id).executeUpdate();
        if (updated == 0) {
            throw new ProblemException.Conflict("The delivery's body is no longer kept; ask the shop to send it again");
        }
        return get(id);
    }

    DeliveryView get(UUID id) {
        return page(Map.of("id", id), "id = :id", null, 1).items().stream().findFirst()
                .orElseThrow(() -> new ProblemException.NotFound("Delivery", id));
    }

    DeliveryPage list(String status, UUID shopId, String topic, String cursor, Integer limit) {
        int size = Paging.limit(limit);
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder("true");
        if (status != null) {
            if (!STATUSES.contains(status)) {
                throw new ProblemException.Invalid("status", "must be one of pending, processed, skipped, failed");
            }
            where.append(" and status = :status");
            params.put("status", status);
        }
        if (shopId != null) {
            where.append(" and connection_id = :shop");
            params.put("shop", shopId);
        }
        if (topic != null) {
            where.append(" and topic = :topic");
            params.put("topic", topic);
        }
        return page(params, where.toString(), cursor, size);
    }

    private DeliveryPage page(Map<String, Object> params, String where, String cursor, int size) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        String condition = where;
        if (cursor != null && !cursor.isBlank()) {
            String[] position = Paging.parts(cursor, 2);
            try {
                all.put("cursorAt", OffsetDateTime.parse(position[0]));
                all.put("cursorId", UUID.fromString(position[1]));
            } catch (RuntimeException e) {
                throw Paging.invalidCursor();
            }
            condition += " and (received_at, id) < (:cursorAt, :cursorId)";
        }
        var query = entityManager.createNativeQuery("""
                select id, connection_id, platform, topic, delivery_key, status, attempts, received_at, next_attempt_at, processed_at,
                       last_error, object_kind, object_id, outcome
                from webhook_delivery where %s order by received_at desc, id desc limit :size""".formatted(condition));
        all.forEach(query::setParameter);
        query.setParameter("size", size + 1);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<DeliveryView> items = rows.stream().limit(size).map(r -> new DeliveryView((UUID) r[0], (UUID) r[1],
                ShopPlatform.parse((String) r[2]), (String) r[3], (String) r[4], (String) r[5], ((Number) r[6]).intValue(),
                Rows.instant(r[7]), PENDING.equals(r[5]) ? Rows.instant(r[8]) : null, Rows.instant(r[9]), (String) r[10],
                (String) r[11], (String) r[12], (String) r[13])).toList();
        String next = rows.size() > size
                ? Paging.cursor(items.getLast().receivedAt().atOffset(java.time.ZoneOffset.UTC), items.getLast().id()) : null;
        return new DeliveryPage(items, next);
    }

    /** shop/redact: the shop's stored bodies go (the rows stay, for the log). */
    @Transactional(Transactional.TxType.MANDATORY)
    int dropBodiesOf(UUID shopId) {
        return entityManager.createNativeQuery("update webhook_delivery set body = null where connection_id = :shop and status <> 'pending'")
                .setParameter("shop", shopId).executeUpdate();
    }

    /** Bodies of deliveries done longer ago than the retention; failed and pending ones keep theirs. */
    @Transactional
    int dropBodiesProcessedBefore(Instant before) {
        return entityManager.createNativeQuery("""
                        update webhook_delivery set body = null
                        where status in ('processed', 'skipped') and processed_at < :before and body is not null""")
                .setParameter("before", before).executeUpdate();
    }


    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
