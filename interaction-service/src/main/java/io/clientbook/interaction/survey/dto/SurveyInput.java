package io.clientbook.interaction.survey.dto;

import io.clientbook.interaction.survey.SurveyKind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A survey definition; {@code questions} are shown by the survey tool (the score question first). */
public record SurveyInput(@NotBlank @Size(max = 100) String name, @NotNull SurveyKind kind,
                          @Size(max = 20) List<@NotBlank @Size(max = 500) String> questions) {
}
