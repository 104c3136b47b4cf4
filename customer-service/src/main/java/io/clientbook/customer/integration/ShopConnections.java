package io.clientbook.customer.integration;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientbook.customer.customer.Caller;
import io.clientbook.customer.integration.dto.ShopConnectionInput;
import io.clientbook.customer.integration.dto.ShopConnectionPage;
import io.clientbook.customer.integration.dto.ShopConnectionView;
import io.clientbook.customer.integration.dto.ShopPlatform;
import io.clientbook.customer.pii.PiiCipher;
import io.clientbook.platform.problem.ProblemException;
import io.clientbook.platform.web.Preconditions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Shops connected to Clientbook: created, listed, re-keyed and disconnected by admins and integrators. */
@ApplicationScoped
public class ShopConnections {

    /** A host name: labels of letters, digits and hyphens, at least two of them. */
    private static final Pattern HOST = Pattern.compile("(?=.{4,255}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    static final List<String> SHOPIFY_TOPICS = List.of("customers/create", "customers/update", "customers/delete",
            "customers_email_marketing_consent/update", "customers_marketing_consent/update", "orders/create", "orders/updated",
            "orders/paid", "orders/cancelled", "orders/fulfilled", "orders/delete", "refunds/create", "customers/redact",
            "customers/data_request", "shop/redact");
    static final List<String> WOOCOMMERCE_TOPICS = List.of("customer.created", "customer.updated", "customer.deleted",
            "order.created", "order.updated", "order.deleted");

    static final long KEY_CACHE_MILLIS = 5_000;
    private static final int KEY_CACHE_SIZE = 10_000;

    private final EntityManager entityManager;
    private final PiiCipher cipher;
    private final java.util.concurrent.ConcurrentHashMap<String, CachedKey> shopKeys = new java.util.concurrent.ConcurrentHashMap<>();
    private final Validator validator;

    ShopConnections(EntityManager entityManager, PiiCipher cipher, Validator validator) {
        this.entityManager = entityManager;
        this.cipher = cipher;
        this.validator = validator;
    }

    @Transactional
    public ShopConnectionView connect(ShopConnectionInput input, Caller caller, URI base) {
        if (input == null) {
            throw new ProblemException.Invalid("body", "must be a JSON object");
        }
        var violations = validator.validate(input);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        String domain = domain(input.domain());
        if (live(input.platform(), domain).isPresent()) {
            throw new ProblemException.Conflict("A " + input.platform().apiName() + " shop " + domain
                    + " is already connected; disconnect it first, or change its secret with PATCH");
        }
        ShopConnection connection = new ShopConnection(input.platform(), domain,
                cipher.seal(input.webhookSecret(), ShopConnection.SECRET_COLUMN), input.currency(),
                Instant.now().truncatedTo(ChronoUnit.MICROS), caller.subject());
        entityManager.persist(connection);
        entityManager.flush();
        forgetKeys();
        return view(connection, base);
    }

    public ShopConnectionPage list(URI base) {
        return new ShopConnectionPage(entityManager.createQuery(
                        "from ShopConnection c where c.disconnectedAt is null order by c.createdAt, c.id", ShopConnection.class)
                .getResultStream().map(c -> view(c, base)).toList(), null);
    }

    public ShopConnectionView get(UUID id, URI base) {
        return view(find(id), base);
    }

    /** A new secret ({@code webhookSecret}) or currency; the old secret stops working at once. */
    @Transactional
    public ShopConnectionView change(UUID id, JsonNode patch, String ifMatch, URI base) {
        ShopConnection connection = find(id);
        Preconditions.requireMatch(ifMatch, connection.version);
        if (patch == null || !patch.isObject()) {
            throw new ProblemException.Invalid("body", "must be a JSON object");
        }
        var names = patch.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("webhookSecret") && !name.equals("currency")) {
                throw new ProblemException.Invalid(name, "cannot be changed; only webhookSecret and currency can");
            }
        }
        JsonNode secret = patch.get("webhookSecret");
        if (secret != null) {
            if (!secret.isTextual() || secret.textValue().isBlank() || secret.textValue().length() < 8 || secret.textValue().length() > 500) {
                throw new ProblemException.Invalid("webhookSecret", "must be 8 to 500 characters");
            }
            connection.webhookSecret = cipher.seal(secret.textValue(), ShopConnection.SECRET_COLUMN);
        }
        JsonNode currency = patch.get("currency");
        if (currency != null) {
            if (!currency.isNull() && !(currency.isTextual() && currency.textValue().matches("[A-Z]{3}"))) {
                throw new ProblemException.Invalid("currency", "must be an ISO 4217 code such as USD");
            }
            connection.currency = currency.isNull() ? null : currency.textValue();
        }
        entityManager.flush();
        forgetKeys();
        return view(connection, base);
    }

    /** Webhooks from a disconnected shop are refused (401); what it brought stays. */
    @Transactional
    public void disconnect(UUID id, String ifMatch) {
        ShopConnection connection = find(id);
        Preconditions.requireMatch(ifMatch, connection.version);
        connection.disconnectedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        entityManager.flush();
        forgetKeys();
    }

    /** What the webhook intake needs of a live shop: which it is, and its secret (sealed). */
    record ShopKey(UUID id, String platform, String sealedSecret) {
    }

    private record CachedKey(Optional<ShopKey> key, long until) {
    }

    /**
     * The live shop for a webhook, from memory for {@link #KEY_CACHE_MILLIS}: the intake's hot path needs no database.
     * A change made on this instance is seen at once; one made on another instance within that time.
     */
    Optional<ShopKey> liveKey(ShopPlatform platform, String domain) {
        String name = platform.apiName() + ":" + domain;
        long now = System.currentTimeMillis();
        CachedKey cached = shopKeys.get(name);
        if (cached != null && cached.until() > now) {
            return cached.key();
        }
        Optional<ShopKey> key = QuarkusTransaction.joiningExisting().call(() -> live(platform, domain)
                .map(c -> new ShopKey(c.id, c.platform, c.webhookSecret)));
        if (shopKeys.size() >= KEY_CACHE_SIZE) {
            shopKeys.clear(); // unknown domains sent on purpose must not grow the map without bound
        }
        shopKeys.put(name, new CachedKey(key, now + KEY_CACHE_MILLIS));
        return key;
    }

    /** The secret a shop's webhooks are signed with. */
    byte[] secretOf(ShopKey key) {
        return cipher.open(key.sealedSecret(), ShopConnection.SECRET_COLUMN).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A connection changed on this instance: forget what the intake remembers. */
    void forgetKeys() {
        shopKeys.clear();
    }

    /** The live connection of a shop. */
    Optional<ShopConnection> live(ShopPlatform platform, String domain) {
        return entityManager.createQuery("from ShopConnection c where c.platform = :platform and c.domain = :domain"
                        + " and c.disconnectedAt is null", ShopConnection.class)
                .setParameter("platform", platform.apiName()).setParameter("domain", domain)
                .getResultStream().findFirst();
    }

    private ShopConnection find(UUID id) {
        ShopConnection connection = entityManager.find(ShopConnection.class, id);
        if (connection == null || connection.disconnectedAt != null) {
            throw new ProblemException.NotFound("Shop connection", id);
        }
        return connection;
    }

    /** The host of what the caller typed: {@code https://Shop.Example.com/} is {@code shop.example.com}. */
    static String domain(String given) {
        String text = given.strip().toLowerCase(Locale.ROOT);
        if (text.contains("://")) {
            try {
                String host = URI.create(text).getHost();
                text = host == null ? text : host;
            } catch (IllegalArgumentException e) {
                throw new ProblemException.Invalid("domain", "must be a host name such as store-a.myshopify.com");
            }
        }
        if (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        if (!HOST.matcher(text).matches()) {
            throw new ProblemException.Invalid("domain", "must be a host name such as store-a.myshopify.com");
        }
        return text;
    }

    static ShopConnectionView view(ShopConnection c, URI base) {
        ShopPlatform platform = c.platform();
        return new ShopConnectionView(c.id, platform, c.domain, c.source(), c.currency,
                base.resolve("/webhooks/" + platform.apiName()),
                platform == ShopPlatform.SHOPIFY ? SHOPIFY_TOPICS : WOOCOMMERCE_TOPICS, c.createdAt, c.createdBy, c.version);
    }
}
