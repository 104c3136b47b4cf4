package io.clientbook.customer.integration;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientbook.customer.customer.dto.PostalAddress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/** Reading shop payload fields leniently where a field is optional and strictly where the record needs it. */
final class Payloads {

    private Payloads() {
    }

    /** An object id, as Shopify (a number) or WooCommerce (a number) sends it, as text. */
    static String id(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value != null && value.isIntegralNumber() && value.asLong() > 0) {
            return value.asText();
        }
        if (value != null && value.isTextual() && !value.textValue().isBlank() && value.textValue().length() <= 200) {
            return value.textValue().strip();
        }
        throw new MalformedPayload(field + " is missing or not an id");
    }

    /** Non-blank text, stripped; null otherwise. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            return null;
        }
        return value.textValue().strip();
    }

    /** A date-time with an offset (Shopify's {@code 2021-12-31T19:00:00-05:00}); a value that is not one is malformed. */
    static Instant instantOr(JsonNode node, String field, Instant otherwise) {
        String text = text(node, field);
        if (text == null) {
            return otherwise;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedPayload(field + " is not a date-time with an offset");
        }
    }

    /** A date-time in UTC without an offset (WooCommerce's {@code *_gmt} fields). */
    static Instant utcOr(JsonNode node, String field, Instant otherwise) {
        String text = text(node, field);
        if (text == null) {
            return otherwise;
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw new MalformedPayload(field + " is not a date-time");
            }
        }
    }

    /** A non-negative decimal (text or number) as a plain string of at most 4 decimals; null when absent or not one. */
    static String decimal(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || !(value.isNumber() || value.isTextual())) {
            return null;
        }
        try {
            BigDecimal number = value.isNumber() ? value.decimalValue() : new BigDecimal(value.textValue().strip());
            if (number.signum() < 0 || number.precision() - number.scale() > 15) {
                return null;
            }
            if (number.scale() > 4) {
                number = number.setScale(4, RoundingMode.HALF_UP);
            }
            return number.scale() < 0 ? number.setScale(0).toPlainString() : number.toPlainString();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** {@link #decimal} for a field the record needs: absent or not a non-negative amount is malformed. */
    static String requiredDecimal(JsonNode node, String field) {
        String value = decimal(node, field);
        if (value == null) {
            throw new MalformedPayload(field + " is missing or not a non-negative amount");
        }
        return value;
    }

    /** An ISO 3166-1 alpha-2 code, upper case; anything else (a country's name) is dropped. */
    static String country(String given) {
        if (given == null) {
            return null;
        }
        String code = given.strip().toUpperCase(Locale.ROOT);
        return code.matches("[A-Z]{2}") ? code : null;
    }

    /** The same place: street, postal code and country alike, case aside. */
    static boolean sameAddress(PostalAddress a, PostalAddress b) {
        return equalsIgnoreCase(a.line1(), b.line1()) && equalsIgnoreCase(a.postalCode(), b.postalCode())
                && Objects.equals(a.country(), b.country());
    }

    private static boolean equalsIgnoreCase(String a, String b) {
        return a == null ? b == null : a.equalsIgnoreCase(b);
    }
}
