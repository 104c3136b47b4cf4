package io.clientbook.customer.merge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.customer.customer.dto.CustomerInput;
import io.clientbook.customer.pii.PiiCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * A customer as it was before or after a merge, sealed whole (it holds contacts). Reads plaintext JSON too:
 * snapshots written before sealing, until the re-sealing pass reaches them.
 */
@ApplicationScoped
@Converter
class SealedSnapshot implements AttributeConverter<CustomerInput, String> {

    static final String COLUMN = "customer_merge.snapshot";

    @Inject
    PiiCipher cipher;
    @Inject
    ObjectMapper json;

    @Override
    public String convertToDatabaseColumn(CustomerInput snapshot) {
        try {
            return cipher.seal(json.writeValueAsString(snapshot), COLUMN);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a merge snapshot", e);
        }
    }

    @Override
    public CustomerInput convertToEntityAttribute(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readValue(plain(stored), CustomerInput.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a merge snapshot (not the JSON this version writes)");
        }
    }

    String plain(String stored) {
        return PiiCipher.looksSealed(stored) ? cipher.open(stored, COLUMN) : stored;
    }
}
