package io.clientbook.interaction.rule.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/**
 * A follow-up rule: when {@code trigger} fires for a customer who meets {@code condition}, after
 * {@code delayDays} the {@code action} is due (a task's due time, a message's send time).
 *
 * @param enabled defaults to true
 * @param teamId  the team that gets the task when the customer has no owner
 */
public record RuleInput(@NotBlank @Size(max = 100) String name, @Size(max = 500) String description, Boolean enabled,
                        @NotNull @Valid RuleTrigger trigger, @Valid RuleCondition condition,
                        @PositiveOrZero @Max(3650) Integer delayDays, @NotNull @Valid RuleAction action, UUID teamId) {
}
