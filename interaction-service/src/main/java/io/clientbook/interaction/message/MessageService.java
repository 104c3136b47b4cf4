package io.clientbook.interaction.message;

import io.clientbook.events.interaction.ConsentRevoked;
import io.clientbook.events.message.MessageRequested;
import io.clientbook.interaction.care.CareClock;
import io.clientbook.interaction.care.CustomerAccess;
import io.clientbook.interaction.care.CustomerProfiles;
import io.clientbook.interaction.interaction.Channel;
import io.clientbook.interaction.message.dto.MessageView;
import io.clientbook.interaction.message.dto.OutcomeInput;
import io.clientbook.interaction.timeline.TimelineKind;
import io.clientbook.interaction.timeline.TimelineService;
import io.clientbook.platform.outbox.Outbox;
import io.clientbook.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Care messages: this service sends nothing itself. A message due now is published as message.requested
 * for a delivery adapter; one due later waits as scheduled, and its consent is checked again when it falls
 * due. Outcomes come back from the adapter; an unsubscribe or a hard bounce revokes the consent.
 */
@ApplicationScoped
public class MessageService {

    private final EntityManager em;
    private final TimelineService timeline;
    private final CustomerProfiles profiles;
    private final CustomerAccess access;
    private final Outbox outbox;
    private final CareClock clock;

    MessageService(EntityManager em, TimelineService timeline, CustomerProfiles profiles, CustomerAccess access, Outbox outbox,
                   CareClock clock) {
        this.em = em;
        this.timeline = timeline;
        this.profiles = profiles;
        this.access = access;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Stores a message (the caller checked consent) and requests it at once when it is due. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID request(UUID customerId, Channel channel, String templateKey, String purpose, Map<String, String> variables, UUID ruleId,
                        Instant sendAt) {
        Instant now = clock.now();
        OutboundMessage m = new OutboundMessage();
        m.id = UUID.randomUUID();
        m.channel = channel;
        m.templateKey = templateKey;
        m.purpose = purpose;
        m.variables = variables == null ? Map.of() : Map.copyOf(variables);
        m.ruleId = ruleId;
        m.sendAt = sendAt.isBefore(now) ? now : sendAt;
        m.status = MessageStatus.SCHEDULED;
        m.createdAt = now;
        m.customerId = timeline.record(m.id, customerId, TimelineKind.MESSAGE, "message." + templateKey, m.sendAt, line(m));
        em.persist(m);
        if (!m.sendAt.isAfter(now)) {
            send(m, now);
        }
        return m.id;
    }

    /** Requests the scheduled messages that fell due (consent checked again); returns how many it handled. */
    @Transactional
    public int dispatchDue() {
        Instant now = clock.now();
        List<OutboundMessage> due = em.createQuery("""
                        select m from OutboundMessage m where m.status = io.clientbook.interaction.message.MessageStatus.SCHEDULED
                           and m.sendAt <= :now order by m.sendAt""", OutboundMessage.class)
                .setParameter("now", now).setMaxResults(1000).getResultList();
        due.forEach(m -> send(m, now));
        return due.size();
    }

    private void send(OutboundMessage m, Instant now) {
        boolean allowed = profiles.find(m.customerId).map(p -> p.mayContact(m.channel.apiName(), m.purpose)).orElse(false);
        if (!allowed) {
            m.status = MessageStatus.SUPPRESSED;
        } else {
            m.status = MessageStatus.REQUESTED;
            m.requestedAt = now;
            outbox.record(MessageRequested.TYPE, m.customerId.toString(), new MessageRequested(m.id, m.customerId, m.channel.apiName(),
                    m.templateKey, m.purpose, m.variables, m.ruleId, now));
        }
        timeline.summarise(m.id, line(m));
    }

    /**
     * Records what the delivery adapter reports. Repeating an outcome changes nothing; an unsubscribe revokes
     * the consent for the message's channel and purpose, a permanent bounce the channel's consents for every
     * purpose (consent.revoked, which customer-service writes onto the record).
     */
    @Transactional
    public MessageView outcome(UUID id, OutcomeInput input) {
        OutboundMessage m = em.find(OutboundMessage.class, id);
        if (m == null) {
            throw new ProblemException.NotFound("Message", id);
        }
        if (m.status == MessageStatus.SCHEDULED || m.status == MessageStatus.SUPPRESSED) {
            throw new ProblemException(409, "/problems/conflict", "Not sent", "Message " + id + " was never requested (" + m.status.apiName()
                    + ")", List.of(), Map.of());
        }
        MessageStatus next = input.outcome().status();
        if (m.status == next) {
            return view(m);
        }
        if (m.status == MessageStatus.UNSUBSCRIBED || m.status == MessageStatus.BOUNCED) {
            return view(m); // a later "opened" does not undo an unsubscribe or a bounce
        }
        Instant at = input.at() == null ? clock.now() : input.at();
        m.status = next;
        m.outcomeAt = at;
        if (next == MessageStatus.UNSUBSCRIBED) {
            revoke(m, m.purpose, "unsubscribed", at);
        } else if (next == MessageStatus.BOUNCED && Boolean.TRUE.equals(input.permanent())) {
            revoke(m, "marketing", "bounced", at);
            revoke(m, "service", "bounced", at);
        }
        timeline.summarise(m.id, line(m));
        return view(m);
    }

    private void revoke(OutboundMessage m, String purpose, String reason, Instant at) {
        outbox.record(ConsentRevoked.TYPE, m.customerId.toString(), new ConsentRevoked(m.customerId, m.channel.apiName(), purpose, reason,
                m.id, at));
    }

    public MessageView get(UUID id) {
        OutboundMessage m = em.find(OutboundMessage.class, id);
        if (m == null || !access.maySee(m.customerId)) {
            throw new ProblemException.NotFound("Message", id);
        }
        return view(m);
    }

    private static String line(OutboundMessage m) {
        return "Message " + m.templateKey + " by " + m.channel.apiName() + " — " + m.status.apiName();
    }

    private static MessageView view(OutboundMessage m) {
        return new MessageView(m.id, m.customerId, m.channel, m.templateKey, m.purpose, m.variables, m.ruleId, m.status, m.sendAt,
                m.requestedAt, m.outcomeAt);
    }
}
