package io.clientbook.interaction.plan.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * The account manager's plan for a customer's year: goals and the touches planned per quarter.
 *
 * @param ownerId defaults to the customer's owner
 */
public record PlanInput(@Size(max = 100) String ownerId, @NotNull @Valid Goals goals, @Size(max = 100) List<@NotNull @Valid Touch> touches,
                        @Size(max = 4000) String notes) {

    /**
     * @param revenue      revenue goal in one currency (orders in other currencies are reported apart)
     * @param visits       visits and meetings in the year
     * @param satisfaction the average score to reach in the year's answers of that kind
     */
    public record Goals(@Valid Revenue revenue, @PositiveOrZero Integer visits, @Valid Satisfaction satisfaction) {
    }

    public record Revenue(@NotNull @PositiveOrZero BigDecimal amount, @NotNull @Pattern(regexp = "[A-Z]{3}") String currency) {
    }

    public record Satisfaction(@NotNull @Pattern(regexp = "(?i)nps|csat") String kind, @NotNull @PositiveOrZero Double minAverage) {
    }

    /** Planned contacts in a quarter on a channel (phone, email, sms, chat, social, visit, meeting, note). */
    public record Touch(@NotNull @Min(1) @Max(4) Integer quarter, @NotNull String channel, @NotNull @Min(1) @Max(1000) Integer count,
                        @Size(max = 500) String note) {
    }
}
