package io.clientbook.interaction.survey.dto;

import io.clientbook.interaction.survey.SurveyKind;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record SurveyView(UUID id, String name, SurveyKind kind, List<String> questions, long version, Instant createdAt) {
}
