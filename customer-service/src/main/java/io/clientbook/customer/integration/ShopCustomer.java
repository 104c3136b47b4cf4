package io.clientbook.customer.integration;

import io.clientbook.customer.customer.dto.Consent;
import io.clientbook.customer.customer.dto.Email;
import io.clientbook.customer.customer.dto.Phone;
import io.clientbook.customer.customer.dto.PostalAddress;

import java.time.Instant;
import java.util.List;

/**
 * A shop's customer as Clientbook reads it from a webhook, whatever the platform. A null list means the payload
 * said nothing about it (what is stored stays); the lists given are merged into what is stored, never replace it.
 */
record ShopCustomer(String id, Instant updatedAt, String givenName, String familyName, List<Email> emails,
                    List<Phone> phones, List<PostalAddress> addresses, List<String> tags, List<Consent> consents) {

    String fullName() {
        String name = ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).strip();
        return name.isEmpty() ? null : name;
    }
}
