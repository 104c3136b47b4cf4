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

    /**
     * The view for a role that analyses customers but needs no way to reach them: e-mail addresses keep
     * their first character and domain, phones their country code and last four digits, addresses their
     * city, region and country.
     */
    public CustomerView withContactsMasked() {
        List<Email> maskedEmails = emails.stream().map(e -> new Email(maskEmail(e.address()), e.label(), e.primary())).toList();
        List<Phone> maskedPhones = phones.stream().map(p -> new Phone(maskPhone(p.number()), p.label(), p.primary(), p.valid())).toList();
        List<PostalAddress> maskedAddresses = addresses.stream().map(a -> new PostalAddress(a.label(), a.line1() == null ? null : "***",
                a.line2() == null ? null : "***", a.city(), a.region(), a.postalCode() == null ? null : "***", a.country(), a.primary()))
                .toList();
        return new CustomerView(id, version, kind, displayName, givenName, familyName, companyName, industry, companySize,
                companyId, maskedEmails, maskedPhones, maskedAddresses, birthday, gender, language, timeZone, occupation, preferences, tags,
                customAttributes, ownerId, acquisitionSource, externalIds, consents, tier, tierPinned, lifecycleStage,
                membershipLevel, sourceUpdatedAt, createdAt, updatedAt, warnings);
    }

    private static String maskEmail(String address) {
        int at = address.indexOf('@');
        return at <= 0 ? "***" : address.charAt(0) + "***" + address.substring(at);
    }

    private static String maskPhone(String number) {
        if (number.length() <= 6) {
            return "***";
        }
        int keep = number.startsWith("+") ? (number.startsWith("+1") ? 2 : 3) : 0;
        return number.substring(0, keep) + "*".repeat(number.length() - keep - 4) + number.substring(number.length() - 4);
    }

    public CustomerView withWarnings(List<Warning> more) {
        return new CustomerView(id, version, kind, displayName, givenName, familyName, companyName, industry, companySize,
                companyId, emails, phones, addresses, birthday, gender, language, timeZone, occupation, preferences, tags,
                customAttributes, ownerId, acquisitionSource, externalIds, consents, tier, tierPinned, lifecycleStage,
                membershipLevel, sourceUpdatedAt, createdAt, updatedAt, more);
    }
}
