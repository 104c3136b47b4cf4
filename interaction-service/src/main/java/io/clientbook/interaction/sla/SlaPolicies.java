package io.clientbook.interaction.sla;

import io.clientbook.interaction.care.CareClock;
import io.clientbook.interaction.sla.dto.CalendarInput;
import io.clientbook.interaction.sla.dto.CalendarView;
import io.clientbook.interaction.sla.dto.HoursSpan;
import io.clientbook.interaction.sla.dto.PolicyCondition;
import io.clientbook.interaction.sla.dto.PolicyInput;
import io.clientbook.interaction.sla.dto.PolicyView;
import io.clientbook.platform.problem.Problem;
import io.clientbook.platform.problem.ProblemException;
import io.clientbook.platform.web.Preconditions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** SLA policies and business calendars as data, and the choice of policy and working time for a ticket. */
@ApplicationScoped
public class SlaPolicies {

    private final EntityManager em;
    private final CareClock clock;

    SlaPolicies(EntityManager em, CareClock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** The targets a new ticket gets: the first enabled policy by rank whose condition matches. */
    public record Targets(UUID policyId, int firstResponseMinutes, int resolutionMinutes, WorkingTime time) {
    }

    public Optional<Targets> targetsFor(String type, String priority, String tier) {
        return em.createQuery("select p from SlaPolicy p where p.enabled = true order by p.rank, p.name", SlaPolicy.class).getResultList()
                .stream().filter(p -> matches(p.condition, type, priority, tier)).findFirst()
                .map(p -> new Targets(p.id, p.firstResponseMinutes, p.resolutionMinutes, timeOf(p.calendarId)));
    }

    /** The working time of a policy (calendar hours when it names no calendar or an unknown one). */
    public WorkingTime timeOfPolicy(UUID policyId) {
        SlaPolicy p = policyId == null ? null : em.find(SlaPolicy.class, policyId);
        return p == null ? WorkingTime.CALENDAR_HOURS : timeOf(p.calendarId);
    }

    public int resolutionMinutes(UUID policyId) {
        SlaPolicy p = policyId == null ? null : em.find(SlaPolicy.class, policyId);
        return p == null ? 0 : p.resolutionMinutes;
    }

    private WorkingTime timeOf(UUID calendarId) {
        BusinessCalendar c = calendarId == null ? null : em.find(BusinessCalendar.class, calendarId);
        return c == null ? WorkingTime.CALENDAR_HOURS : businessHours(c.timeZone, c.workingHours, c.holidays.stream().map(LocalDate::parse).toList());
    }

    private static boolean matches(PolicyCondition c, String type, String priority, String tier) {
        PolicyCondition condition = c == null ? PolicyCondition.ANY : c;
        return in(condition.types(), type) && in(condition.priorities(), priority) && in(condition.tiers(), tier);
    }

    private static boolean in(List<String> allowed, String value) {
        return allowed.isEmpty() || (value != null && allowed.stream().anyMatch(a -> a.equalsIgnoreCase(value)));
    }

    /** Working hours as data → working time; a 400 naming the field when they make no sense. */
    static WorkingTime.BusinessHours businessHours(String zone, Map<String, List<HoursSpan>> hours, List<LocalDate> holidays) {
        List<Problem.FieldError> errors = new ArrayList<>();
        ZoneId zoneId = null;
        try {
            zoneId = ZoneId.of(zone);
        } catch (RuntimeException e) {
            errors.add(new Problem.FieldError("timeZone", "is not an IANA time zone such as Europe/Berlin"));
        }
        Map<DayOfWeek, List<WorkingTime.Span>> week = new EnumMap<>(DayOfWeek.class);
        hours.forEach((day, spans) -> {
            DayOfWeek weekday;
            try {
                weekday = DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("workingHours." + day, "is not a weekday (monday … sunday)"));
                return;
            }
            List<WorkingTime.Span> parsed = new ArrayList<>();
            for (HoursSpan span : spans == null ? List.<HoursSpan>of() : spans) {
                try {
                    LocalTime from = LocalTime.parse(span.from());
                    LocalTime to = LocalTime.parse(span.to());
                    if (!to.isAfter(from)) {
                        throw new IllegalArgumentException();
                    }
                    parsed.add(new WorkingTime.Span(from, to));
                } catch (RuntimeException e) {
                    errors.add(new Problem.FieldError("workingHours." + day, "spans are {\"from\": \"HH:MM\", \"to\": \"HH:MM\"} with from before to"));
                }
            }
            week.put(weekday, parsed);
        });
        if (errors.isEmpty() && week.values().stream().allMatch(List::isEmpty)) {
            errors.add(new Problem.FieldError("workingHours", "needs working hours on at least one day"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.Invalid(errors);
        }
        return new WorkingTime.BusinessHours(zoneId, week, new HashSet<>(holidays == null ? List.of() : holidays));
    }

    // --- calendars ---

    @Transactional
    public CalendarView createCalendar(CalendarInput input) {
        businessHours(input.timeZone(), input.workingHours(), input.holidays());
        BusinessCalendar c = new BusinessCalendar();
        c.id = UUID.randomUUID();
        c.createdAt = clock.now();
        apply(c, input);
        em.persist(c);
        em.flush();
        return view(c);
    }

    @Transactional
    public CalendarView replaceCalendar(UUID id, CalendarInput input, String ifMatch) {
        BusinessCalendar c = em.find(BusinessCalendar.class, id);
        if (c == null) {
            throw new ProblemException.NotFound("Business calendar", id);
        }
        Preconditions.requireMatch(ifMatch, c.version);
        businessHours(input.timeZone(), input.workingHours(), input.holidays());
        apply(c, input);
        em.flush();
        return view(c);
    }

    public CalendarView calendar(UUID id) {
        BusinessCalendar c = em.find(BusinessCalendar.class, id);
        if (c == null) {
            throw new ProblemException.NotFound("Business calendar", id);
        }
        return view(c);
    }

    public List<CalendarView> calendars() {
        return em.createQuery("select c from BusinessCalendar c order by lower(c.name)", BusinessCalendar.class).getResultList().stream()
                .map(SlaPolicies::view).toList();
    }

    private void apply(BusinessCalendar c, CalendarInput input) {
        c.name = input.name().trim();
        c.timeZone = input.timeZone();
        c.workingHours = Map.copyOf(input.workingHours());
        c.holidays = (input.holidays() == null ? List.<LocalDate>of() : input.holidays()).stream().map(LocalDate::toString).toList();
        c.updatedAt = clock.now();
    }

    private static CalendarView view(BusinessCalendar c) {
        return new CalendarView(c.id, c.name, c.timeZone, c.workingHours, c.holidays.stream().map(LocalDate::parse).toList(), c.version,
                c.createdAt, c.updatedAt);
    }

    // --- policies ---

    @Transactional
    public PolicyView createPolicy(PolicyInput input) {
        check(input);
        SlaPolicy p = new SlaPolicy();
        p.id = UUID.randomUUID();
        p.createdAt = clock.now();
        apply(p, input);
        em.persist(p);
        em.flush();
        return view(p);
    }

    @Transactional
    public PolicyView replacePolicy(UUID id, PolicyInput input, String ifMatch) {
        SlaPolicy p = em.find(SlaPolicy.class, id);
        if (p == null) {
            throw new ProblemException.NotFound("SLA policy", id);
        }
        Preconditions.requireMatch(ifMatch, p.version);
        check(input);
        apply(p, input);
        em.flush();
        return view(p);
    }

    public PolicyView policy(UUID id) {
        SlaPolicy p = em.find(SlaPolicy.class, id);
        if (p == null) {
            throw new ProblemException.NotFound("SLA policy", id);
        }
        return view(p);
    }

    public List<PolicyView> policies() {
        return em.createQuery("select p from SlaPolicy p order by p.rank, p.name", SlaPolicy.class).getResultList().stream()
                .map(SlaPolicies::view).toList();
    }

    private void check(PolicyInput input) {
        if (input.calendarId() != null && em.find(BusinessCalendar.class, input.calendarId()) == null) {
            throw new ProblemException.Invalid("calendarId", "no such business calendar");
        }
        if (input.firstResponseMinutes() > input.resolutionMinutes()) {
            throw new ProblemException.Invalid("firstResponseMinutes", "must not exceed resolutionMinutes");
        }
    }

    private void apply(SlaPolicy p, PolicyInput input) {
        p.name = input.name().trim();
        p.rank = input.rank();
        p.enabled = input.enabled() == null || input.enabled();
        p.condition = input.condition() == null ? PolicyCondition.ANY : input.condition();
        p.firstResponseMinutes = input.firstResponseMinutes();
        p.resolutionMinutes = input.resolutionMinutes();
        p.calendarId = input.calendarId();
        p.updatedAt = clock.now();
    }

    private static PolicyView view(SlaPolicy p) {
        return new PolicyView(p.id, p.name, p.rank, p.enabled, p.condition == null ? PolicyCondition.ANY : p.condition,
                p.firstResponseMinutes, p.resolutionMinutes, p.calendarId, p.version, p.createdAt, p.updatedAt);
    }
}
