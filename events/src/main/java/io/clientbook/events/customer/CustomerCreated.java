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
 * @param care        what a care policy needs to decide whom to contact when and how: tier, lifecycle stage,
 *                    birthday as month and day (no year), time zone and consents; null in events written before
 *                    the field existed. Later changes come as {@code customer.updated} fields of the same names.
 */
public record CustomerCreated(UUID customerId, String ownerId, Instant createdAt, List<ExternalIdRef> externalIds, CareFacts care) {

    public static final EventType<CustomerCreated> TYPE =
            EventType.of("customer", "customer.created", 1, CustomerCreated.class);

    public CustomerCreated {
        externalIds = externalIds == null ? List.of() : List.copyOf(externalIds);
    }

    public static CustomerCreated of(UUID customerId, String ownerId, Instant createdAt) {
        return new CustomerCreated(customerId, ownerId, createdAt, List.of(), null);
    }

    /**
     * @param tierPinned whether the tier was set by hand (analytics then leaves it alone); null in older events
     * @param birthday "MM-DD", or null
     * @param timeZone an IANA zone such as {@code Europe/Berlin}, or null
     */
    public record CareFacts(String tier, Boolean tierPinned, String lifecycleStage, String birthday, String timeZone,
                            List<ConsentRef> consents) {
        public CareFacts {
            consents = consents == null ? List.of() : List.copyOf(consents);
        }
    }

    /** A consent entry as on the record: channel (email, sms, phone, mail), purpose (marketing, service), granted. */
    public record ConsentRef(String channel, String purpose, boolean granted) {
    }

    /** One external id: the system ({@code shopify:store-a.myshopify.com}) and the record's id there. */
    public record ExternalIdRef(String source, String externalId) {
    }
}
