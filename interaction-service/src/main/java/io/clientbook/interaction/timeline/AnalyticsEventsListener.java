package io.clientbook.interaction.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.events.analytics.CustomerChurnRiskChanged;
import io.clientbook.events.analytics.CustomerSegmentChanged;
import io.clientbook.interaction.care.CustomerProfiles;
import io.clientbook.interaction.rule.RuleEngine;
import io.clientbook.interaction.rule.TriggerType;
import io.clientbook.platform.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;

/**
 * Analytics' churn-level and segment changes: kept on the profile (rule conditions) and firing churn-risk
 * rules (win-back) and segment rules.
 */
@ApplicationScoped
public class AnalyticsEventsListener {

    static final String CONSUMER = "interaction.analytics";

    private final Inbox inbox;
    private final CustomerProfiles profiles;
    private final TimelineService timeline;
    private final RuleEngine rules;
    private final ObjectMapper mapper;

    AnalyticsEventsListener(Inbox inbox, CustomerProfiles profiles, TimelineService timeline, RuleEngine rules, ObjectMapper mapper) {
        this.inbox = inbox;
        this.profiles = profiles;
        this.timeline = timeline;
        this.rules = rules;
        this.mapper = mapper;
    }

    @Incoming("analytics-events")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        inbox.applyOnce(CONSUMER, record, Set.of(CustomerChurnRiskChanged.TYPE, CustomerSegmentChanged.TYPE), event -> {
            event.as(CustomerChurnRiskChanged.TYPE, mapper).ifPresent(changed -> {
                java.util.UUID customer = timeline.currentCustomer(changed.customerId());
                profiles.churnLevel(customer, changed.level());
                rules.onEvent(event.id(), customer, TriggerType.CHURN_RISK_CHANGED, changed.level(), changed.changedAt());
            });
            event.as(CustomerSegmentChanged.TYPE, mapper).ifPresent(changed -> {
                java.util.UUID customer = timeline.currentCustomer(changed.customerId());
                profiles.segment(customer, changed.segment());
                if (changed.segment() != null) {
                    rules.onEvent(event.id(), customer, TriggerType.SEGMENT_CHANGED, changed.segment(), changed.changedAt());
                }
            });
        });
    }
}
