package io.clientbook.interaction.sla.dto;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public record CalendarView(UUID id, String name, String timeZone, Map<String, List<HoursSpan>> workingHours, List<LocalDate> holidays,
                           long version, Instant createdAt, Instant updatedAt) {
}
