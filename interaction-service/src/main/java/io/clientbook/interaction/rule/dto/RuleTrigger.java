package io.clientbook.interaction.rule.dto;

import io.clientbook.interaction.rule.TriggerType;
import jakarta.validation.constraints.NotNull;

/**
 * @param event     for {@code event}: {@code order.recorded}, {@code customer.created} or {@code ticket.resolved}
 * @param to        for {@code tier-changed}, {@code lifecycle-changed}, {@code churn-risk-changed}: the new value
 * @param date      for {@code holiday}: "MM-DD"
 * @param name      for {@code holiday}: its name, passed to message templates as {@code holiday}
 * @param everyDays for {@code recurring}: the period in days
 */
public record RuleTrigger(@NotNull TriggerType type, String event, String to, String date, String name, Integer everyDays) {
}
