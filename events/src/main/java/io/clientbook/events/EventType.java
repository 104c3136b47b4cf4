package io.clientbook.events;

import java.util.Objects;

/**
 * One kind of event in the Clientbook catalogue: the name stored in the outbox {@code type} column
 * (for example {@code customer.created}), the aggregate it belongs to (which decides the Kafka topic),
 * the contract version, and the record that carries its data. Order events belong to the customer
 * aggregate: keyed by the customer id, they stay in order with that customer's other events.
 *
 * @param aggregateType outbox {@code aggregatetype}: {@code customer}, {@code analytics}, ...
 * @param name          outbox {@code type}: {@code customer.created}
 * @param version       contract version; a breaking change to the payload gets a new version
 * @param payloadType   the record serialised as the event's JSON data
 */
public record EventType<T>(String aggregateType, String name, int version, Class<T> payloadType) {

    public EventType {
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(payloadType, "payloadType");
        if (!name.matches("[a-z]+(\\.[a-z-]+)+")) {
            throw new IllegalArgumentException("event name " + name + " is not like customer.created");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1");
        }
    }

    public static <T> EventType<T> of(String aggregateType, String name, int version, Class<T> payloadType) {
        return new EventType<>(aggregateType, name, version, payloadType);
    }

    /** The CloudEvents {@code type} attribute: {@code clientbook.customer.created.v1}. */
    public String cloudEventType() {
        return "clientbook." + name + ".v" + version;
    }

    /** The Kafka topic every event of this aggregate goes to, in order per aggregate id. */
    public String topic() {
        return Topics.forAggregate(aggregateType);
    }
}
