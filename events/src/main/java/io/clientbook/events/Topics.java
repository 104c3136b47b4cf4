package io.clientbook.events;

/**
 * Kafka topic names. One topic per aggregate type, keyed by the aggregate id (for customer-related events
 * the customer id), so that every consumer sees one customer's events in the order they happened.
 */
public final class Topics {

    /** Customer records and their orders: created, updated, archived, orders recorded. Key: customer id. */
    public static final String CUSTOMERS = "clientbook.customers";
    /** What analytics concludes about customers: tier and lifecycle changes. Key: customer id. */
    public static final String ANALYTICS = "clientbook.analytics";
    /** What happens in the relationship: follow-ups overdue and escalated, consents revoked. Key: customer id. */
    public static final String INTERACTIONS = "clientbook.interactions";
    /** Messages for a delivery adapter to send. Key: customer id. */
    public static final String MESSAGES = "clientbook.messages";
    /** Each service's confirmation that it erased a customer's data. Key: erasure request id. */
    public static final String ERASURES = "clientbook.erasures";
    /** Security-relevant actions and refusals from every service and the gateway. Key: the actor. */
    public static final String AUDIT = "clientbook.audit";

    private Topics() {
    }

    /** The topic of an outbox {@code aggregatetype}. */
    public static String forAggregate(String aggregateType) {
        return switch (aggregateType) {
            case "customer" -> CUSTOMERS;
            case "analytics" -> ANALYTICS;
            case "erasure" -> ERASURES;
            case "interaction" -> INTERACTIONS;
            case "message" -> MESSAGES;
            case "audit" -> AUDIT;
            default -> "clientbook." + aggregateType + "s";
        };
    }

    /** Where a consumer parks a message it cannot process, instead of retrying it forever. */
    public static String deadLetter(String consumerGroup) {
        return "clientbook.dlq." + consumerGroup;
    }
}
