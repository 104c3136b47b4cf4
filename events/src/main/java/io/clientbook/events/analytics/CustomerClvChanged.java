package io.clientbook.events.analytics;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer's lifetime value moved into another band ({@code low}, {@code medium}, {@code high}, with
 * configured bounds); published only when the band changes.
 *
 * @param clv      expected value over the configured horizon, in {@code currency}
 * @param currency the reporting currency
 */
public record CustomerClvChanged(UUID customerId, String previousBand, String band, double clv, String currency,
                                 Instant changedAt) {

    public static final EventType<CustomerClvChanged> TYPE =
            EventType.of("analytics", "customer.clv.changed", 1, CustomerClvChanged.class);
}
