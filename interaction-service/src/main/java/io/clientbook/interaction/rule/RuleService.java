package io.clientbook.interaction.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientbook.interaction.care.CareClock;
import io.clientbook.interaction.care.CustomerProfile;
import io.clientbook.interaction.interaction.Channel;
import io.clientbook.interaction.rule.dto.RuleAction;
import io.clientbook.interaction.rule.dto.RuleCondition;
import io.clientbook.interaction.rule.dto.RuleInput;
import io.clientbook.interaction.rule.dto.RulePage;
import io.clientbook.interaction.rule.dto.RuleTrigger;
import io.clientbook.interaction.rule.dto.RuleView;
import io.clientbook.interaction.team.Teams;
import io.clientbook.platform.problem.Problem;
import io.clientbook.interaction.support.NameCursor;
import io.clientbook.platform.problem.ProblemException;
import io.clientbook.platform.web.JsonMergePatch;
import io.clientbook.platform.web.Paging;
import io.clientbook.platform.web.Preconditions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Follow-up rules: validated so that every stored rule can run. */
@ApplicationScoped
public class RuleService {

    /** The events an {@code event} trigger may name. ticket.resolved fires once tickets exist (interaction-service II). */
    public static final Set<String> TRIGGER_EVENTS = Set.of("order.recorded", "customer.created", "ticket.resolved");
    private static final Set<String> PURPOSES = Set.of("marketing", "service");
    private static final Set<String> CHURN_LEVELS = Set.of("low", "medium", "high");
    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MM-dd");

    private final EntityManager em;
    private final CareClock clock;
    private final Teams teams;
    private final ObjectMapper json;
    private final Validator validator;
    private final TransactionSynchronizationRegistry transaction;

    /** This transaction's enabled rules, once read. */
    private static final Object ENABLED_RULES = RuleService.class.getName() + ".enabled";

    RuleService(EntityManager em, CareClock clock, Teams teams, ObjectMapper json, Validator validator,
            TransactionSynchronizationRegistry transaction) {
        this.transaction = transaction;
        this.em = em;
        this.clock = clock;
        this.teams = teams;
        this.json = json;
        this.validator = validator;
    }

    @Transactional
    public RuleView create(RuleInput input) {
        RuleInput rule = checked(input);
        requireUniqueName(rule.name(), null);
        FollowUpRule r = new FollowUpRule();
        r.id = UUID.randomUUID();
        r.createdAt = clock.now();
        apply(r, rule);
        em.persist(r);
        em.flush();
        forgetEnabled();
        return view(r);
    }

    @Transactional
    public RuleView patch(UUID id, JsonNode patch, String ifMatch) {
        FollowUpRule r = find(id);
        Preconditions.requireMatch(ifMatch, r.version);
        if (patch == null || !patch.isObject()) {
            throw new ProblemException.Invalid("body", "must be a JSON object (merge patch)");
        }
        ObjectNode current = json.valueToTree(input(r));
        JsonNode merged = JsonMergePatch.apply(current, patch);
        RuleInput input;
        try {
            input = json.treeToValue(merged, RuleInput.class);
        } catch (Exception e) {
            throw new ProblemException.Invalid("body", "does not make a rule: " + e.getMessage().lines().findFirst().orElse(""));
        }
        Set<ConstraintViolation<RuleInput>> violations = validator.validate(input);
        if (!violations.isEmpty()) {
            throw new ProblemException.Invalid(violations.stream()
                    .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage())).toList());
        }
        RuleInput rule = checked(input);
        requireUniqueName(rule.name(), id);
        apply(r, rule);
        em.flush();
        forgetEnabled();
        return view(r);
    }

    @Transactional
    public void delete(UUID id, String ifMatch) {
        FollowUpRule r = find(id);
        Preconditions.requireMatch(ifMatch, r.version);
        em.remove(r);
        forgetEnabled();
    }

    public RuleView get(UUID id) {
        return view(find(id));
    }

    public RulePage list(String cursor, Integer limit) {
        int size = Paging.limit(limit);
        NameCursor after = NameCursor.parse(cursor);
        List<FollowUpRule> rules = em.createQuery("""
                        select r from FollowUpRule r where lower(r.name) > :name or (lower(r.name) = :name and r.id > :id)
                         order by lower(r.name), r.id""", FollowUpRule.class)
                .setParameter("name", after.name()).setParameter("id", after.id()).setMaxResults(size + 1).getResultList();
        boolean more = rules.size() > size;
        List<FollowUpRule> shown = more ? rules.subList(0, size) : rules;
        String next = more ? NameCursor.after(shown.getLast().name, shown.getLast().id) : null;
        return new RulePage(shown.stream().map(RuleService::view).toList(), next);
    }

    /**
     * The enabled rules with one of these trigger types, as the engine reads them. Read once per transaction: a
     * consumer applies a whole poll of events in one transaction and asks for every event, and reading the rules
     * (JSON columns) each time was a third of interaction-service's work during a bulk load. A rule written in the
     * same transaction clears the memo.
     */
    List<ActiveRule> active(Set<TriggerType> types) {
        return enabled().stream().filter(r -> types.contains(r.trigger().type())).toList();
    }

    @SuppressWarnings("unchecked")
    private List<ActiveRule> enabled() {
        boolean inTransaction = transaction.getTransactionKey() != null;
        List<ActiveRule> memo = inTransaction && transaction.getResource(ENABLED_RULES) instanceof List<?> read
                ? (List<ActiveRule>) read : null;
        if (memo == null) {
            memo = em.createQuery("select r from FollowUpRule r where r.enabled = true order by r.createdAt, r.id", FollowUpRule.class)
                    .getResultList().stream()
                    .map(r -> new ActiveRule(r.id, r.name, r.trigger, r.condition == null ? RuleCondition.NONE : r.condition,
                            r.delayDays, r.action, r.teamId))
                    .toList();
            if (inTransaction) {
                transaction.putResource(ENABLED_RULES, memo);
            }
        }
        return memo;
    }

    private void forgetEnabled() {
        if (transaction.getTransactionKey() != null) {
            transaction.putResource(ENABLED_RULES, Boolean.FALSE); // read again
        }
    }

    /** A rule as the engine applies it. */
    record ActiveRule(UUID id, String name, RuleTrigger trigger, RuleCondition condition, int delayDays, RuleAction action, UUID teamId) {

        boolean appliesTo(CustomerProfile p) {
            return matches(condition.tiers(), p.tier()) && matches(condition.segments(), p.segment())
                    && matches(condition.lifecycleStages(), p.lifecycleStage())
                    && matches(condition.churnLevels(), p.churnLevel());
        }

        String purpose() {
            return action.purpose() == null ? "marketing" : action.purpose();
        }

        private static boolean matches(List<String> allowed, String value) {
            return allowed.isEmpty() || (value != null && allowed.stream().anyMatch(a -> normal(a).equals(normal(value))));
        }
    }

    static String normal(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The rules no trigger can fire or no action can carry out, refused by field. */
    private RuleInput checked(RuleInput input) {
        List<Problem.FieldError> errors = new ArrayList<>();
        RuleTrigger t = input.trigger();
        switch (t.type()) {
            case EVENT -> {
                if (t.event() == null || !TRIGGER_EVENTS.contains(t.event())) {
                    errors.add(new Problem.FieldError("trigger.event", "must be one of " + String.join(", ", TRIGGER_EVENTS.stream().sorted().toList())));
                }
            }
            case TIER_CHANGED, SEGMENT_CHANGED, LIFECYCLE_CHANGED -> {
                if (t.to() == null || t.to().isBlank()) {
                    errors.add(new Problem.FieldError("trigger.to", "names the new value that fires the rule"));
                }
            }
            case CHURN_RISK_CHANGED -> {
                if (t.to() == null || !CHURN_LEVELS.contains(normal(t.to()))) {
                    errors.add(new Problem.FieldError("trigger.to", "must be low, medium or high"));
                }
            }
            case HOLIDAY -> {
                if (!isMonthDay(t.date())) {
                    errors.add(new Problem.FieldError("trigger.date", "must be a day of the year as MM-DD, such as 12-25"));
                }
                if (t.name() == null || t.name().isBlank() || t.name().length() > 100) {
                    errors.add(new Problem.FieldError("trigger.name", "names the holiday (1 to 100 characters)"));
                }
            }
            case RECURRING -> {
                if (t.everyDays() == null || t.everyDays() < 1 || t.everyDays() > 3650) {
                    errors.add(new Problem.FieldError("trigger.everyDays", "must be between 1 and 3650"));
                }
            }
            case BIRTHDAY, PURCHASE_ANNIVERSARY -> {
                // nothing to say
            }
        }
        RuleAction a = input.action();
        if (a.purpose() != null && !PURPOSES.contains(normal(a.purpose()))) {
            errors.add(new Problem.FieldError("action.purpose", "must be marketing or service"));
        }
        if (a.kind() == ActionKind.TASK && a.type() == null) {
            errors.add(new Problem.FieldError("action.type", "a task needs a type (callback, visit, care, win-back, renewal, survey, other)"));
        }
        if (a.kind() == ActionKind.MESSAGE) {
            if (a.channel() != Channel.EMAIL && a.channel() != Channel.SMS) {
                errors.add(new Problem.FieldError("action.channel", "a message goes by email or sms"));
            }
            if (a.templateKey() == null || !a.templateKey().matches("[a-z0-9][a-z0-9._-]{0,99}")) {
                errors.add(new Problem.FieldError("action.templateKey", "a message needs a template key such as birthday-greeting"));
            }
        }
        if (input.teamId() != null && !teams.exists(input.teamId())) {
            errors.add(new Problem.FieldError("teamId", "no such team"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.Invalid(errors);
        }
        RuleAction action = new RuleAction(a.kind(), a.type(), a.channel(), a.templateKey(), a.purpose() == null ? "marketing" : normal(a.purpose()),
                a.variables() == null ? Map.of() : a.variables());
        RuleTrigger trigger = new RuleTrigger(t.type(), t.event(), t.to() == null ? null : normal(t.to()), t.date(), t.name(), t.everyDays());
        return new RuleInput(input.name().trim(), input.description(), input.enabled() == null || input.enabled(), trigger,
                input.condition() == null ? RuleCondition.NONE : input.condition(), input.delayDays() == null ? 0 : input.delayDays(),
                action, input.teamId());
    }

    private static boolean isMonthDay(String text) {
        try {
            return text != null && text.length() == 5 && MonthDay.parse("--" + text) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void requireUniqueName(String name, UUID except) {
        List<UUID> same = em.createQuery("select r.id from FollowUpRule r where lower(r.name) = :name", UUID.class)
                .setParameter("name", name.toLowerCase(Locale.ROOT)).getResultList();
        if (same.stream().anyMatch(id -> !id.equals(except))) {
            throw new ProblemException(409, "/problems/conflict", "Name taken", "Another rule is called " + name,
                    List.of(new Problem.FieldError("name", "is taken")), Map.of());
        }
    }

    private FollowUpRule find(UUID id) {
        FollowUpRule r = em.find(FollowUpRule.class, id);
        if (r == null) {
            throw new ProblemException.NotFound("Follow-up rule", id);
        }
        return r;
    }

    private void apply(FollowUpRule r, RuleInput input) {
        r.name = input.name();
        r.description = input.description();
        r.enabled = input.enabled();
        r.trigger = input.trigger();
        r.condition = input.condition();
        r.delayDays = input.delayDays();
        r.action = input.action();
        r.teamId = input.teamId();
        r.updatedAt = clock.now();
    }

    private static RuleInput input(FollowUpRule r) {
        return new RuleInput(r.name, r.description, r.enabled, r.trigger, r.condition, r.delayDays, r.action, r.teamId);
    }

    private static RuleView view(FollowUpRule r) {
        return new RuleView(r.id, r.name, r.description, r.enabled, r.trigger, r.condition == null ? RuleCondition.NONE : r.condition,
                r.delayDays, r.action, r.teamId, r.version, r.createdAt, r.updatedAt);
    }

    static String monthDay(java.time.LocalDate date) {
        return MONTH_DAY.format(date);
    }
}
