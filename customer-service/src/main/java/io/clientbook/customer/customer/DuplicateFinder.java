package io.clientbook.customer.customer;

import io.clientbook.customer.pii.BlindIndex;
import io.clientbook.platform.security.OwnerVisibility;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.customer.customer.dto.CustomerInput;
import io.clientbook.customer.customer.dto.DuplicateCandidate;
import io.clientbook.customer.customer.dto.DuplicateMatch;
import io.clientbook.customer.customer.dto.Email;
import io.clientbook.customer.customer.dto.ExternalId;
import io.clientbook.customer.customer.dto.Phone;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** Finds existing customers that share a normalised e-mail, phone or external id, or a similar name in a company. */
@ApplicationScoped
public class DuplicateFinder {

    private static final Map<String, Double> BASE_SCORE = Map.of("externalId", 1.0, "email", 0.9, "phone", 0.8);
    private static final Map<String, String> RULE = Map.of("externalId", "same-external-id", "email", "same-email",
            "phone", "same-phone");

    /** This transaction's {@link BatchContacts}, when a batch prefetched them. */
    private static final Object BATCH_CONTACTS = DuplicateFinder.class.getName() + ".batch";
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{5,14}");

    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final OwnerVisibility access;
    private final BlindIndex index;
    private final TransactionSynchronizationRegistry transaction;
    private final ExternalIdRegistry externalIds;

    DuplicateFinder(EntityManager entityManager, ObjectMapper mapper, OwnerVisibility access, BlindIndex index,
            TransactionSynchronizationRegistry transaction, ExternalIdRegistry externalIds) {
        this.transaction = transaction;
        this.externalIds = externalIds;
        this.index = index;
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.access = access;
    }

    /**
     * The oldest live customer with this e-mail address, whoever owns it: where a shop's guest order (no customer
     * account, only an e-mail) belongs.
     */
    public java.util.Optional<UUID> oldestWithEmail(String email) {
        String normalised = ContactNormaliser.email(email);
        if (normalised == null || normalised.isBlank()) {
            return java.util.Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<UUID> ids = entityManager.createNativeQuery("select id from customer where email_digests && string_to_array(:emails, ',')"
                        + " and archived_at is null order by created_at, id limit 1")
                .setParameter("emails", String.join(",", index.lookups(BlindIndex.EMAIL, normalised)))
                .getResultList();
        return ids.stream().findFirst();
    }

    /** A live customer's contacts as duplicate checks compare them. */
    private record Contacts(UUID id, String displayName, Set<String> emailDigests, Set<String> phoneDigests, String ownerId) {
    }

    /**
     * The contacts a batch's rows can collide with, looked up once for the whole batch instead of once per row (that
     * probe was the largest statement a batch sent, a thousand times): the live customers holding any of the digests
     * asked for, plus every customer the transaction wrote since. A row whose e-mails and phones were all asked for
     * is answered from here; any other row asks the database as before.
     */
    private static final class BatchContacts {
        final Set<String> asked = new HashSet<>();
        final Map<UUID, Contacts> customers = new LinkedHashMap<>();
        final Map<String, Set<UUID>> byDigest = new HashMap<>();

        void put(Contacts contacts) {
            Contacts old = customers.put(contacts.id(), contacts);
            if (old != null) {
                old.emailDigests().forEach(d -> byDigest.getOrDefault(d, new HashSet<>()).remove(old.id()));
                old.phoneDigests().forEach(d -> byDigest.getOrDefault(d, new HashSet<>()).remove(old.id()));
            }
            contacts.emailDigests().forEach(d -> byDigest.computeIfAbsent(d, k -> new LinkedHashSet<>()).add(contacts.id()));
            contacts.phoneDigests().forEach(d -> byDigest.computeIfAbsent(d, k -> new LinkedHashSet<>()).add(contacts.id()));
        }
    }

    /**
     * Looks up, in one query, the live customers that share an e-mail or phone with any of these batch items (raw
     * JSON, as sent), so that {@link #candidates} need not ask for each row. Phones are prefetched only when sent in
     * E.164 form; rows with other phones ask the database themselves.
     */
    public void prefetchForBatch(List<JsonNode> items) {
        if (transaction.getTransactionKey() == null) {
            return;
        }
        BatchContacts batch = new BatchContacts();
        Set<String> emails = new HashSet<>();
        Set<String> phones = new HashSet<>();
        for (JsonNode item : items) {
            for (JsonNode email : item.path("emails")) {
                JsonNode address = email.path("address");
                if (address.isTextual()) {
                    String normal = ContactNormaliser.email(address.textValue());
                    if (normal != null && !normal.isBlank()) {
                        emails.addAll(index.lookups(BlindIndex.EMAIL, normal));
                    }
                }
            }
            for (JsonNode phone : item.path("phones")) {
                JsonNode number = phone.path("number");
                if (number.isTextual() && E164.matcher(number.textValue().strip()).matches()) {
                    phones.addAll(index.lookups(BlindIndex.PHONE, number.textValue().strip()));
                }
            }
        }
        batch.asked.addAll(emails);
        batch.asked.addAll(phones);
        if (!emails.isEmpty() || !phones.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                            select c.id, c.display_name, array_to_string(c.email_digests, ','), array_to_string(c.phone_digests, ','),
                                   c.owner_id
                              from customer c
                             where c.archived_at is null and c.id in (
                                   select id from customer where email_digests && cast(:emails as text[])
                                   union select id from customer where phone_digests && cast(:phones as text[]))""")
                    .setParameter("emails", emails.toArray(String[]::new))
                    .setParameter("phones", phones.toArray(String[]::new))
                    .getResultList();
            for (Object[] row : rows) {
                batch.put(new Contacts((UUID) row[0], (String) row[1], digests((String) row[2]), digests((String) row[3]),
                        (String) row[4]));
            }
        }
        transaction.putResource(BATCH_CONTACTS, batch);
    }

    /** Tells a batch's prefetched contacts what the transaction has just written to a live customer. */
    void written(Customer customer) {
        if (transaction.getTransactionKey() != null && transaction.getResource(BATCH_CONTACTS) instanceof BatchContacts batch) {
            batch.put(new Contacts(customer.id, customer.displayName, new HashSet<>(customer.emailDigests),
                    new HashSet<>(customer.phoneDigests), customer.ownerId));
        }
    }

    private static Set<String> digests(String joined) {
        return joined == null || joined.isEmpty() ? Set.of() : new HashSet<>(List.of(joined.split(",")));
    }

    /** The candidates of a batch row from the prefetched contacts, or null when the row must ask the database. */
    private List<DuplicateCandidate> fromBatch(CustomerInput input, UUID self, Set<String> emailDigests, Set<String> phoneDigests) {
        if (transaction.getTransactionKey() == null || !(transaction.getResource(BATCH_CONTACTS) instanceof BatchContacts batch)
                || !batch.asked.containsAll(emailDigests) || !batch.asked.containsAll(phoneDigests)) {
            return null;
        }
        for (ExternalId id : input.externalIdsOrEmpty()) {
            if (externalIds.owner(id.source(), id.externalId()).filter(owner -> !owner.equals(self)).isPresent()) {
                return null; // taken: the row is refused anyway; the database names the other customer
            }
        }
        return matchesIn(batch, self, emailDigests, phoneDigests);
    }

    private List<DuplicateCandidate> matchesIn(BatchContacts batch, UUID self, Set<String> emailDigests, Set<String> phoneDigests) {
        Set<UUID> matched = new LinkedHashSet<>();
        emailDigests.forEach(d -> matched.addAll(batch.byDigest.getOrDefault(d, Set.of())));
        phoneDigests.forEach(d -> matched.addAll(batch.byDigest.getOrDefault(d, Set.of())));
        matched.remove(self);
        var owner = access.onlyOwnedBy();
        List<DuplicateCandidate> candidates = new ArrayList<>();
        for (UUID id : matched) {
            Contacts them = batch.customers.get(id);
            if (owner.isPresent() && !owner.get().equals(them.ownerId())) {
                continue;
            }
            List<String> on = new ArrayList<>();
            if (them.emailDigests().stream().anyMatch(emailDigests::contains)) {
                on.add("email");
            }
            if (them.phoneDigests().stream().anyMatch(phoneDigests::contains)) {
                on.add("phone");
            }
            candidates.add(new DuplicateCandidate(id, them.displayName(), on));
            if (candidates.size() == 20) {
                break;
            }
        }
        return candidates;
    }

    /** Candidates for an already normalised input, excluding {@code self}. */
    public List<DuplicateCandidate> candidates(CustomerInput input, UUID self) {
        // One indexed probe per kind of contact, united: an OR across them would defeat the indexes.
        // E-mails and phones are sealed; their blind-index digests are what can be compared.
        List<String> probes = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        Set<String> emailDigests = new HashSet<>();
        for (Email email : input.emailsOrEmpty()) {
            emailDigests.addAll(index.lookups(BlindIndex.EMAIL, email.address()));
        }
        Set<String> phoneDigests = new HashSet<>();
        for (Phone phone : input.phonesOrEmpty()) {
            if (Boolean.TRUE.equals(phone.valid())) {
                phoneDigests.addAll(index.lookups(BlindIndex.PHONE, phone.number()));
            }
        }
        if (!emailDigests.isEmpty()) {
            probes.add("select id from customer where email_digests && string_to_array(:emails, ',')");
            params.put("emails", String.join(",", emailDigests));
        }
        List<DuplicateCandidate> prefetched = fromBatch(input, self, emailDigests, phoneDigests);
        if (prefetched != null) {
            return prefetched;
        }
        if (!phoneDigests.isEmpty()) {
            probes.add("select id from customer where phone_digests && string_to_array(:phones, ',')");
            params.put("phones", String.join(",", phoneDigests));
        }
        int i = 0;
        for (ExternalId id : input.externalIdsOrEmpty()) {
            probes.add("select customer_id from customer_external_id where source = :p" + i + " and external_id = :p" + (i + 1));
            params.put("p" + i++, id.source());
            params.put("p" + i++, id.externalId());
        }
        if (probes.isEmpty()) {
            return List.of();
        }
        // only the columns the answer needs, as plain rows: mapping whole entities here costs more than the query
        // a caller who sees only its own customers learns nothing of the others
        var owner = access.onlyOwnedBy();
        var query = entityManager.createNativeQuery("select c.id, c.display_name, array_to_string(c.email_digests, ','), "
                + "array_to_string(c.phone_digests, ','), c.external_ids::text from customer c where c.archived_at is null and c.id in ("
                + String.join(" union ", probes) + ")" + (owner.isPresent() ? " and c.owner_id = :owner" : "") + " limit 20");
        params.forEach(query::setParameter);
        owner.ifPresent(o -> query.setParameter("owner", o));
        @SuppressWarnings("unchecked")
        List<Object[]> found = query.getResultList();
        List<DuplicateCandidate> candidates = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (Object[] row : found) {
            UUID id = (UUID) row[0];
            if (!id.equals(self) && seen.add(id)) {
                candidates.add(new DuplicateCandidate(id, (String) row[1], matchedOn(input, emailDigests, phoneDigests,
                        List.of(((String) row[2]).split(",")), List.of(((String) row[3]).split(",")), (String) row[4])));
            }
        }
        // in a batch, rows written earlier in it are not flushed yet: the query cannot see them, the batch's memory can
        if (transaction.getTransactionKey() != null && transaction.getResource(BATCH_CONTACTS) instanceof BatchContacts batch) {
            for (DuplicateCandidate candidate : matchesIn(batch, self, emailDigests, phoneDigests)) {
                if (seen.add(candidate.id()) && candidates.size() < 20) {
                    candidates.add(candidate);
                }
            }
        }
        return candidates;
    }

    /**
     * Every likely duplicate of a stored customer, most likely first: the same normalised e-mail, phone or
     * external id, or a similar name in the same company.
     */
    public List<DuplicateMatch> of(CustomerInput customer, UUID self, UUID companyId, String searchText) {
        Map<UUID, DuplicateMatch> matches = new LinkedHashMap<>();
        for (DuplicateCandidate candidate : candidates(customer, self)) {
            List<String> fields = candidate.matchedOn();
            String strongest = fields.contains("externalId") ? "externalId" : fields.contains("email") ? "email" : "phone";
            // the strongest field sets the score; each further matching field halves the distance to 1
            double score = BASE_SCORE.get(strongest);
            for (int i = 1; i < fields.size(); i++) {
                score += (1 - score) / 2;
            }
            matches.put(candidate.id(), new DuplicateMatch(candidate.id(), candidate.displayName(), RULE.get(strongest), fields,
                    Math.round(score * 1000) / 1000.0));
        }
        if (companyId != null && !searchText.isBlank()) {
            var owner = access.onlyOwnedBy();
            var query = entityManager.createNativeQuery("""
                            select id, display_name, similarity(search_text, :text) from customer
                             where company_id = :company and archived_at is null and id <> :self
                               and similarity(search_text, :text) >= 0.6 and (cast(:owner as text) is null or owner_id = :owner)
                             order by 3 desc limit 20""")
                    .setParameter("company", companyId)
                    .setParameter("self", self)
                    .setParameter("text", searchText)
                    .setParameter("owner", owner.orElse(null));
            @SuppressWarnings("unchecked")
            List<Object[]> similar = query.getResultList();
            for (Object[] row : similar) {
                UUID id = (UUID) row[0];
                double similarity = ((Number) row[2]).doubleValue();
                DuplicateMatch contact = matches.get(id);
                if (contact == null) {
                    matches.put(id, new DuplicateMatch(id, (String) row[1], "similar-name-in-company", List.of("name"),
                            Math.round(similarity * 0.7 * 1000) / 1000.0));
                } else {
                    List<String> fields = new ArrayList<>(contact.matchedFields());
                    fields.add("name");
                    matches.put(id, new DuplicateMatch(id, contact.displayName(), contact.rule(), fields,
                            Math.round((contact.score() + (1 - contact.score()) / 2) * 1000) / 1000.0));
                }
            }
        }
        return matches.values().stream()
                .sorted(java.util.Comparator.comparingDouble(DuplicateMatch::score).reversed().thenComparing(m -> m.id().toString()))
                .toList();
    }

    /** Persons in the same company whose names are close to this one. */
    public List<UUID> similarNamesInCompany(UUID companyId, String searchText, UUID self) {
        if (companyId == null || searchText.isBlank()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<UUID> ids = entityManager.createNativeQuery("""
                        select id from customer where company_id = :company and archived_at is null and id <> :self
                           and similarity(search_text, :text) >= 0.6 and (cast(:owner as text) is null or owner_id = :owner) limit 5""")
                .setParameter("company", companyId)
                .setParameter("self", self)
                .setParameter("text", searchText)
                .setParameter("owner", access.onlyOwnedBy().orElse(null))
                .getResultList();
        return ids;
    }

    private List<String> matchedOn(CustomerInput input, Set<String> emailDigests, Set<String> phoneDigests,
            List<String> theirEmails, List<String> theirPhones, String externalIds) {
        try {
            List<ExternalId> theirIds = mapper.readValue(externalIds, mapper.getTypeFactory().constructCollectionType(List.class, ExternalId.class));
            List<String> matched = new ArrayList<>();
            if (theirEmails.stream().anyMatch(emailDigests::contains)) {
                matched.add("email");
            }
            if (theirPhones.stream().anyMatch(phoneDigests::contains)) {
                matched.add("phone");
            }
            if (input.externalIdsOrEmpty().stream().anyMatch(theirIds::contains)) {
                matched.add("externalId");
            }
            return matched;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored external ids are not readable", e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
