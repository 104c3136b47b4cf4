package io.clientbook.interaction.rule.dto;

import java.time.Instant;
import java.util.UUID;

public record RuleView(UUID id, String name, String description, boolean enabled, RuleTrigger trigger, RuleCondition condition,
                       int delayDays, RuleAction action, UUID teamId, long version, Instant createdAt, Instant updatedAt) {
}
