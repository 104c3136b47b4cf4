package io.clientbook.devstack.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The ownership scenario every service that reads customer data must pass: a customer created for one
 * seller is visible to that seller and a manager, not to another seller, and after an ownerId change in
 * customer.updated the other way round. {@code statusOf} reads the service's endpoint for the customer with a
 * token and answers the HTTP status.
 */
public final class OwnershipScenario {

    /** The customer topic (devstack does not depend on the events module). */
    private static final String CUSTOMERS = "clientbook.customers";

    private OwnershipScenario() {
    }

    public static void run(BiFunction<String, UUID, Integer> statusOf) {
        EmbeddedStack stack = EmbeddedStack.get();
        UUID customer = UUID.randomUUID();
        String ann = "seller-" + UUID.randomUUID();
        String bob = "seller-" + UUID.randomUUID();
        try (var sender = new CloudEventSender(stack.bootstrapServers())) {
            sender.send(CUSTOMERS, customer.toString(), UUID.randomUUID(), "clientbook.customer.created.v1",
                    "{\"customerId\":\"" + customer + "\",\"ownerId\":\"" + ann + "\",\"createdAt\":\"2026-03-01T10:00:00Z\"}");
        }
        awaitStatus(statusOf, sales(ann), customer, 200);
        expectStatus(statusOf, sales(bob), customer, 404);
        expectStatus(statusOf, stack.tokens().forRole("manager"), customer, 200);

        try (var sender = new CloudEventSender(stack.bootstrapServers())) {
            sender.send(CUSTOMERS, customer.toString(), UUID.randomUUID(), "clientbook.customer.updated.v1",
                    "{\"customerId\":\"" + customer + "\",\"version\":1,\"updatedAt\":\"2026-03-02T10:00:00Z\","
                            + "\"changes\":[{\"field\":\"ownerId\",\"oldValue\":\"" + ann + "\",\"newValue\":\"" + bob + "\"}]}");
        }
        awaitStatus(statusOf, sales(bob), customer, 200);
        expectStatus(statusOf, sales(ann), customer, 404);
    }

    private static String sales(String subject) {
        return EmbeddedStack.get().tokens().sign("sales", subject, Duration.ofMinutes(5));
    }

    private static void expectStatus(BiFunction<String, UUID, Integer> statusOf, String token, UUID customer, int expected) {
        int status = statusOf.apply(token, customer);
        if (status != expected) {
            throw new AssertionError("expected " + expected + " but the service answered " + status);
        }
    }

    private static void awaitStatus(BiFunction<String, UUID, Integer> statusOf, String token, UUID customer, int expected) {
        Instant deadline = Instant.now().plusSeconds(30);
        int status = -1;
        while (Instant.now().isBefore(deadline)) {
            status = statusOf.apply(token, customer);
            if (status == expected) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("expected " + expected + " within 30 s but the service answered " + status);
    }
}
