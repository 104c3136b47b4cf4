package io.clientbook.events;

import io.clientbook.events.analytics.CustomerLifecycleStageChanged;
import io.clientbook.events.analytics.CustomerChurnRiskChanged;
import io.clientbook.events.analytics.CustomerClvChanged;
import io.clientbook.events.analytics.CustomerSegmentChanged;
import io.clientbook.events.analytics.CustomerTierChanged;
import io.clientbook.events.customer.CustomerArchived;
import io.clientbook.events.interaction.ConsentRevoked;
import io.clientbook.events.interaction.FollowUpEscalated;
import io.clientbook.events.interaction.FollowUpOverdue;
import io.clientbook.events.interaction.InteractionLogged;
import io.clientbook.events.interaction.SlaBreached;
import io.clientbook.events.interaction.SlaWarning;
import io.clientbook.events.interaction.SurveyResponded;
import io.clientbook.events.interaction.TicketOpened;
import io.clientbook.events.interaction.TicketResolved;
import io.clientbook.events.message.MessageRequested;
import io.clientbook.events.customer.CustomerCreated;
import io.clientbook.events.customer.CustomerErased;
import io.clientbook.events.customer.CustomerMerged;
import io.clientbook.events.customer.CustomerUnmerged;
import io.clientbook.events.customer.CustomerUpdated;
import io.clientbook.events.customer.LoyaltyChanged;
import io.clientbook.events.customer.OrderRecorded;
import io.clientbook.events.customer.OrderUpdated;
import io.clientbook.events.privacy.ErasureConfirmed;
import io.clientbook.events.audit.AuditRecorded;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type Clientbook publishes; docs/events.md describes the same list. */
public final class EventCatalog {

    public static final List<EventType<?>> ALL = List.of(
            CustomerCreated.TYPE, CustomerUpdated.TYPE, CustomerArchived.TYPE, CustomerMerged.TYPE, CustomerUnmerged.TYPE,
            OrderRecorded.TYPE, OrderUpdated.TYPE, LoyaltyChanged.TYPE, CustomerErased.TYPE, ErasureConfirmed.TYPE,
            CustomerTierChanged.TYPE, CustomerSegmentChanged.TYPE, CustomerLifecycleStageChanged.TYPE, CustomerChurnRiskChanged.TYPE, CustomerClvChanged.TYPE,
            FollowUpOverdue.TYPE, FollowUpEscalated.TYPE, ConsentRevoked.TYPE, MessageRequested.TYPE,
            InteractionLogged.TYPE, TicketOpened.TYPE, TicketResolved.TYPE, SlaWarning.TYPE, SlaBreached.TYPE, SurveyResponded.TYPE,
            AuditRecorded.TYPE);

    private static final Map<String, EventType<?>> BY_CLOUD_EVENT_TYPE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(EventType::cloudEventType, Function.identity()));

    private EventCatalog() {
    }

    /** The event type for a CloudEvents {@code type} attribute, empty for one this build does not know. */
    public static Optional<EventType<?>> byCloudEventType(String cloudEventType) {
        return Optional.ofNullable(BY_CLOUD_EVENT_TYPE.get(cloudEventType));
    }
}
