package io.clientbook.interaction.timeline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One thing on a customer's timeline. */
@Entity
@Table(name = "timeline_entry")
public class TimelineEntry {

    @Id
    private UUID id;

    @Column(name = "customer_id", nullable = false)
    private UUID customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TimelineKind kind;

    @Column(nullable = false)
    private String type;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    private String summary;

    @Column(name = "source_event_id")
    private UUID sourceEventId;

    protected TimelineEntry() {
    }

    /** An entry recording a customer event; its id is the event's, so replaying the event adds nothing. */
    static TimelineEntry ofCustomerEvent(UUID eventId, UUID customerId, String type, Instant occurredAt, String summary) {
        TimelineEntry entry = new TimelineEntry();
        entry.id = eventId;
        entry.sourceEventId = eventId;
        entry.customerId = customerId;
        entry.kind = TimelineKind.CUSTOMER_EVENT;
        entry.type = type;
        entry.occurredAt = occurredAt;
        entry.summary = summary;
        return entry;
    }

    /** An entry for something this service holds (an interaction, a follow-up, a message), under that thing's id. */
    static TimelineEntry of(UUID id, UUID customerId, TimelineKind kind, String type, Instant occurredAt, String summary) {
        TimelineEntry entry = new TimelineEntry();
        entry.id = id;
        entry.customerId = customerId;
        entry.kind = kind;
        entry.type = type;
        entry.occurredAt = occurredAt;
        entry.summary = summary;
        return entry;
    }

    void summarise(String summary) {
        this.summary = summary;
    }

    /** The entry belongs on another customer's timeline (the survivor of a merge). */
    void moveTo(UUID customer) {
        this.customerId = customer;
    }

    public UUID id() {
        return id;
    }

    public UUID customerId() {
        return customerId;
    }

    public TimelineKind kind() {
        return kind;
    }

    public String type() {
        return type;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String summary() {
        return summary;
    }
}
