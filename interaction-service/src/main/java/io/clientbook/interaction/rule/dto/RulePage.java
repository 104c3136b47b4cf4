package io.clientbook.interaction.rule.dto;

import java.util.List;

public record RulePage(List<RuleView> items, String nextCursor) {
}
