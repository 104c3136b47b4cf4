package io.clientbook.interaction.rule;

import io.clientbook.interaction.care.CareClock;
import io.clientbook.interaction.care.CustomerProfile;
import io.clientbook.interaction.care.CustomerProfiles;
import io.clientbook.interaction.followup.FollowUpService;
import io.clientbook.interaction.message.MessageService;
import io.clientbook.interaction.rule.RuleService.ActiveRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Runs follow-up rules for a customer. Every firing is claimed first in {@code rule_firing} under its
 * occurrence key (the triggering event's id, "birthday:2026", a cadence period), so a redelivered event, a
 * second scheduler run or a restart never produces a second task or message. Then, in order: the condition,
 * the consent for the action's channel and purpose, the no-stacking check of cadences, and the task or
 * message itself. What happened is the firing's outcome.
 */
@ApplicationScoped
public class RuleEngine {

    private static final Logger LOG = Logger.getLogger(RuleEngine.class);

    /** An event-triggered task or message already this far past due when its event arrives is not created (an import of old orders). */
    private static final Duration STALE = Duration.ofDays(1);

    private final RuleService rules;
    private final CustomerProfiles profiles;
    private final FollowUpService followUps;
    private final MessageService messages;
    private final EntityManager em;
    private final CareClock clock;

    RuleEngine(RuleService rules, CustomerProfiles profiles, FollowUpService followUps, MessageService messages, EntityManager em,
               CareClock clock) {
        this.rules = rules;
        this.profiles = profiles;
        this.followUps = followUps;
        this.messages = messages;
        this.em = em;
        this.clock = clock;
    }

    /** The outcome of one rule for one customer and occurrence. */
    public enum Outcome {
        CREATED, ALREADY_FIRED, NOT_APPLICABLE, SUPPRESSED_NO_CONSENT, SKIPPED_OPEN_TASK, SKIPPED_STALE;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * An event for a customer: every enabled rule with this trigger and value fires once for the event.
     *
     * @param value the event name for {@code event} triggers, the new tier, stage or churn level otherwise
     * @param at    when it happened: delays count from here
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onEvent(UUID eventId, UUID customerId, TriggerType type, String value, Instant at) {
        List<ActiveRule> matching = rules.active(Set.of(type)).stream().filter(r -> triggeredBy(r, value)).toList();
        if (matching.isEmpty()) {
            return;
        }
        CustomerProfile profile = profiles.find(customerId).orElse(null);
        if (profile == null) {
            return;
        }
        for (ActiveRule rule : matching) {
            fire(rule, profile, eventId.toString(), at, true);
        }
    }

    private static boolean triggeredBy(ActiveRule rule, String value) {
        return switch (rule.trigger().type()) {
            case EVENT -> rule.trigger().event().equals(value);
            default -> rule.trigger().to() != null && rule.trigger().to().equals(RuleService.normal(value));
        };
    }

    /**
     * Why a firing must not contact the customer, or null when it may go ahead: no granted consent for the
     * action's channel and purpose, or an event-triggered action already more than a day overdue. Shared by
     * the one-by-one path and the set-based purchase path ({@link OrderCare}).
     */
    static Outcome held(ActiveRule rule, CustomerProfile profile, Instant due, Instant now, boolean eventTriggered) {
        String channel = rule.action().channel() == null ? null : rule.action().channel().apiName();
        if (channel != null && !profile.mayContact(channel, rule.purpose())) {
            return Outcome.SUPPRESSED_NO_CONSENT;
        }
        if (eventTriggered && due.isBefore(now.minus(STALE))) {
            return Outcome.SKIPPED_STALE;
        }
        return null;
    }

    /** Fires a rule for a customer once per occurrence; returns what happened. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome fire(ActiveRule rule, CustomerProfile profile, String occurrence, Instant base, boolean eventTriggered) {
        if (!rule.appliesTo(profile)) {
            return Outcome.NOT_APPLICABLE;
        }
        Instant now = clock.now();
        int claimed = em.createNativeQuery("""
                        insert into rule_firing (rule_id, customer_id, occurrence, fired_at, outcome) values (:rule, :customer, :occurrence, :now, 'pending')
                        on conflict do nothing""")
                .setParameter("rule", rule.id()).setParameter("customer", profile.customerId()).setParameter("occurrence", occurrence)
                .setParameter("now", now).executeUpdate();
        if (claimed == 0) {
            return Outcome.ALREADY_FIRED;
        }
        Instant due = base.plus(rule.delayDays(), ChronoUnit.DAYS);
        var action = rule.action();
        Outcome outcome = held(rule, profile, due, now, eventTriggered);
        UUID followUp = null;
        UUID message = null;
        if (outcome == null && action.kind() == ActionKind.TASK && rule.trigger().type() == TriggerType.RECURRING
                && followUps.hasPending(profile.customerId(), action.type(), action.channel())) {
            outcome = Outcome.SKIPPED_OPEN_TASK;
        }
        if (outcome == null && action.kind() == ActionKind.TASK) {
            followUp = followUps.createForRule(profile.customerId(), action.type(), action.channel(), due, rule.id(), rule.teamId());
            outcome = Outcome.CREATED;
        } else if (outcome == null) {
            Map<String, String> variables = new HashMap<>(action.variables() == null ? Map.of() : action.variables());
            if (rule.trigger().type() == TriggerType.HOLIDAY) {
                variables.putIfAbsent("holiday", rule.trigger().name());
            }
            message = messages.request(profile.customerId(), action.channel(), action.templateKey(), rule.purpose(), variables, rule.id(), due);
            outcome = Outcome.CREATED;
        }
        em.createNativeQuery("""
                        update rule_firing set outcome = :outcome, follow_up_id = :followUp, message_id = :message
                         where rule_id = :rule and customer_id = :customer and occurrence = :occurrence""")
                .setParameter("outcome", outcome.column()).setParameter("followUp", followUp).setParameter("message", message)
                .setParameter("rule", rule.id()).setParameter("customer", profile.customerId()).setParameter("occurrence", occurrence)
                .executeUpdate();
        LOG.debugf("rule %s for customer %s (%s): %s", rule.name(), profile.customerId(), occurrence, outcome);
        return outcome;
    }
}
