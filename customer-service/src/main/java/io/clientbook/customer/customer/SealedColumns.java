package io.clientbook.customer.customer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.customer.customer.dto.Email;
import io.clientbook.customer.customer.dto.Phone;
import io.clientbook.customer.customer.dto.PostalAddress;
import io.clientbook.customer.pii.PiiCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The customer's contact columns as the database holds them: sealed by {@link PiiCipher}, each with its
 * column name as associated data. CDI beans (explicitly scoped), so Hibernate gets them with the cipher injected.
 */
final class SealedColumns {

    static final String EMAILS = "customer.emails";
    static final String PHONES = "customer.phones";
    static final String ADDRESSES = "customer.addresses";
    static final String BIRTHDAY = "customer.birthday";

    private SealedColumns() {
    }

    /** A list of records as sealed JSON; an empty column reads as an empty list. */
    abstract static class SealedList<T> implements AttributeConverter<List<T>, String> {

        @Inject
        PiiCipher cipher;
        @Inject
        ObjectMapper json;

        private final String column;
        private final Class<T> element;
        private volatile JavaType type;

        SealedList(String column, Class<T> element) {
            this.column = column;
            this.element = element;
        }

        @Override
        public String convertToDatabaseColumn(List<T> value) {
            try {
                return cipher.seal(json.writeValueAsString(value == null ? List.of() : value), column);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write " + column, e);
            }
        }

        @Override
        public List<T> convertToEntityAttribute(String sealed) {
            if (sealed == null) {
                return new ArrayList<>();
            }
            if (type == null) {
                type = json.getTypeFactory().constructCollectionType(List.class, element);
            }
            try {
                return json.readValue(cipher.open(sealed, column), type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot read " + column + " (not the JSON this version writes)");
            }
        }
    }

    @ApplicationScoped
    @Converter
    static class Emails extends SealedList<Email> {
        Emails() {
            super(EMAILS, Email.class);
        }
    }

    @ApplicationScoped
    @Converter
    static class Phones extends SealedList<Phone> {
        Phones() {
            super(PHONES, Phone.class);
        }
    }

    @ApplicationScoped
    @Converter
    static class Addresses extends SealedList<PostalAddress> {
        Addresses() {
            super(ADDRESSES, PostalAddress.class);
        }
    }

    @ApplicationScoped
    @Converter
    static class Birthday implements AttributeConverter<LocalDate, String> {

        @Inject
        PiiCipher cipher;

        @Override
        public String convertToDatabaseColumn(LocalDate value) {
            return value == null ? null : cipher.seal(value.toString(), BIRTHDAY);
        }

        @Override
        public LocalDate convertToEntityAttribute(String sealed) {
            return sealed == null ? null : LocalDate.parse(cipher.open(sealed, BIRTHDAY));
        }
    }
}
