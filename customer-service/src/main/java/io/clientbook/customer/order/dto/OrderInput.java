package io.clientbook.customer.order.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as a shop or ERP sends it. Money is decimal strings with an ISO 4217 currency; {@code total} is
 * authoritative (never checked against the lines), may be zero, never negative; lines are optional.
 */
@Schema(name = "OrderInput")
public record OrderInput(
        @Size(max = 200) @Pattern(regexp = "[a-z0-9:._-]+", message = "may contain only a-z, 0-9 and : . _ -") String source,
        @Size(max = 200) String externalId,
        @NotNull @Valid CustomerRef customer,
        @NotNull Instant placedAt,
        @NotNull OrderStatus status,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD") String currency,
        @NotNull @Pattern(regexp = Money.PATTERN, message = Money.MESSAGE) String total,
        @Pattern(regexp = Money.PATTERN, message = Money.MESSAGE) String discountTotal,
        SalesChannel channel,
        @Size(max = 500) List<@NotNull @Valid LineItem> lineItems) {

    /** The customer by id, or by (source, externalId) — a customer unknown by external id is created. */
    public record CustomerRef(UUID id,
                              @Size(max = 200) @Pattern(regexp = "[a-z0-9:._-]+", message = "may contain only a-z, 0-9 and : . _ -") String source,
                              @Size(max = 200) String externalId) {
    }

    public record LineItem(@Size(max = 100) String sku, @Size(max = 300) String name, @Size(max = 100) String category,
                           @Pattern(regexp = "\\d{1,9}(\\.\\d{1,4})?", message = "must be a non-negative number") String quantity,
                           @Pattern(regexp = Money.PATTERN, message = Money.MESSAGE) String unitPrice) {
    }

    /** Decimal strings for money. */
    public static final class Money {
        public static final String PATTERN = "\\d{1,15}(\\.\\d{1,4})?";
        public static final String MESSAGE = "must be a non-negative decimal string such as 29.34";

        private Money() {
        }
    }
}
