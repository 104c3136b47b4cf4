package io.clientbook.interaction.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Time that counts for an SLA target: every minute (calendar hours), or the working hours of a business
 * calendar in its time zone without its holidays. Adds and measures minutes of that time.
 */
public interface WorkingTime {

    /** The moment {@code minutes} of counted time after {@code start}. */
    Instant plus(Instant start, long minutes);

    /** Minutes of counted time between two moments (0 when {@code to} is not after {@code from}). */
    long minutesBetween(Instant from, Instant to);

    WorkingTime CALENDAR_HOURS = new WorkingTime() {
        @Override
        public Instant plus(Instant start, long minutes) {
            return start.plus(Duration.ofMinutes(minutes));
        }

        @Override
        public long minutesBetween(Instant from, Instant to) {
            return to.isAfter(from) ? Duration.between(from, to).toMinutes() : 0;
        }
    };

    /** One span of working hours on a day, local time, {@code from} before {@code to}. */
    record Span(LocalTime from, LocalTime to) {
    }

    /** Business hours: weekly spans per weekday in a zone; holidays (local dates) have none. */
    record BusinessHours(ZoneId zone, Map<DayOfWeek, List<Span>> week, Set<LocalDate> holidays) implements WorkingTime {

        /** Ten years of days at most: a calendar without working hours must not loop forever. */
        private static final int MAX_DAYS = 3660;

        public BusinessHours {
            if (week.values().stream().allMatch(List::isEmpty)) {
                throw new IllegalArgumentException("a business calendar needs working hours on at least one day");
            }
        }

        @Override
        public Instant plus(Instant start, long minutes) {
            long left = minutes * 60;
            ZonedDateTime cursor = start.atZone(zone);
            LocalDate day = cursor.toLocalDate();
            for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
                if (holidays.contains(day)) {
                    continue;
                }
                for (Span span : week.getOrDefault(day.getDayOfWeek(), List.of())) {
                    Instant spanStart = day.atTime(span.from()).atZone(zone).toInstant();
                    Instant spanEnd = day.atTime(span.to()).atZone(zone).toInstant();
                    Instant from = spanStart.isAfter(start) ? spanStart : start;
                    if (!spanEnd.isAfter(from)) {
                        continue;
                    }
                    long available = Duration.between(from, spanEnd).toSeconds();
                    if (left <= available) {
                        return from.plusSeconds(left);
                    }
                    left -= available;
                }
            }
            throw new IllegalStateException("no working time within " + MAX_DAYS + " days");
        }

        @Override
        public long minutesBetween(Instant from, Instant to) {
            if (!to.isAfter(from)) {
                return 0;
            }
            long seconds = 0;
            LocalDate day = from.atZone(zone).toLocalDate();
            LocalDate last = to.atZone(zone).toLocalDate();
            for (int i = 0; i < MAX_DAYS && !day.isAfter(last); i++, day = day.plusDays(1)) {
                if (holidays.contains(day)) {
                    continue;
                }
                for (Span span : week.getOrDefault(day.getDayOfWeek(), List.of())) {
                    Instant spanStart = day.atTime(span.from()).atZone(zone).toInstant();
                    Instant spanEnd = day.atTime(span.to()).atZone(zone).toInstant();
                    Instant a = spanStart.isAfter(from) ? spanStart : from;
                    Instant b = spanEnd.isBefore(to) ? spanEnd : to;
                    if (b.isAfter(a)) {
                        seconds += Duration.between(a, b).toSeconds();
                    }
                }
            }
            return seconds / 60;
        }
    }
}
