package io.clientbook.platform.inbox;

import jakarta.persistence.OptimisticLockException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransientFailuresTest {

    @Test
    void lostRacesAreTransientWhereverTheyHideInTheCauseChain() {
        assertTrue(TransientFailures.isTransient(new OptimisticLockException("stale")));
        assertTrue(TransientFailures.isTransient(new RuntimeException("commit failed", new OptimisticLockException("stale"))));
        assertTrue(TransientFailures.isTransient(new IllegalStateException("tx", new SQLException("deadlock detected", "40P01"))));
        assertTrue(TransientFailures.isTransient(new RuntimeException(new SQLException("could not serialize", "40001"))));
        assertFalse(TransientFailures.isTransient(new SQLException("duplicate key", "23505")));
        assertFalse(TransientFailures.isTransient(new IllegalArgumentException("malformed event")));
    }

    @Test
    void aTransientFailureIsTriedAgainUntilItSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        String result = TransientFailures.retry(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new RuntimeException("flush failed", new OptimisticLockException("a concurrent write won"));
            }
            return "applied";
        }, 5, Duration.ofMillis(1));
        assertEquals("applied", result);
        assertEquals(3, attempts.get());
    }

    @Test
    void anythingElseFailsAtOnceAndALastingRaceFailsAfterTheLastAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(IllegalArgumentException.class, () -> TransientFailures.retry(() -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("malformed");
        }, 5, Duration.ofMillis(1)));
        assertEquals(1, attempts.get());

        attempts.set(0);
        assertThrows(OptimisticLockException.class, () -> TransientFailures.retry(() -> {
            attempts.incrementAndGet();
            throw new OptimisticLockException("always stale");
        }, 4, Duration.ofMillis(1)));
        assertEquals(4, attempts.get());
    }
}
