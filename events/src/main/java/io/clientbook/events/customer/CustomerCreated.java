package io.clientbook.events.customer;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer record was created. Carries no contact details: consumers that need them read the customer
 * through the API, so an erasure never has to chase personal data through every topic.
 *
 * @param customerId the new customer's id (also the Kafka key and the event's subject)
 * @param ownerId    the user who owns the customer (token {@code sub}), may be null
 * @param createdAt  when the record was created
 */
public record CustomerCreated(UUID customerId, String ownerId, Instant createdAt) {

    public static final EventType<CustomerCreated> TYPE =
            EventType.of("customer", "customer.created", 1, CustomerCreated.class);

    public static CustomerCreated of(UUID customerId, String ownerId, Instant createdAt) {
        return new CustomerCreated(customerId, ownerId, createdAt);
    }
}
