package io.clientbook.customer.customer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.customer.pii.BlindIndex;
import io.clientbook.customer.pii.PiiCipher;
import io.clientbook.customer.pii.SealedRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The customer table's sealed columns for the re-sealing pass: rows that still hold plaintext from before
 * sealing (the {@code legacy_*} columns) or values or digests under a key that is no longer the active one.
 */
@ApplicationScoped
class ContactResealing implements SealedRows {

    private static final Logger LOG = Logger.getLogger(ContactResealing.class);

    private final EntityManager entityManager;
    private final PiiCipher cipher;
    private final BlindIndex index;
    private final ObjectMapper json;

    ContactResealing(EntityManager entityManager, PiiCipher cipher, BlindIndex index, ObjectMapper json) {
        this.entityManager = entityManager;
        this.cipher = cipher;
        this.index = index;
        this.json = json;
    }

    @Override
    public String table() {
        return "customer";
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Batch resealAfter(String afterId, int size) {
        UUID after = afterId == null ? new UUID(0L, 0L) : UUID.fromString(afterId); // nil: the smallest uuid in PostgreSQL's order
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select id, legacy_emails::text, legacy_phones::text, legacy_addresses::text, legacy_birthday::text,
                               emails_sealed, phones_sealed, addresses_sealed, birthday_sealed
                          from customer
                         where id > :after
                           and (legacy_emails is not null or legacy_phones is not null or legacy_addresses is not null
                                or legacy_birthday is not null
                                or not starts_with(emails_sealed, :prefix) or not starts_with(phones_sealed, :prefix)
                                or not starts_with(addresses_sealed, :prefix) or not starts_with(birthday_sealed, :prefix)
                                or exists (select 1 from unnest(email_digests || phone_digests) d where not starts_with(d, :indexPrefix)))
                         order by id limit :size
                           for update skip locked""")
                .setParameter("after", after)
                .setParameter("prefix", cipher.activePrefix())
                .setParameter("indexPrefix", index.activePrefix())
                .setParameter("size", size)
                .getResultList();
        int resealed = 0;
        int unreadable = 0;
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            try {
                String emails = plain((String) row[1], (String) row[5], SealedColumns.EMAILS, "[]");
                String phones = plain((String) row[2], (String) row[6], SealedColumns.PHONES, "[]");
                String addresses = plain((String) row[3], (String) row[7], SealedColumns.ADDRESSES, "[]");
                String birthday = plain((String) row[4], (String) row[8], SealedColumns.BIRTHDAY, null);
                entityManager.createNativeQuery("""
                                update customer set emails_sealed = :emails, phones_sealed = :phones, addresses_sealed = :addresses,
                                       birthday_sealed = :birthday, email_digests = string_to_array(:emailDigests, ','),
                                       phone_digests = string_to_array(:phoneDigests, ','),
                                       legacy_emails = null, legacy_phones = null, legacy_addresses = null, legacy_birthday = null
                                 where id = :id""")
                        .setParameter("emails", cipher.seal(emails, SealedColumns.EMAILS))
                        .setParameter("phones", cipher.seal(phones, SealedColumns.PHONES))
                        .setParameter("addresses", cipher.seal(addresses, SealedColumns.ADDRESSES))
                        .setParameter("birthday", cipher.seal(birthday, SealedColumns.BIRTHDAY))
                        .setParameter("emailDigests", String.join(",", digests(emails, "address", BlindIndex.EMAIL, false)))
                        .setParameter("phoneDigests", String.join(",", digests(phones, "number", BlindIndex.PHONE, true)))
                        .setParameter("id", id)
                        .executeUpdate();
                resealed++;
            } catch (PiiCipher.Unreadable | JsonProcessingException e) {
                unreadable++;
                LOG.errorf("Customer %s: %s; left as it is", id, e instanceof PiiCipher.Unreadable ? e.getMessage() : "a contact list is not JSON");
            }
        }
        return new Batch(resealed, unreadable, rows.isEmpty() ? null : rows.getLast()[0].toString());
    }


    /** The plaintext of a column: the legacy plaintext if the row still has it, else the sealed value opened. */
    private String plain(String legacy, String sealed, String column, String empty) {
        if (legacy != null) {
            return legacy;
        }
        return sealed == null ? empty : cipher.open(sealed, column);
    }

    private List<String> digests(String list, String field, String kind, boolean onlyValid) throws JsonProcessingException {
        Set<String> digests = new LinkedHashSet<>();
        for (JsonNode contact : json.readTree(list)) {
            if (contact.hasNonNull(field) && (!onlyValid || contact.path("valid").asBoolean(false))) {
                digests.add(index.digest(kind, contact.get(field).asText()));
            }
        }
        return new ArrayList<>(digests);
    }

}
