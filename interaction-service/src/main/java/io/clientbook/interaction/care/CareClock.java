package io.clientbook.interaction.care;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The service's one source of "now": rules, due times, overdue checks and escalations all read it, so a
 * test can move time (QuarkusMock) instead of waiting for it.
 */
@ApplicationScoped
public class CareClock {

    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
