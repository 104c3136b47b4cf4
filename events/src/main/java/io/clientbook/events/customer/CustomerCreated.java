package io.clientbook.events.customer;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A customer record was created. Carries no contact details: consumers that need them read the customer
 * through the API, so an erasure never has to chase personal data through every topic.
 *
 * @param customerId  the new customer's id (also the Kafka key and the event's subject)
 * @param ownerId     the user who owns the customer (token {@code sub}), may be null
 * @param createdAt   when the record was created
 * @param externalIds the customer's ids in shops and other systems (later changes come as the
 *                    {@code externalIds} field of {@code customer.updated}); absent in events written before
 *                    the field existed, read as empty
 */
public record CustomerCreated(UUID customerId, String ownerId, Instant createdAt, List<ExternalIdRef> externalIds) {

    public static final EventType<CustomerCreated> TYPE =
            EventType.of("customer", "customer.created", 1, CustomerCreated.class);

    public CustomerCreated {
        externalIds = externalIds == null ? List.of() : List.copyOf(externalIds);
    }

    public static CustomerCreated of(UUID customerId, String ownerId, Instant createdAt) {
        return new CustomerCreated(customerId, ownerId, createdAt, List.of());
    }

    /** One external id: the system ({@code shopify:store-a.myshopify.com}) and the record's id there. */
    public record ExternalIdRef(String source, String externalId) {
    }
}
