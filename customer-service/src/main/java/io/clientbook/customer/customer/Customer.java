package io.clientbook.customer.customer;

import io.clientbook.customer.customer.dto.Consent;
import io.clientbook.customer.customer.dto.CustomerKind;
import io.clientbook.customer.customer.dto.Email;
import io.clientbook.customer.customer.dto.ExternalId;
import io.clientbook.customer.customer.dto.LifecycleStage;
import io.clientbook.customer.customer.dto.Phone;
import io.clientbook.customer.customer.dto.PostalAddress;
import io.clientbook.customer.customer.dto.Preferences;
import io.clientbook.platform.web.ApiEnumConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.descriptor.java.Immutability;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A customer record. E-mails, phones, addresses and birthday are sealed (encrypted) at rest; preferences,
 * attributes and consents are jsonb documents in the shape the API uses; the external ids are also kept in {@code customer_external_id}, which makes them unique.
 * The documents are values: they are only ever replaced whole, never changed in place, so Hibernate need
 * not deep-copy them to notice changes ({@code Immutability}), which would cost a JSON round trip each.
 * Never leaves customer-service: resources answer with {@code CustomerView}.
 */
@Entity
@Table(name = "customer")
public class Customer {

    @Id
    UUID id;
    @Convert(converter = KindConverter.class)
    CustomerKind kind = CustomerKind.PERSON;
    @Column(name = "display_name", nullable = false)
    String displayName;
    @Column(name = "given_name")
    String givenName;
    @Column(name = "family_name")
    String familyName;
    @Column(name = "company_name")
    String companyName;
    String industry;
    @Column(name = "company_size")
    String companySize;
    @Column(name = "company_id")
    UUID companyId;
    // Personal data sealed at rest (AES-GCM, see SealedColumns); e-mails and phones are found by their digests
    @Convert(converter = SealedColumns.Emails.class)
    @Mutability(Immutability.class)
    @Column(name = "emails_sealed")
    List<Email> emails = new ArrayList<>();
    @Convert(converter = SealedColumns.Phones.class)
    @Mutability(Immutability.class)
    @Column(name = "phones_sealed")
    List<Phone> phones = new ArrayList<>();
    @Convert(converter = SealedColumns.Addresses.class)
    @Mutability(Immutability.class)
    @Column(name = "addresses_sealed")
    List<PostalAddress> addresses = new ArrayList<>();
    @Convert(converter = SealedColumns.Birthday.class)
    @Mutability(Immutability.class)
    @Column(name = "birthday_sealed")
    LocalDate birthday;
    /** Blind-index digests of the normalised e-mails and valid phones ({@code BlindIndex}), kept with them. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Mutability(Immutability.class)
    @Column(name = "email_digests")
    List<String> emailDigests = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Mutability(Immutability.class)
    @Column(name = "phone_digests")
    List<String> phoneDigests = new ArrayList<>();
    String gender;
    String language;
    @Column(name = "time_zone")
    String timeZone;
    String occupation;
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    Preferences preferences;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Mutability(Immutability.class)
    List<String> tags = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    @Column(name = "custom_attributes")
    Map<String, Object> customAttributes = new LinkedHashMap<>();
    @Column(name = "owner_id")
    String ownerId;
    @Column(name = "acquisition_source")
    String acquisitionSource;
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    @Column(name = "external_ids")
    List<ExternalId> externalIds = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    List<Consent> consents = new ArrayList<>();
    String tier;
    @Column(name = "tier_pinned")
    boolean tierPinned;
    @Convert(converter = StageConverter.class)
    @Column(name = "lifecycle_stage")
    LifecycleStage lifecycleStage;
    @Column(name = "membership_level")
    String membershipLevel;
    @Column(name = "source_updated_at")
    Instant sourceUpdatedAt;
    @Column(name = "archived_at")
    Instant archivedAt;
    /** The customer this one was merged into (it is archived meanwhile); null otherwise. */
    @Column(name = "merged_into")
    UUID mergedInto;
    /** When the person's data was erased; the record stays, anonymised and archived, for its orders. */
    @Column(name = "erased_at")
    Instant erasedAt;
    @Column(name = "search_text", nullable = false)
    String searchText = "";
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
    @Version
    long version;

    protected Customer() {
    }

    static Customer newCustomer(Instant now) {
        Customer customer = new Customer();
        customer.id = UUID.randomUUID();
        customer.createdAt = now;
        customer.updatedAt = now;
        return customer;
    }

    public UUID id() {
        return id;
    }

    public long version() {
        return version;
    }

    public boolean archived() {
        return archivedAt != null;
    }

    @Override
    public String toString() {
        return "Customer[id=" + id + "]"; // no personal data in logs
    }

    @Converter
    static class KindConverter extends ApiEnumConverter<CustomerKind> {
        KindConverter() {
            super(CustomerKind.class);
        }
    }

    @Converter
    static class StageConverter extends ApiEnumConverter<LifecycleStage> {
        StageConverter() {
            super(LifecycleStage.class);
        }
    }
}
