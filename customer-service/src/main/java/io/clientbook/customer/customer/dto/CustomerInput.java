package io.clientbook.customer.customer.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The writable fields of a customer: the body of {@code POST /customers}, the result a merge patch or an
 * upsert must produce. Only {@code displayName} is required. Unknown and read-only fields are refused.
 */
@Schema(name = "CustomerInput", description = "A customer as written by clients; only displayName is required.")
public record CustomerInput(
        CustomerKind kind,
        @NotBlank @Size(max = 200) String displayName,
        @Size(max = 100) String givenName,
        @Size(max = 100) String familyName,
        @Size(max = 200) String companyName,
        @Size(max = 100) String industry,
        @Size(max = 20) String companySize,
        @Schema(description = "The company customer this person belongs to") UUID companyId,
        @Size(max = 20) List<@NotNull @Valid Email> emails,
        @Size(max = 20) List<@NotNull @Valid Phone> phones,
        @Size(max = 10) List<@NotNull @Valid PostalAddress> addresses,
        LocalDate birthday,
        @Size(max = 30) String gender,
        @Size(max = 35) @Pattern(regexp = "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", message = "must be a language tag such as en or pt-BR") String language,
        @Size(max = 60) String timeZone,
        @Size(max = 100) String occupation,
        @Valid Preferences preferences,
        @Size(max = 50) List<@NotBlank @Size(max = 50) String> tags,
        @Size(max = 50) @Schema(description = "Typed custom attributes: names like loyaltyCard, values strings, numbers or booleans")
        Map<@Pattern(regexp = "[A-Za-z][A-Za-z0-9_]{0,63}", message = "must be a name like loyaltyCard") String, Object> customAttributes,
        @Size(max = 100) String ownerId,
        @Size(max = 100) String acquisitionSource,
        @Size(max = 20) List<@NotNull @Valid ExternalId> externalIds,
        @Size(max = 20) List<@NotNull @Valid Consent> consents,
        @Size(max = 30) @Pattern(regexp = "[a-z0-9-]+", message = "must be a tier name such as vip") String tier,
        LifecycleStage lifecycleStage,
        @Size(max = 50) String membershipLevel,
        @Schema(description = "When the source system last changed this record; older data never overwrites newer")
        Instant sourceUpdatedAt) {

    /** The writable fields by their API names, in API order: what changes, history and merges compare. */
    public static final List<String> FIELDS = java.util.Arrays.stream(CustomerInput.class.getRecordComponents())
            .map(java.lang.reflect.RecordComponent::getName).toList();

    public List<Email> emailsOrEmpty() {
        return emails == null ? List.of() : emails;
    }

    public List<Phone> phonesOrEmpty() {
        return phones == null ? List.of() : phones;
    }

    public List<ExternalId> externalIdsOrEmpty() {
        return externalIds == null ? List.of() : externalIds;
    }

    /** The same input with another owner (plain copies: a JSON round trip per row costs bulk writes dearly). */
    public CustomerInput withOwnerId(String owner) {
        return new CustomerInput(kind, displayName, givenName, familyName, companyName, industry, companySize, companyId,
                emails, phones, addresses, birthday, gender, language, timeZone, occupation, preferences, tags,
                customAttributes, owner, acquisitionSource, externalIds, consents, tier, lifecycleStage, membershipLevel,
                sourceUpdatedAt);
    }

    /** The same input with its contact lists, tags and external ids replaced. */
    public CustomerInput withContacts(List<Email> newEmails, List<Phone> newPhones, List<String> newTags, List<ExternalId> newExternalIds) {
        return new CustomerInput(kind, displayName, givenName, familyName, companyName, industry, companySize, companyId,
                newEmails, newPhones, addresses, birthday, gender, language, timeZone, occupation, preferences, newTags,
                customAttributes, ownerId, acquisitionSource, newExternalIds, consents, tier, lifecycleStage, membershipLevel,
                sourceUpdatedAt);
    }
}
