package io.clientbook.interaction.rule.dto;

import io.clientbook.interaction.followup.FollowUpType;
import io.clientbook.interaction.interaction.Channel;
import io.clientbook.interaction.rule.ActionKind;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * @param type        for a task: callback, visit, care, win-back, renewal, survey, other
 * @param channel     the task's channel, or the message's (email or sms)
 * @param templateKey for a message: the template a delivery adapter renders
 * @param purpose     marketing (default) or service: the consent checked before any contact by e-mail, SMS, phone or mail
 * @param variables   for a message: template variables
 */
public record RuleAction(@NotNull ActionKind kind, FollowUpType type, Channel channel, @Size(max = 100) String templateKey,
                         String purpose, @Size(max = 20) Map<String, @Size(max = 200) String> variables) {
}
