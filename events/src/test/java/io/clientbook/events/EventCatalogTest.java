package io.clientbook.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.clientbook.events.customer.CustomerCreated;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventCatalogTest {

    @Test
    void customerCreatedHasItsCloudEventTypeAndTopic() {
        assertEquals("clientbook.customer.created.v1", CustomerCreated.TYPE.cloudEventType());
        assertEquals(Topics.CUSTOMERS, CustomerCreated.TYPE.topic());
        assertEquals(CustomerCreated.TYPE, EventCatalog.byCloudEventType("clientbook.customer.created.v1").orElseThrow());
        assertTrue(EventCatalog.byCloudEventType("clientbook.customer.created.v9").isEmpty());
    }

    @Test
    void cloudEventTypesAreUnique() {
        var seen = new HashSet<String>();
        EventCatalog.ALL.forEach(t -> assertTrue(seen.add(t.cloudEventType()), t.cloudEventType()));
    }

    @Test
    void anEventNameIsDottedLowerCase() {
        assertThrows(IllegalArgumentException.class, () -> EventType.of("customer", "OrderCreated", 1, String.class));
        assertThrows(IllegalArgumentException.class, () -> EventType.of("customer", "order", 1, String.class));
    }

    @Test
    void orderEventsTravelWithTheirCustomerAndAnalyticsEventsOnTheirOwnTopic() {
        assertEquals(Topics.CUSTOMERS, io.clientbook.events.customer.OrderRecorded.TYPE.topic());
        assertEquals(Topics.ANALYTICS, io.clientbook.events.analytics.CustomerTierChanged.TYPE.topic());
    }

    @Test
    void payloadRoundTripsThroughJson() throws Exception {
        var mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        var event = CustomerCreated.of(UUID.randomUUID(), "dev-admin", Instant.parse("2026-11-22T07:00:00Z"));
        String json = mapper.writeValueAsString(event);
        assertTrue(json.contains("\"createdAt\":\"2026-11-22T07:00:00Z\""), json);
        assertEquals(event, mapper.readValue(json, CustomerCreated.class));
    }
}
