package io.clientbook.interaction.sla.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/**
 * An SLA policy: the first enabled policy by {@code rank} (ascending) whose condition matches a new ticket
 * sets its targets, in minutes of calendar time, or of a business calendar's working time when
 * {@code calendarId} is set.
 */
public record PolicyInput(@NotBlank @Size(max = 100) String name, @NotNull Integer rank, Boolean enabled, @Valid PolicyCondition condition,
                          @NotNull @Positive @Max(525600) Integer firstResponseMinutes, @NotNull @Positive @Max(525600) Integer resolutionMinutes,
                          UUID calendarId) {
}
