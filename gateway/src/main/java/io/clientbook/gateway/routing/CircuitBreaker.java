package io.clientbook.gateway.routing;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One downstream service's circuit: after {@code threshold} failures in a row (unreachable, timed out,
 * 503) it opens and the gateway answers 503 at once for {@code openFor}, sparing a struggling service
 * and the callers' time; then one trial request goes through, and its outcome closes or reopens it.
 * Plain Java, tested with a fake clock.
 */
final class CircuitBreaker {

    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long openForMillis;
    private final LongSupplier clock;
    private State state = State.CLOSED;
    private int failuresInARow;
    private long openedAt;
    private boolean trialInFlight;

    CircuitBreaker(int threshold, Duration openFor, LongSupplier clock) {
        this.threshold = threshold;
        this.openForMillis = openFor.toMillis();
        this.clock = clock;
    }

    /** Whether a request may go to the service now. */
    synchronized boolean allowRequest() {
        if (state == State.OPEN && clock.getAsLong() - openedAt >= openForMillis) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (trialInFlight) {
                    yield false;
                }
                trialInFlight = true;
                yield true;
            }
        };
    }

    synchronized void succeeded() {
        state = State.CLOSED;
        failuresInARow = 0;
        trialInFlight = false;
    }

    synchronized void failed() {
        failuresInARow++;
        if (state == State.HALF_OPEN || failuresInARow >= threshold) {
            state = State.OPEN;
            openedAt = clock.getAsLong();
            trialInFlight = false;
        }
    }

    /** Seconds until a trial request may go through (at least 1). */
    synchronized long retryAfterSeconds() {
        return Math.max(1, (openedAt + openForMillis - clock.getAsLong() + 999) / 1000);
    }

    synchronized State state() {
        return state;
    }
}
