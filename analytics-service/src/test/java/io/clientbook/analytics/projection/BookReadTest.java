package io.clientbook.analytics.projection;

import io.clientbook.analytics.OrderEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A rescoring job reads the book from the projection's figures (purchase days, repeat-day spend kept as orders
 * arrive); they must give exactly the summaries the purchase rows give, same-day orders, cancellations and
 * unconvertible currencies included.
 */
@QuarkusTest
class BookReadTest {

    @Inject
    PurchaseSummaries summaries;

    @Test
    void theProjectionsFiguresGiveTheSameSummariesAsThePurchaseRows() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<UUID> customers;
        try (OrderEvents events = new OrderEvents()) {
            UUID sameDay = events.customer(today.minusDays(90) + "T08:00:00Z", null, null, null);
            events.order(sameDay, today.minusDays(60) + "T09:00:00Z", "paid", "USD", "10.00");
            events.order(sameDay, today.minusDays(60) + "T18:00:00Z", "paid", "USD", "15.00"); // same UTC day: one purchase
            events.order(sameDay, today.minusDays(20) + "T09:00:00Z", "paid", "USD", "40.00");
            UUID cancelled = events.customer(today.minusDays(90) + "T08:00:00Z", null, null, null);
            events.order(cancelled, today.minusDays(50) + "T09:00:00Z", "paid", "USD", "30.00");
            UUID gone = events.order(cancelled, today.minusDays(10) + "T09:00:00Z", "paid", "USD", "70.00");
            events.update(gone, cancelled, today.minusDays(10) + "T09:00:00Z", "cancelled", "paid", "USD", "70.00");
            UUID foreign = events.customer(today.minusDays(90) + "T08:00:00Z", null, null, null);
            events.order(foreign, today.minusDays(40) + "T09:00:00Z", "paid", "XYZ", "99.00"); // no rate: counts, no spend
            events.order(foreign, today.minusDays(5) + "T09:00:00Z", "paid", "USD", "20.00");
            customers = List.of(sameDay, cancelled, foreign);
        }
        Map<UUID, Integer> expectedRepeat = Map.of(customers.get(0), 1, customers.get(1), 0, customers.get(2), 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                summaries.of(today, customers).stream().allMatch(s -> s.repeatPurchases() == expectedRepeat.get(s.customerId()))
                        && summaries.of(today, customers).size() == 3));
        Map<UUID, CustomerSummary> fromRows = new HashMap<>();
        QuarkusTransaction.requiringNew().call(() -> summaries.of(today, customers)).forEach(s -> fromRows.put(s.customerId(), s));
        Book book = QuarkusTransaction.requiringNew().call(() -> summaries.all(today));
        int found = 0;
        for (int i = 0; i < book.size(); i++) {
            CustomerSummary s = book.get(i);
            CustomerSummary expected = fromRows.get(s.customerId());
            if (expected != null) {
                found++;
                assertEquals(expected.repeatPurchases(), s.repeatPurchases(), "x");
                assertEquals(expected.recencyDays(), s.recencyDays(), "t_x");
                assertEquals(expected.ageDays(), s.ageDays(), "T");
                assertEquals(expected.averageRepeatSpend(), s.averageRepeatSpend(), "average repeat spend");
                assertEquals(expected.totalSpend(), s.totalSpend(), 1e-9, "total spend");
            }
        }
        assertEquals(3, found);
        assertEquals(40.0, fromRows.get(customers.get(0)).averageRepeatSpend(), 1e-9);
        assertEquals(null, fromRows.get(customers.get(1)).averageRepeatSpend()); // its repeat order was cancelled
        assertEquals(20.0, fromRows.get(customers.get(2)).averageRepeatSpend(), 1e-9); // the first day's amount had no rate
    }
}
