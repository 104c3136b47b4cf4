package io.clientbook.gateway.edge;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void aQuotaIsSpentWithinItsWindowAndRenewedWithTheNext() {
        RateLimiter limiter = new RateLimiter();
        long start = 1_800_000_000_000L; // on a window boundary
        for (int i = 1; i <= 3; i++) {
            RateLimiter.Decision decision = limiter.acquire("ann|reads", 3, MINUTE, start + i * 1000);
            assertTrue(decision.allowed());
            assertEquals(3 - i, decision.remaining());
        }
        RateLimiter.Decision refused = limiter.acquire("ann|reads", 3, MINUTE, start + 20_000);
        assertFalse(refused.allowed());
        assertEquals(0, refused.remaining());
        assertEquals(40, refused.resetSeconds());
        assertTrue(limiter.acquire("bob|reads", 3, MINUTE, start + 20_000).allowed(), "each principal has its own quota");
        assertTrue(limiter.acquire("ann|reads", 3, MINUTE, start + 60_000).allowed(), "the next window starts afresh");
    }

    @Test
    void countersOfEndedWindowsAreForgotten() {
        RateLimiter limiter = new RateLimiter();
        limiter.acquire("ann|reads", 3, MINUTE, 0);
        limiter.acquire("bob|reads", 3, MINUTE, 59_000);
        limiter.forgetEnded(MINUTE, 61_000);
        assertEquals(0, limiter.size());
    }
}
