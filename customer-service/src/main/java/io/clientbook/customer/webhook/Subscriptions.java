package io.clientbook.customer.webhook;

import io.clientbook.customer.customer.Caller;
import io.clientbook.customer.pii.PiiCipher;
import io.clientbook.customer.webhook.dto.SendPage;
import io.clientbook.customer.webhook.dto.SendView;
import io.clientbook.customer.webhook.dto.SubscriptionInput;
import io.clientbook.customer.webhook.dto.SubscriptionPage;
import io.clientbook.customer.webhook.dto.SubscriptionView;
import io.clientbook.platform.persistence.Rows;
import io.clientbook.platform.problem.ProblemException;
import io.clientbook.platform.web.Paging;
import io.clientbook.platform.web.Preconditions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Webhook subscriptions: written by admins and integrators, each with signing secrets and a delivery log. */
@ApplicationScoped
public class Subscriptions {

    static final String SECRET_COLUMN = "webhook_secret.secret";

    private final EntityManager entityManager;
    private final PiiCipher cipher;
    private final Validator validator;
    private final WebhookConfig config;
    private final SecureRandom random = new SecureRandom();

    Subscriptions(EntityManager entityManager, PiiCipher cipher, Validator validator, WebhookConfig config) {
        this.entityManager = entityManager;
        this.cipher = cipher;
        this.validator = validator;
        this.config = config;
    }

    @Transactional
    public SubscriptionView create(SubscriptionInput input, Caller caller) {
        check(input, caller);
        UUID id = UUID.randomUUID();
        entityManager.createNativeQuery("""
                        insert into webhook_subscription (id, url, event_types, changed_fields, description, allow_private_network, active,
                                                          created_at, created_by)
                        values (:id, :url, cast(:types as text[]), cast(:fields as text[]), :description, :private, :active, now(), :by)""")
                .setParameter("id", id).setParameter("url", input.url()).setParameter("types", array(input.eventTypes()))
                .setParameter("fields", input.changedFields() == null ? null : array(input.changedFields()))
                .setParameter("description", input.description()).setParameter("private", Boolean.TRUE.equals(input.allowPrivateNetwork()))
                .setParameter("active", input.active() == null || input.active()).setParameter("by", caller.subject()).executeUpdate();
        String secret = newSecret(id, null);
        return withSecret(view(id), secret);
    }

    /** Replaces url, event types, changed fields, description, private-network permission and active (PUT semantics). */
    @Transactional
    public SubscriptionView replace(UUID id, SubscriptionInput input, String ifMatch, Caller caller) {
        SubscriptionView current = view(id);
        Preconditions.requireMatch(ifMatch, current.version());
        check(input, caller);
        entityManager.createNativeQuery("""
                        update webhook_subscription set url = :url, event_types = cast(:types as text[]), changed_fields = cast(:fields as text[]),
                               description = :description, allow_private_network = :private, active = :active, version = version + 1
                        where id = :id""")
                .setParameter("id", id).setParameter("url", input.url()).setParameter("types", array(input.eventTypes()))
                .setParameter("fields", input.changedFields() == null ? null : array(input.changedFields()))
                .setParameter("description", input.description()).setParameter("private", Boolean.TRUE.equals(input.allowPrivateNetwork()))
                .setParameter("active", input.active() == null || input.active()).executeUpdate();
        return view(id);
    }

    /** A new signing secret (shown once); the others keep signing for {@code secret-overlap}, then expire. */
    @Transactional
    public SubscriptionView rotateSecret(UUID id) {
        view(id);
        Instant until = Instant.now().plus(config.secretOverlap()).truncatedTo(ChronoUnit.MICROS);
        entityManager.createNativeQuery("""
                        update webhook_secret set expires_at = :until where subscription_id = :id and (expires_at is null or expires_at > :until)""")
                .setParameter("until", until).setParameter("id", id).executeUpdate();
        String secret = newSecret(id, null);
        entityManager.createNativeQuery("update webhook_subscription set version = version + 1 where id = :id").setParameter("id", id).executeUpdate();
        return withSecret(view(id), secret);
    }

    @Transactional
    public void delete(UUID id, String ifMatch) {
        SubscriptionView current = view(id);
        Preconditions.requireMatch(ifMatch, current.version());
        entityManager.createNativeQuery("update webhook_subscription set deleted_at = now(), active = false where id = :id")
                .setParameter("id", id).executeUpdate();
        entityManager.createNativeQuery("update webhook_send set status = 'dead', last_error = 'the subscription was deleted' "
                + "where subscription_id = :id and status in ('pending', 'sending')").setParameter("id", id).executeUpdate();
    }

    public SubscriptionPage list() {
        @SuppressWarnings("unchecked")
        List<UUID> ids = entityManager.createNativeQuery("select id from webhook_subscription where deleted_at is null order by created_at, id")
                .getResultList();
        return new SubscriptionPage(ids.stream().map(this::view).toList(), null);
    }

    public SubscriptionView get(UUID id) {
        return view(id);
    }

    public SendPage sends(UUID id, String status, String cursor, Integer limit) {
        view(id);
        int size = Paging.limit(limit);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", id);
        StringBuilder where = new StringBuilder("subscription_id = :id");
        if (status != null) {
            if (!List.of("pending", "sending", "delivered", "dead").contains(status)) {
                throw new ProblemException.Invalid("status", "must be one of pending, sending, delivered, dead");
            }
            where.append(" and status = :status");
            params.put("status", status);
        }
        if (cursor != null && !cursor.isBlank()) {
            String[] position = Paging.parts(cursor, 2);
            try {
                params.put("at", OffsetDateTime.parse(position[0]));
                params.put("after", UUID.fromString(position[1]));
            } catch (RuntimeException e) {
                throw Paging.invalidCursor();
            }
            where.append(" and (created_at, id) < (:at, :after)");
        }
        var query = entityManager.createNativeQuery("""
                select id, event_id, event_type, ordering_key, status, attempts, created_at, next_attempt_at, delivered_at, last_status, last_error
                from webhook_send where %s order by created_at desc, id desc limit :size""".formatted(where));
        params.forEach(query::setParameter);
        query.setParameter("size", size + 1);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<SendView> items = rows.stream().limit(size).map(r -> new SendView((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3],
                (String) r[4], ((Number) r[5]).intValue(), Rows.instant(r[6]),
                "pending".equals(r[4]) || "sending".equals(r[4]) ? Rows.instant(r[7]) : null, Rows.instant(r[8]),
                r[9] == null ? null : ((Number) r[9]).intValue(), (String) r[10])).toList();
        String next = rows.size() > size ? Paging.cursor(items.getLast().createdAt().atOffset(java.time.ZoneOffset.UTC), items.getLast().id()) : null;
        return new SendPage(items, next);
    }

    /** Sends a delivery again (a dead one, usually), now, ahead of its customer's later events. */
    @Transactional
    public SendView redeliver(UUID id, UUID sendId) {
        view(id);
        int updated = entityManager.createNativeQuery("""
                        update webhook_send set status = 'pending', next_attempt_at = now(), lease_until = null, created_at = created_at
                        where id = :send and subscription_id = :id and status in ('dead', 'delivered')""")
                .setParameter("send", sendId).setParameter("id", id).executeUpdate();
        if (updated == 0 && sends(id, null, null, 200).items().stream().noneMatch(s -> s.id().equals(sendId))) {
            throw new ProblemException.NotFound("Webhook delivery", sendId);
        }
        return sends(id, null, null, 200).items().stream().filter(s -> s.id().equals(sendId)).findFirst()
                .orElseThrow(() -> new ProblemException.NotFound("Webhook delivery", sendId));
    }

    private void check(SubscriptionInput input, Caller caller) {
        if (input == null) {
            throw new ProblemException.Invalid("body", "must be a JSON object");
        }
        var violations = validator.validate(input);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        boolean allowPrivate = Boolean.TRUE.equals(input.allowPrivateNetwork());
        if (allowPrivate && !caller.roles().contains("admin")) {
            throw new ProblemException.Invalid("allowPrivateNetwork", "only an admin may allow private networks");
        }
        Destinations.refusal(input.url(), allowPrivate).ifPresent(why -> {
            throw new ProblemException.Invalid("url", why);
        });
    }

    private String newSecret(UUID subscription, Instant expires) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        entityManager.createNativeQuery("""
                        insert into webhook_secret (id, subscription_id, secret, created_at, expires_at) values (:id, :sub, :secret, now(), :expires)""")
                .setParameter("id", UUID.randomUUID()).setParameter("sub", subscription)
                .setParameter("secret", cipher.seal(secret, SECRET_COLUMN)).setParameter("expires", expires).executeUpdate();
        return secret;
    }

    /** The secrets that sign a delivery now. */
    List<byte[]> activeSecrets(UUID subscription) {
        @SuppressWarnings("unchecked")
        List<String> sealed = entityManager.createNativeQuery("""
                        select secret from webhook_secret where subscription_id = :id and (expires_at is null or expires_at > now())
                        order by created_at desc""")
                .setParameter("id", subscription).getResultList();
        return sealed.stream().map(s -> cipher.open(s, SECRET_COLUMN).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    SubscriptionView view(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select id, url, array_to_string(event_types, ','), array_to_string(changed_fields, ','), description,
                               allow_private_network, active, created_at, created_by, version
                        from webhook_subscription where id = :id and deleted_at is null""")
                .setParameter("id", id).getResultList();
        if (rows.isEmpty()) {
            throw new ProblemException.NotFound("Webhook subscription", id);
        }
        Object[] r = rows.getFirst();
        @SuppressWarnings("unchecked")
        List<Object[]> secrets = entityManager.createNativeQuery("""
                        select id, created_at, expires_at from webhook_secret where subscription_id = :id and (expires_at is null or expires_at > now())
                        order by created_at""")
                .setParameter("id", id).getResultList();
        return new SubscriptionView((UUID) r[0], (String) r[1], split((String) r[2]), r[3] == null ? null : split((String) r[3]),
                (String) r[4], (Boolean) r[5], (Boolean) r[6],
                secrets.stream().map(s -> new SubscriptionView.SecretInfo((UUID) s[0], Rows.instant(s[1]), Rows.instant(s[2]))).toList(), null,
                Rows.instant(r[7]), (String) r[8], ((Number) r[9]).longValue());
    }

    private static SubscriptionView withSecret(SubscriptionView v, String secret) {
        return new SubscriptionView(v.id(), v.url(), v.eventTypes(), v.changedFields(), v.description(), v.allowPrivateNetwork(), v.active(),
                v.secrets(), secret, v.createdAt(), v.createdBy(), v.version());
    }

    private static List<String> split(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
    }

    private static String array(List<String> values) {
        return "{" + String.join(",", values.stream().map(v -> "\"" + v + "\"").toList()) + "}";
    }

}
