package io.clientbook.gateway.routing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), now::get);

    @Test
    void failuresInARowOpenTheCircuitAndASuccessInBetweenResetsTheCount() {
        breaker.failed();
        breaker.failed();
        breaker.succeeded();
        breaker.failed();
        breaker.failed();
        assertTrue(breaker.allowRequest());
        breaker.failed();
        assertFalse(breaker.allowRequest(), "three in a row open it");
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        now.addAndGet(4_000);
        assertEquals(6, breaker.retryAfterSeconds());
    }

    @Test
    void afterTheOpenPeriodOneTrialDecides() {
        for (int i = 0; i < 3; i++) {
            breaker.failed();
        }
        now.addAndGet(10_000);
        assertTrue(breaker.allowRequest(), "the trial");
        assertFalse(breaker.allowRequest(), "only one trial at a time");
        breaker.failed();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state(), "a failed trial reopens it");
        now.addAndGet(10_000);
        assertTrue(breaker.allowRequest());
        breaker.succeeded();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.allowRequest());
        assertTrue(breaker.allowRequest());
    }
}
