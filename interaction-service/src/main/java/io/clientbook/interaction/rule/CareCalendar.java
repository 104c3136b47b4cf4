package io.clientbook.interaction.rule;

import io.clientbook.interaction.care.CareClock;
import io.clientbook.interaction.care.CustomerProfile;
import io.clientbook.interaction.care.CustomerProfiles;
import io.clientbook.interaction.message.MessageService;
import io.clientbook.interaction.rule.RuleService.ActiveRule;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.clientbook.platform.schedule.OnOneInstance;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Calendar and cadence rules, run every few minutes: a birthday, a purchase anniversary or a holiday fires
 * on that day in the customer's own time zone (so the run after local midnight catches it), once per year;
 * a recurring rule once per period of {@code everyDays} (counted in whole local days since 1970-01-01).
 * Also sends the scheduled messages that fell due. Occurrence keys make repeated runs harmless.
 */
@ApplicationScoped
public class CareCalendar {

    private final RuleService rules;
    private final RuleEngine engine;
    private final CustomerProfiles profiles;
    private final MessageService messages;
    private final CareClock clock;
    private final CareCalendarConfig config;

    CareCalendar(RuleService rules, RuleEngine engine, CustomerProfiles profiles, MessageService messages, CareClock clock,
                 CareCalendarConfig config) {
        this.rules = rules;
        this.engine = engine;
        this.profiles = profiles;
        this.messages = messages;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(identity = "care-calendar", every = "${clientbook.interaction.care.every:15m}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @OnOneInstance
    void scheduled(ScheduledExecution execution) {
        run();
    }

    /** One pass over every calendar rule; returns how many firings of each outcome it produced. */
    public Map<RuleEngine.Outcome, Integer> run() {
        Instant now = clock.now();
        Map<RuleEngine.Outcome, Integer> counts = new EnumMap<>(RuleEngine.Outcome.class);
        List<ActiveRule> calendar = QuarkusTransaction.requiringNew().call(() -> rules.active(EnumSet.of(TriggerType.BIRTHDAY,
                TriggerType.PURCHASE_ANNIVERSARY, TriggerType.HOLIDAY, TriggerType.RECURRING)));
        // every calendar day some zone is on: UTC's yesterday, today and tomorrow
        LocalDate utc = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<String> days = Stream.of(utc.minusDays(1), utc, utc.plusDays(1)).map(RuleService::monthDay).toList();
        for (ActiveRule rule : calendar) {
            switch (rule.trigger().type()) {
                case BIRTHDAY -> {
                    List<String> candidates = days.contains("02-28") || days.contains("03-01")
                            ? Stream.concat(days.stream(), Stream.of("02-29")).toList() : days;
                    inTransaction(() -> profiles.withBirthdayOn(candidates), rule, now, counts, (profile, today) ->
                            isBirthday(profile.birthday(), today) ? "birthday:" + today.getYear() : null);
                }
                case PURCHASE_ANNIVERSARY -> inTransaction(() -> profiles.withFirstPurchaseOn(days, utc.getYear() + 1), rule, now, counts,
                        (profile, today) -> {
                            LocalDate first = LocalDate.ofInstant(profile.firstPurchaseAt(), ZoneOffset.UTC);
                            return first.getYear() < today.getYear() && RuleService.monthDay(first).equals(RuleService.monthDay(today))
                                    ? "anniversary:" + today.getYear() : null;
                        });
                case HOLIDAY -> walkBook(rule, now, counts, (profile, today) ->
                        RuleService.monthDay(today).equals(rule.trigger().date()) ? "holiday:" + rule.trigger().date() + ":" + today.getYear() : null);
                case RECURRING -> walkBook(rule, now, counts, (profile, today) ->
                        "every-" + rule.trigger().everyDays() + ":" + Math.floorDiv(today.toEpochDay(), rule.trigger().everyDays()));
                default -> {
                    // event triggers run from the consumers
                }
            }
        }
        QuarkusTransaction.requiringNew().run(messages::dispatchDue);
        return counts;
    }

    /** Birthdays on 29 February are celebrated on 28 February in other years. */
    static boolean isBirthday(String birthday, LocalDate today) {
        String day = RuleService.monthDay(today);
        return day.equals(birthday) || ("02-29".equals(birthday) && "02-28".equals(day) && !today.isLeapYear());
    }

    private interface Occurrence {
        /** The occurrence key if the rule is due for this customer on its local {@code today}, else null. */
        String of(CustomerProfile profile, LocalDate today);
    }

    private void inTransaction(java.util.function.Supplier<List<CustomerProfile>> candidates, ActiveRule rule, Instant now,
                               Map<RuleEngine.Outcome, Integer> counts, Occurrence occurrence) {
        QuarkusTransaction.requiringNew().run(() -> candidates.get().forEach(p -> fire(rule, p, now, counts, occurrence)));
    }

    private void walkBook(ActiveRule rule, Instant now, Map<RuleEngine.Outcome, Integer> counts, Occurrence occurrence) {
        UUID after = new UUID(0, 0);
        while (true) {
            UUID from = after;
            List<CustomerProfile> page = QuarkusTransaction.requiringNew().call(() -> {
                List<CustomerProfile> customers = profiles.page(from, config.pageSize());
                customers.forEach(p -> fire(rule, p, now, counts, occurrence));
                return customers;
            });
            if (page.size() < config.pageSize()) {
                return;
            }
            after = page.getLast().customerId();
        }
    }

    private void fire(ActiveRule rule, CustomerProfile profile, Instant now, Map<RuleEngine.Outcome, Integer> counts, Occurrence occurrence) {
        if (!rule.appliesTo(profile)) {
            return;
        }
        ZoneId zone = profile.zone(config.defaultTimeZone());
        LocalDate today = LocalDate.ofInstant(now, zone);
        String key = occurrence.of(profile, today);
        if (key != null) {
            // greetings are due at the configured local time of the day (a cadence: when the period starts)
            Instant careTime = today.atTime(config.localCareTime()).atZone(zone).toInstant();
            Instant base = rule.trigger().type() == TriggerType.RECURRING || careTime.isBefore(now) ? now : careTime;
            counts.merge(engine.fire(rule, profile, key, base, false), 1, Integer::sum);
        }
    }
}
