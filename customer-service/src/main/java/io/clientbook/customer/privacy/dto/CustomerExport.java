package io.clientbook.customer.privacy.dto;

import io.clientbook.customer.change.dto.HistoryEntry;
import io.clientbook.customer.customer.dto.CustomerView;
import io.clientbook.customer.loyalty.dto.LedgerEntry;
import io.clientbook.customer.order.dto.OrderView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** Everything customer-service holds on a person. */
@Schema(name = "CustomerExport")
public record CustomerExport(
        @Schema(description = "Which service's part this is; the gateway composes the whole suite's") String service,
        Instant exportedAt,
        CustomerView customer,
        @Schema(description = "Records of the same person merged into this one, as they were kept") List<CustomerView> mergedRecords,
        List<OrderView> orders,
        @Schema(description = "Every change to the record: who, when, which channel, old and new values") List<HistoryEntry> history,
        Loyalty loyalty) {

    public record Loyalty(String level, long balance, long lifetimePoints, List<LedgerEntry> transactions) {
    }
}
