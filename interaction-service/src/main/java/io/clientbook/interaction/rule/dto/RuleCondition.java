package io.clientbook.interaction.rule.dto;

import jakarta.validation.constraints.Size;

import java.util.List;

/** Who the rule applies to; an empty or absent list does not restrict. Values compare case-insensitively. */
public record RuleCondition(@Size(max = 20) List<String> tiers, @Size(max = 20) List<String> segments,
                            @Size(max = 20) List<String> lifecycleStages, @Size(max = 3) List<String> churnLevels) {

    public static final RuleCondition NONE = new RuleCondition(List.of(), List.of(), List.of(), List.of());

    public RuleCondition {
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
        segments = segments == null ? List.of() : List.copyOf(segments);
        lifecycleStages = lifecycleStages == null ? List.of() : List.copyOf(lifecycleStages);
        churnLevels = churnLevels == null ? List.of() : List.copyOf(churnLevels);
    }
}
