package io.clientbook.analytics.fit;

import java.util.UUID;

/** Fired (asynchronously) after a fit completed, so current scores can follow the new parameters. */
public record FitCompleted(UUID fitId, String model) {
}
