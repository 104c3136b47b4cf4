package io.clientbook.events.interaction;

import io.clientbook.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer answered a satisfaction survey. Feeds analytics (satisfaction as a churn signal). Key: customer id.
 *
 * @param kind       nps (score 0–10) or csat (score 1–5)
 * @param detractor  NPS ≤ 6 or CSAT ≤ 2: work was opened for someone
 */
public record SurveyResponded(UUID responseId, UUID surveyId, String kind, UUID customerId, int score, boolean detractor, UUID ticketId,
                              UUID orderId, Instant respondedAt) {

    public static final EventType<SurveyResponded> TYPE =
            EventType.of("interaction", "survey.responded", 1, SurveyResponded.class);
}
