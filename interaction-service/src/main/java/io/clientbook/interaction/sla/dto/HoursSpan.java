package io.clientbook.interaction.sla.dto;

/** Working hours on a day, local time "HH:MM" to "HH:MM". */
public record HoursSpan(String from, String to) {
}
