package io.clientbook.customer.customer;

import io.clientbook.customer.pii.BlindIndex;
import io.clientbook.platform.security.OwnerVisibility;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.customer.customer.dto.CustomerPage;
import io.clientbook.customer.customer.dto.CustomerQuery;
import io.clientbook.customer.customer.dto.LifecycleStage;
import io.clientbook.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /customers}: one SQL query over indexed columns (trigram index on names, GIN on contacts, tags and
 * attributes, B-trees on each sort order with the id as tie-breaker), keyset-paged with an opaque cursor.
 */
@ApplicationScoped
public class CustomerSearch {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private enum SortKey {
        DISPLAY_NAME("displayName", "display_name"), CREATED_AT("createdAt", "created_at"), UPDATED_AT("updatedAt", "updated_at");

        final String api;
        final String column;

        SortKey(String api, String column) {
            this.api = api;
            this.column = column;
        }
    }

    private record Cursor(String sort, String value, UUID id) {
    }

    private final EntityManager entityManager;
    private final CustomerMapper mapper;
    private final CustomerConfig config;
    private final ObjectMapper json;
    private final BlindIndex index;

    CustomerSearch(EntityManager entityManager, CustomerMapper mapper, CustomerConfig config, ObjectMapper json, OwnerVisibility access,
            BlindIndex index) {
        this.index = index;
        this.access = access;
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.config = config;
        this.json = json;
    }

    private final OwnerVisibility access;

    @Transactional
    public CustomerPage search(CustomerQuery query) {
        int limit = query.limit() == null ? DEFAULT_LIMIT : query.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ProblemException.Invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        String sortText = query.sort() == null || query.sort().isBlank() ? "displayName" : query.sort().trim();
        boolean descending = sortText.startsWith("-");
        String sortName = descending ? sortText.substring(1) : sortText;
        SortKey sort = java.util.Arrays.stream(SortKey.values()).filter(k -> k.api.equals(sortName)).findFirst()
                .orElseThrow(() -> new ProblemException.Invalid("sort", "must be displayName, createdAt or updatedAt, optionally with a leading -"));

        if (access.masksContacts() && (query.email() != null || query.phone() != null)) {
            throw new ProblemException.Invalid(query.email() != null ? "email" : "phone", "your role may not search by contact details");
        }
        List<String> where = new ArrayList<>(List.of("c.archived_at is null"));
        Map<String, Object> params = new LinkedHashMap<>();
        if (query.q() != null && !query.q().isBlank()) {
            addTextMatch(query.q().trim(), where, params);
        }
        if (query.email() != null) {
            where.add("c.email_digests && string_to_array(:email, ',')");
            params.put("email", String.join(",", index.lookups(BlindIndex.EMAIL, ContactNormaliser.email(query.email()))));
        }
        if (query.phone() != null) {
            String e164 = ContactNormaliser.e164(query.phone(), config.defaultPhoneRegion())
                    .orElseThrow(() -> new ProblemException.Invalid("phone", "is not a valid phone number"));
            where.add("c.phone_digests && string_to_array(:phone, ',')");
            params.put("phone", String.join(",", index.lookups(BlindIndex.PHONE, e164)));
        }
        if (query.tag() != null) {
            where.add("c.tags @> array[cast(:tag as text)]");
            params.put("tag", query.tag().strip());
        }
        if (query.tier() != null) {
            where.add("c.tier = :tier");
            params.put("tier", query.tier().toLowerCase(java.util.Locale.ROOT));
        }
        if (query.lifecycleStage() != null) {
            LifecycleStage stage;
            try {
                stage = LifecycleStage.parse(query.lifecycleStage());
            } catch (IllegalArgumentException e) {
                throw new ProblemException.Invalid("lifecycleStage", e.getMessage());
            }
            where.add("c.lifecycle_stage = :stage");
            params.put("stage", stage.apiName());
        }
        if (query.ownerId() != null) {
            where.add("c.owner_id = :owner");
            params.put("owner", query.ownerId());
        }
        access.onlyOwnedBy().ifPresent(owner -> {
            where.add("c.owner_id = :visibleTo");
            params.put("visibleTo", owner);
        });
        if (query.source() != null) {
            where.add("exists (select 1 from customer_external_id x where x.customer_id = c.id and x.source = :source)");
            params.put("source", query.source());
        }
        range("c.created_at >", "createdAfter", query.createdAfter(), where, params);
        range("c.created_at <", "createdBefore", query.createdBefore(), where, params);
        range("c.updated_at >", "updatedAfter", query.updatedAfter(), where, params);
        int a = 0;
        for (var attribute : (query.attributes() == null ? Map.<String, String>of() : query.attributes()).entrySet()) {
            where.add("(c.custom_attributes @> cast(:attrTyped" + a + " as jsonb) or c.custom_attributes @> cast(:attrText" + a + " as jsonb))");
            params.put("attrTyped" + a, jsonOf(Map.of(attribute.getKey(), typed(attribute.getValue()))));
            params.put("attrText" + a, jsonOf(Map.of(attribute.getKey(), attribute.getValue())));
            a++;
        }
        if (query.cursor() != null && !query.cursor().isBlank()) {
            Cursor after = decode(query.cursor());
            if (!after.sort().equals(sort.api)) {
                throw new ProblemException.Invalid("cursor", "belongs to another sort order");
            }
            String op = descending ? "<" : ">";
            where.add("(c." + sort.column + ", c.id) " + op + " (" + (sort == SortKey.DISPLAY_NAME ? ":cursorValue" : "cast(:cursorValue as timestamptz)") + ", :cursorId)");
            params.put("cursorValue", after.value());
            params.put("cursorId", after.id());
        }
        String direction = descending ? " desc" : "";
        String sql = "select c.* from customer c where " + String.join(" and ", where)
                + " order by c." + sort.column + direction + ", c.id" + direction + " limit " + (limit + 1);
        if (params.containsKey("q")) {
            entityManager.createNativeQuery("select set_config('pg_trgm.word_similarity_threshold', :t, true)")
                    .setParameter("t", Double.toString(config.searchSimilarity())).getSingleResult();
        }
        var nativeQuery = entityManager.createNativeQuery(sql, Customer.class);
        params.forEach(nativeQuery::setParameter);
        @SuppressWarnings("unchecked")
        List<Customer> rows = nativeQuery.getResultList();
        boolean more = rows.size() > limit;
        List<Customer> page = more ? rows.subList(0, limit) : rows;
        String next = more ? encode(page.getLast(), sort) : null;
        return new CustomerPage(page.stream().map(mapper::toView).toList(), next);
    }

    /** Names and company: word prefix or close enough; e-mails and phones: exact after normalisation. */
    private void addTextMatch(String q, List<String> where, Map<String, Object> params) {
        String folded = ContactNormaliser.fold(q);
        List<String> any = new ArrayList<>();
        if (!folded.isEmpty()) {
            String escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            any.add("c.search_text like :qPrefix");
            any.add("c.search_text like :qWordPrefix");
            params.put("qPrefix", escaped + "%");
            params.put("qWordPrefix", "% " + escaped + "%");
            if (folded.length() >= 3) {
                any.add(":q <% c.search_text");
                params.put("q", folded);
            }
        }
        // a role that sees contacts masked must not learn them by searching for them either
        boolean contacts = !access.masksContacts();
        if (contacts && q.contains("@")) {
            any.add("c.email_digests && string_to_array(:qEmail, ',')");
            params.put("qEmail", String.join(",", index.lookups(BlindIndex.EMAIL, ContactNormaliser.email(q))));
        }
        if (contacts) {
            ContactNormaliser.e164(q, config.defaultPhoneRegion()).ifPresent(e164 -> {
                any.add("c.phone_digests && string_to_array(:qPhone, ',')");
                params.put("qPhone", String.join(",", index.lookups(BlindIndex.PHONE, e164)));
            });
        }
        if (any.isEmpty()) {
            throw new ProblemException.Invalid("q", "must contain letters, digits, an e-mail address or a phone number");
        }
        where.add("(" + String.join(" or ", any) + ")");
    }

    private static void range(String condition, String name, Instant value, List<String> where, Map<String, Object> params) {
        if (value != null) {
            where.add(condition + " :" + name);
            params.put(name, value.atOffset(ZoneOffset.UTC));
        }
    }

    private static Object typed(String value) {
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.parseBoolean(value);
        }
        try {
            return new java.math.BigDecimal(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private String jsonOf(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Customer last, SortKey sort) {
        String value = switch (sort) {
            case DISPLAY_NAME -> last.displayName;
            case CREATED_AT -> last.createdAt.toString();
            case UPDATED_AT -> last.updatedAt.toString();
        };
        String raw = sort.api + "\n" + value + "\n" + last.id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Cursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 3);
            return new Cursor(parts[0], parts[1], UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw new ProblemException.Invalid("cursor", "is not a cursor this API returned");
        }
    }
}
