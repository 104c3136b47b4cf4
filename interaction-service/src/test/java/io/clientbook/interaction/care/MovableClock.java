package io.clientbook.interaction.care;

import java.time.Duration;
import java.time.Instant;

/** A CareClock a test sets and moves (installed with QuarkusMock for one test). */
public class MovableClock extends CareClock {

    private volatile Instant now;

    public MovableClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant now() {
        return now;
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }
}
