package io.clientbook.events;

/**
 * Kafka topic names. One topic per aggregate type, keyed by the aggregate id (for customer-related events
 * the customer id), so that every consumer sees one customer's events in the order they happened.
 */
public final class Topics {

    /** Customer records: created, updated, merged, erased, orders. Key: customer id. */
    public static final String CUSTOMERS = "clientbook.customers";

    private Topics() {
    }

    public static String forAggregate(String aggregateType) {
        return "clientbook." + aggregateType + "s";
    }

    /** Where a consumer parks a message it cannot process, instead of retrying it forever. */
    public static String deadLetter(String consumerGroup) {
        return "clientbook.dlq." + consumerGroup;
    }
}
