package io.clientbook.interaction.sla;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Working-time arithmetic of business calendars: weekends, holidays, time zones, split days. */
class WorkingTimeTest {

    private static WorkingTime.BusinessHours officeHours(String zone, Set<LocalDate> holidays) {
        Map<DayOfWeek, List<WorkingTime.Span>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(d, List.of(new WorkingTime.Span(LocalTime.of(9, 0), LocalTime.of(12, 0)), new WorkingTime.Span(LocalTime.of(13, 0), LocalTime.of(17, 0))));
        }
        return new WorkingTime.BusinessHours(ZoneId.of(zone), week, holidays);
    }

    @Test
    void aTargetStartedOnFridayAfternoonSkipsTheWeekendAndAHolidayMonday() {
        var time = officeHours("Europe/Berlin", Set.of(LocalDate.of(2027, 2, 1)));
        Instant friday1600 = Instant.parse("2027-01-29T15:00:00Z"); // 16:00 in Berlin (UTC+1)
        assertEquals(Instant.parse("2027-01-29T16:00:00Z"), time.plus(friday1600, 60)); // Friday 17:00
        // 1 h on Friday, the weekend and Monday (a holiday) skipped, 1 h on Tuesday from 09:00
        assertEquals(Instant.parse("2027-02-02T09:00:00Z"), time.plus(friday1600, 120)); // Tuesday 10:00 Berlin
        assertEquals(120, time.minutesBetween(friday1600, Instant.parse("2027-02-02T09:00:00Z")));
    }

    @Test
    void theLunchBreakAndNightsDoNotCount() {
        var time = officeHours("UTC", Set.of());
        Instant monday1130 = Instant.parse("2027-03-01T11:30:00Z");
        assertEquals(Instant.parse("2027-03-01T13:30:00Z"), time.plus(monday1130, 60));
        assertEquals(Instant.parse("2027-03-02T09:30:00Z"), time.plus(monday1130, 30 + 240 + 30));
        assertEquals(Instant.parse("2027-03-01T09:00:00Z"), time.plus(Instant.parse("2027-03-01T02:00:00Z"), 0));
        assertEquals(0, time.minutesBetween(Instant.parse("2027-03-06T10:00:00Z"), Instant.parse("2027-03-07T10:00:00Z"))); // a weekend
    }

    @Test
    void calendarHoursCountEveryMinute() {
        Instant start = Instant.parse("2027-01-29T15:00:00Z");
        assertEquals(Instant.parse("2027-01-31T15:00:00Z"), WorkingTime.CALENDAR_HOURS.plus(start, 48 * 60));
        assertEquals(48 * 60, WorkingTime.CALENDAR_HOURS.minutesBetween(start, Instant.parse("2027-01-31T15:00:00Z")));
    }

    @Test
    void aCalendarWithoutWorkingHoursIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WorkingTime.BusinessHours(ZoneId.of("UTC"), Map.of(), Set.of()));
    }
}
