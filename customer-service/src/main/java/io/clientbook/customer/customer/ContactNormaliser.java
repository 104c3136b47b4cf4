package io.clientbook.customer.customer;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.clientbook.customer.customer.dto.Email;
import io.clientbook.customer.customer.dto.Phone;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/** Puts contact details in one form, so that the same address or number always compares equal. */
public final class ContactNormaliser {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private ContactNormaliser() {
    }

    /** E-mail addresses are compared and stored trimmed and in lower case. */
    public static String email(String address) {
        return address == null ? null : address.trim().toLowerCase(Locale.ROOT);
    }

    public static Email email(Email email) {
        return new Email(email(email.address()), blankToNull(email.label()), email.primary());
    }

    /**
     * The number in E.164 ({@code +14155550100}), parsed with {@code defaultRegion} when it has no country
     * code; empty when it is not a valid number.
     */
    public static Optional<String> e164(String number, String defaultRegion) {
        if (number == null || number.isBlank()) {
            return Optional.empty();
        }
        try {
            var parsed = PHONES.parse(number.trim(), defaultRegion);
            return PHONES.isValidNumber(parsed)
                    ? Optional.of(PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** Normalised phone, or the number as given flagged {@code valid: false}. */
    public static Phone phone(Phone phone, String defaultRegion) {
        return e164(phone.number(), defaultRegion)
                .map(n -> new Phone(n, blankToNull(phone.label()), phone.primary(), true))
                .orElseGet(() -> new Phone(phone.number().trim(), blankToNull(phone.label()), phone.primary(), false));
    }

    /** Lower case, accents removed, spaces folded: what name search compares. */
    public static String searchable(String... parts) {
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                if (!text.isEmpty()) {
                    text.append(' ');
                }
                text.append(part);
            }
        }
        return fold(text.toString());
    }

    public static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return decomposed.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}@.+]+", " ").trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
