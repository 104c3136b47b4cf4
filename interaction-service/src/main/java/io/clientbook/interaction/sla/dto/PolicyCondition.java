package io.clientbook.interaction.sla.dto;

import java.util.List;

/** Which tickets a policy covers: ticket types, priorities, customer tiers (empty or absent: any). */
public record PolicyCondition(List<String> types, List<String> priorities, List<String> tiers) {

    public static final PolicyCondition ANY = new PolicyCondition(List.of(), List.of(), List.of());

    public PolicyCondition {
        types = types == null ? List.of() : List.copyOf(types);
        priorities = priorities == null ? List.of() : List.copyOf(priorities);
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
    }
}
