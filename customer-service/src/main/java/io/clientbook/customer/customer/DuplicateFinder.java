package io.clientbook.customer.customer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.customer.customer.dto.CustomerInput;
import io.clientbook.customer.customer.dto.DuplicateCandidate;
import io.clientbook.customer.customer.dto.Email;
import io.clientbook.customer.customer.dto.ExternalId;
import io.clientbook.customer.customer.dto.Phone;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Finds existing customers that share a normalised e-mail, phone or external id, or a similar name in a company. */
@ApplicationScoped
public class DuplicateFinder {

    private final EntityManager entityManager;
    private final ObjectMapper mapper;

    DuplicateFinder(EntityManager entityManager, ObjectMapper mapper) {
        this.entityManager = entityManager;
        this.mapper = mapper;
    }

    /** Candidates for an already normalised input, excluding {@code self}. */
    public List<DuplicateCandidate> candidates(CustomerInput input, UUID self) {
        // One indexed probe per contact, united: an OR across them would defeat the indexes.
        List<String> probes = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        int i = 0;
        for (Email email : input.emailsOrEmpty()) {
            probes.add("select id from customer where emails @> cast(:p" + i + " as jsonb)");
            params.put("p" + i++, json(List.of(Map.of("address", email.address()))));
        }
        for (Phone phone : input.phonesOrEmpty()) {
            if (Boolean.TRUE.equals(phone.valid())) {
                probes.add("select id from customer where phones @> cast(:p" + i + " as jsonb)");
                params.put("p" + i++, json(List.of(Map.of("number", phone.number()))));
            }
        }
        for (ExternalId id : input.externalIdsOrEmpty()) {
            probes.add("select customer_id from customer_external_id where source = :p" + i + " and external_id = :p" + (i + 1));
            params.put("p" + i++, id.source());
            params.put("p" + i++, id.externalId());
        }
        if (probes.isEmpty()) {
            return List.of();
        }
        var query = entityManager.createNativeQuery("select * from customer c where c.archived_at is null and c.id in ("
                + String.join(" union ", probes) + ") limit 20", Customer.class);
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Customer> found = query.getResultList();
        return found.stream()
                .filter(c -> !c.id.equals(self))
                .map(c -> new DuplicateCandidate(c.id, c.displayName, matchedOn(input, c)))
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
                           and similarity(search_text, :text) >= 0.6 limit 5""")
                .setParameter("company", companyId)
                .setParameter("self", self)
                .setParameter("text", searchText)
                .getResultList();
        return ids;
    }

    private static List<String> matchedOn(CustomerInput input, Customer existing) {
        List<String> matched = new ArrayList<>();
        if (input.emailsOrEmpty().stream().anyMatch(e -> existing.emails.stream().anyMatch(x -> x.address().equals(e.address())))) {
            matched.add("email");
        }
        if (input.phonesOrEmpty().stream().anyMatch(p -> existing.phones.stream().anyMatch(x -> Objects.equals(x.number(), p.number())))) {
            matched.add("phone");
        }
        if (input.externalIdsOrEmpty().stream().anyMatch(existing.externalIds::contains)) {
            matched.add("externalId");
        }
        return matched;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
