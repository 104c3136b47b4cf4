package io.clientbook.gateway.routing;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RouteTableTest {

    private final RouteTable table = new RouteTable(List.of(
            new RouteTable.Entry("/api/v1/customers/*/timeline/**", "interaction"),
            new RouteTable.Entry("/api/v1/analytics/**", "analytics"),
            new RouteTable.Entry("/api/v1/customers/**", "customer")));

    @Test
    void theFirstMatchingPatternWins() {
        assertEquals(Optional.of("interaction"), table.serviceFor("/api/v1/customers/123/timeline"));
        assertEquals(Optional.of("interaction"), table.serviceFor("/api/v1/customers/123/timeline/"));
        assertEquals(Optional.of("customer"), table.serviceFor("/api/v1/customers/123"));
        assertEquals(Optional.of("customer"), table.serviceFor("/api/v1/customers"));
        assertEquals(Optional.of("customer"), table.serviceFor("/api/v1/customers/123/merge"));
        assertEquals(Optional.of("analytics"), table.serviceFor("/api/v1/analytics/customers/1"));
    }

    @Test
    void segmentsMatchWhole() {
        assertEquals(Optional.empty(), table.serviceFor("/api/v1/customersX/1"));
        assertEquals(Optional.of("customer"), table.serviceFor("/api/v1/customers/1/timelineX"));
        assertEquals(Optional.empty(), table.serviceFor("/api/v2/customers/1"));
    }

    @Test
    void badPatternsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RouteTable.compile("api/v1"));
        assertThrows(IllegalArgumentException.class, () -> RouteTable.compile("/api/**/x"));
    }
}
