package io.clientbook.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.clientbook.platform.schedule.OnOneInstance;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on every {@code POST}: the first request with a key runs and its response is
 * stored; the same key with the same request replays that response (same status, body, Location, ETag);
 * the same key with another request is {@code 422}; while the first is still running, {@code 409}.
 * Keys are scoped to the caller (token subject), checked before validation and duplicate checks, and kept
 * 24 hours. A request that failed on our side (5xx) releases its key so the retry runs.
 */
@ApplicationScoped
public class IdempotencyFilter {

    public static final String HEADER = "Idempotency-Key";
    private static final String RECORD = IdempotencyFilter.class.getName() + ".record";
    private static final Pattern ACCEPTABLE = Pattern.compile("[\\x21-\\x7e]{1,200}");
    /** A request in flight for longer than this is taken as dead (its process crashed) and may be retried. */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    private static final Duration RETENTION = Duration.ofHours(24);

    private final EntityManager entityManager;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;
    private final StoredResponses stored;

    IdempotencyFilter(EntityManager entityManager, SecurityIdentity identity, ObjectMapper mapper,
            jakarta.enterprise.inject.Instance<StoredResponses> stored) {
        this.entityManager = entityManager;
        this.identity = identity;
        this.mapper = mapper;
        this.stored = stored.isResolvable() ? stored.get() : new StoredResponses.AsTheyAre();
    }

    private record Claim(String scope, String key) {
    }

    @ServerRequestFilter
    public Response claim(ContainerRequestContext request, jakarta.ws.rs.container.ResourceInfo resource) throws IOException {
        String key = request.getHeaderString(HEADER);
        if (key == null || !"POST".equals(request.getMethod()) || identity.isAnonymous()
                || resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(StreamedBody.class)) {
            return null; // an anonymous request is refused anyway; it gets no key space to fill
        }
        if (!ACCEPTABLE.matcher(key).matches()) {
            throw new ProblemException.Invalid(HEADER, "must be 1 to 200 visible ASCII characters");
        }
        byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
        request.setEntityStream(new ByteArrayInputStream(body));
        String scope = identity.getPrincipal().getName();
        String hash = hash(request.getUriInfo().getRequestUri().getRawPath() + "?"
                + request.getUriInfo().getRequestUri().getRawQuery(), body);

        Object[] existing = QuarkusTransaction.requiringNew().call(() -> {
            int inserted = entityManager.createNativeQuery("""
                            insert into idempotency_record (scope, idem_key, request_hash, state) values (:scope, :key, :hash, 'running')
                            on conflict do nothing""")
                    .setParameter("scope", scope).setParameter("key", key).setParameter("hash", hash)
                    .executeUpdate();
            if (inserted == 1) {
                return null;
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                            select request_hash, state, status, content_type, location, etag, body, created_at
                              from idempotency_record where scope = :scope and idem_key = :key for update""")
                    .setParameter("scope", scope).setParameter("key", key).getResultList();
            if (rows.isEmpty()) {
                return new Object[] {"gone"};
            }
            Object[] row = rows.getFirst();
            boolean abandoned = "running".equals(row[1])
                    && toInstant(row[7]).isBefore(Instant.now().minus(ABANDONED_AFTER));
            if (abandoned && hash.equals(row[0])) {
                entityManager.createNativeQuery("update idempotency_record set created_at = now() where scope = :scope and idem_key = :key")
                        .setParameter("scope", scope).setParameter("key", key).executeUpdate();
                return null;
            }
            return row;
        });
        if (existing == null) {
            request.setProperty(RECORD, new Claim(scope, key));
            return null;
        }
        if (existing.length == 1) {
            throw new ProblemException.Conflict("The request with this Idempotency-Key is being retried; try again");
        }
        if (!hash.equals(existing[0])) {
            throw new ProblemException(422, "/problems/idempotency-key-reused", "Idempotency-Key reused",
                    "This Idempotency-Key was used with a different request", List.of(), Map.of());
        }
        if ("running".equals(existing[1])) {
            throw new ProblemException.Conflict("A request with this Idempotency-Key is still being processed");
        }
        Response.ResponseBuilder replay = Response.status(((Number) existing[2]).intValue())
                .header("Idempotent-Replayed", "true");
        if (existing[3] != null) {
            replay.header(HttpHeaders.CONTENT_TYPE, existing[3]);
        }
        if (existing[4] != null) {
            replay.header(HttpHeaders.LOCATION, existing[4]);
        }
        if (existing[5] != null) {
            replay.header(HttpHeaders.ETAG, existing[5]);
        }
        if (existing[6] != null) {
            replay.entity(stored.open((byte[]) existing[6]));
        }
        return replay.build();
    }

    @ServerResponseFilter
    public void store(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(RECORD) instanceof Claim claim)) {
            return;
        }
        request.removeProperty(RECORD);
        if (response.getStatus() >= 500) {
            QuarkusTransaction.requiringNew().run(() -> entityManager
                    .createNativeQuery("delete from idempotency_record where scope = :scope and idem_key = :key")
                    .setParameter("scope", claim.scope()).setParameter("key", claim.key()).executeUpdate());
            return;
        }
        byte[] body = serialise(response.getEntity());
        MediaType type = response.getMediaType();
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        Object etag = response.getHeaders().getFirst(HttpHeaders.ETAG);
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        update idempotency_record set state = 'done', status = :status, content_type = :type,
                               location = :location, etag = :etag, body = :body
                         where scope = :scope and idem_key = :key""")
                .setParameter("status", response.getStatus())
                .setParameter("type", type == null ? null : type.toString())
                .setParameter("location", location == null ? null : location.toString())
                .setParameter("etag", etag == null ? null : etag.toString())
                .setParameter("body", body == null ? null : stored.seal(body))
                .setParameter("scope", claim.scope()).setParameter("key", claim.key())
                .executeUpdate());
    }

    @Scheduled(identity = "idempotency-purge", every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @OnOneInstance
    void forgetExpired(ScheduledExecution execution) {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("delete from idempotency_record where created_at < :cutoff")
                .setParameter("cutoff", Instant.now().minus(RETENTION))
                .executeUpdate());
    }

    private byte[] serialise(Object entity) {
        if (entity == null) {
            return null;
        }
        if (entity instanceof byte[] bytes) {
            return bytes;
        }
        if (entity instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return mapper.writeValueAsBytes(entity);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        return Instant.now();
    }

    private static String hash(String target, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(target.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
