package io.clientbook.interaction.sla.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A business calendar: working hours per weekday ({@code monday} … {@code sunday}), in an IANA time zone,
 * without the listed holidays.
 */
public record CalendarInput(@NotBlank @Size(max = 100) String name, @NotBlank String timeZone,
                            @NotNull Map<String, List<HoursSpan>> workingHours, @Size(max = 366) List<LocalDate> holidays) {
}
