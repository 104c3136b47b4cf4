package io.clientbook.interaction.interaction;

import io.clientbook.interaction.care.CareClock;
import io.clientbook.interaction.care.CustomerAccess;
import io.clientbook.interaction.interaction.dto.InteractionInput;
import io.clientbook.interaction.interaction.dto.InteractionView;
import io.clientbook.interaction.timeline.TimelineKind;
import io.clientbook.interaction.timeline.TimelineService;
import io.clientbook.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import io.clientbook.events.interaction.InteractionLogged;
import io.clientbook.platform.outbox.Outbox;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.util.UUID;

/** Records contacts on the customer's timeline and reads them back, within what the caller may see. */
@ApplicationScoped
public class InteractionService {

    /** How far ahead of now an interaction may be dated (clock drift between devices), not more. */
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final EntityManager em;
    private final TimelineService timeline;
    private final CustomerAccess access;
    private final CareClock clock;
    private final Outbox outbox;

    InteractionService(EntityManager em, TimelineService timeline, CustomerAccess access, CareClock clock, Outbox outbox) {
        this.outbox = outbox;
        this.em = em;
        this.timeline = timeline;
        this.access = access;
        this.clock = clock;
    }

    @Transactional
    public InteractionView record(InteractionInput input, String caller) {
        access.requireVisible(timeline.currentCustomer(input.customerId()));
        var now = clock.now();
        if (input.occurredAt() != null && input.occurredAt().isAfter(now.plus(FUTURE_TOLERANCE))) {
            throw new ProblemException.Invalid("occurredAt", "must not be in the future");
        }
        Interaction i = new Interaction();
        i.id = UUID.randomUUID();
        i.channel = input.channel();
        i.direction = input.direction();
        i.occurredAt = input.occurredAt() == null ? now : input.occurredAt();
        i.durationSeconds = input.durationSeconds();
        i.subject = input.subject();
        i.summary = input.summary();
        i.outcome = input.outcome();
        i.agentId = input.agentId() == null ? caller : input.agentId();
        i.orderId = input.orderId();
        i.ticketId = input.ticketId();
        i.createdBy = caller;
        i.createdAt = now;
        // the timeline resolves a merged customer to its survivor and remembers the move, so an unmerge takes it back
        i.customerId = timeline.record(i.id, input.customerId(), TimelineKind.INTERACTION, i.channel.apiName() + "." + i.direction.apiName(),
                i.occurredAt, line(i));
        em.persist(i);
        outbox.record(InteractionLogged.TYPE, i.customerId.toString(), new InteractionLogged(i.id, i.customerId, i.channel.apiName(),
                i.direction.apiName(), i.occurredAt));
        return view(i);
    }

    public InteractionView get(UUID id) {
        Interaction i = em.find(Interaction.class, id);
        if (i == null || i.customerId == null || !access.maySee(i.customerId)) {
            throw new ProblemException.NotFound("Interaction", id);
        }
        return view(i);
    }

    /** The timeline's one line: the subject, else the outcome, else the channel and direction. */
    private static String line(Interaction i) {
        String text = i.subject != null ? i.subject : i.outcome != null ? i.outcome
                : capitalised(i.direction.apiName()) + " " + i.channel.apiName();
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static InteractionView view(Interaction i) {
        return new InteractionView(i.id, i.customerId, i.channel, i.direction, i.occurredAt, i.durationSeconds, i.subject, i.summary,
                i.outcome, i.agentId, i.orderId, i.ticketId, i.createdBy, i.createdAt);
    }
}
