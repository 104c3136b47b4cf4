package io.clientbook.interaction.survey.dto;

import java.time.Instant;
import java.util.List;

/**
 * NPS and CSAT over responses in [from, to), overall and per group.
 *
 * @param groupBy tier, segment or channel (null: no groups)
 */
public record SatisfactionSummary(Instant from, Instant to, String groupBy, Figures total, List<Group> groups) {

    /** One group's figures; {@code key} null collects responses without a value (e.g. no tier). */
    public record Group(String key, Figures figures) {
    }

    public record Figures(Nps nps, Csat csat) {
    }

    /** NPS = % promoters − % detractors, from −100 to 100; null without responses. */
    public record Nps(Double score, long responses, long promoters, long passives, long detractors) {
    }

    /** CSAT = % of answers 4 or 5; average of the scores; null without responses. */
    public record Csat(Double score, Double average, long responses, long satisfied, long detractors) {
    }
}
