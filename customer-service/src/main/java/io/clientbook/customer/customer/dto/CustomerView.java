package io.clientbook.customer.customer.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A customer as the API shows it: the writable fields plus id, version, timestamps, tier and stage. */
public record CustomerView(
        UUID id,
        long version,
        CustomerKind kind,
        String displayName,
        String givenName,
        String familyName,
        String companyName,
        String industry,
        String companySize,
        UUID companyId,
        List<Email> emails,
        List<Phone> phones,
        List<PostalAddress> addresses,
        LocalDate birthday,
        String gender,
        String language,
        String timeZone,
        String occupation,
        Preferences preferences,
        List<String> tags,
        Map<String, Object> customAttributes,
        String ownerId,
        String acquisitionSource,
        List<ExternalId> externalIds,
        List<Consent> consents,
        String tier,
        boolean tierPinned,
        LifecycleStage lifecycleStage,
        String membershipLevel,
        Instant sourceUpdatedAt,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Warning> warnings) {

    /** Something the caller may want to look at, which did not stop the write (e.g. a similar name). */
    public record Warning(String code, String message, UUID customerId) {
    }

    public CustomerView withWarnings(List<Warning> more) {
        return new CustomerView(id, version, kind, displayName, givenName, familyName, companyName, industry, companySize,
                companyId, emails, phones, addresses, birthday, gender, language, timeZone, occupation, preferences, tags,
                customAttributes, ownerId, acquisitionSource, externalIds, consents, tier, tierPinned, lifecycleStage,
                membershipLevel, sourceUpdatedAt, createdAt, updatedAt, more);
    }
}
