package io.clientbook.analytics.activity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.events.EventType;
import io.clientbook.events.interaction.InteractionLogged;
import io.clientbook.events.interaction.SlaBreached;
import io.clientbook.events.interaction.SurveyResponded;
import io.clientbook.events.interaction.TicketOpened;
import io.clientbook.events.interaction.TicketResolved;
import io.clientbook.platform.inbox.Inbox;
import io.clientbook.platform.inbox.IncomingEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Keeps the relationship facts analytics reports on (interactions, tickets, SLA breaches, survey answers), each
 * event exactly once (inbox), a poll's records in one transaction; the other interaction events are skipped.
 */
@ApplicationScoped
public class InteractionEventsListener {

    private static final Set<EventType<?>> WANTED = Set.of(InteractionLogged.TYPE, TicketOpened.TYPE, TicketResolved.TYPE,
            SlaBreached.TYPE, SurveyResponded.TYPE);
    static final String CONSUMER = "analytics.activity";

    private final Inbox inbox;
    private final ActivityService activity;
    private final ObjectMapper mapper;

    InteractionEventsListener(Inbox inbox, ActivityService activity, ObjectMapper mapper) {
        this.inbox = inbox;
        this.activity = activity;
        this.mapper = mapper;
    }

    @Incoming("interaction-events")
    @Blocking
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        return inbox.applyBatch(CONSUMER, batch, WANTED, () -> this::apply);
    }

    private void apply(IncomingEvent event) {
        event.as(InteractionLogged.TYPE, mapper).ifPresent(i ->
                activity.record("interaction", i.interactionId(), i.channel(), i.customerId(), null, null, i.occurredAt()));
        event.as(TicketOpened.TYPE, mapper).ifPresent(t ->
                activity.record("ticket-opened", t.ticketId(), t.type(), t.customerId(), null, null, t.openedAt()));
        event.as(TicketResolved.TYPE, mapper).ifPresent(t ->
                activity.record("ticket-resolved", t.ticketId(), t.type(), t.customerId(), null, t.resolutionBreached(), t.resolvedAt()));
        event.as(SlaBreached.TYPE, mapper).ifPresent(b ->
                activity.record("sla-breached", b.ticketId(), b.target(), b.customerId(), null, true, b.at()));
        event.as(SurveyResponded.TYPE, mapper).ifPresent(s ->
                activity.record("survey", s.responseId(), s.kind(), s.customerId(), s.score(), null, s.respondedAt()));
    }
}
