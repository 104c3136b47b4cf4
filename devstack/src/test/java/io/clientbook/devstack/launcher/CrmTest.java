package io.clientbook.devstack.launcher;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CrmTest {

    @Test
    void lifetimesReadAsPeopleWriteThem() {
        assertEquals(Duration.ofSeconds(90), Crm.parseDuration("90s"));
        assertEquals(Duration.ofMinutes(30), Crm.parseDuration("30m"));
        assertEquals(Duration.ofHours(12), Crm.parseDuration("12h"));
        assertEquals(Duration.ofDays(2), Crm.parseDuration("2d"));
        assertEquals(Duration.ofHours(1), Crm.parseDuration("PT1H"));
        assertEquals(Duration.ofHours(1), Crm.parseDuration("pt1h"));
    }

    @Test
    void nonsenseIsRefusedWithAHint() {
        for (String bad : new String[] {"", "h", "12x", "twelve hours", "P"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Crm.parseDuration(bad), bad);
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("12h"), e.getMessage());
        }
    }
}
