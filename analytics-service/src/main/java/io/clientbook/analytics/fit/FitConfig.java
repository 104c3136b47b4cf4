package io.clientbook.analytics.fit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How model fits run. */
@ConfigMapping(prefix = "clientbook.analytics.fits")
public interface FitConfig {

    /** A fit done within this time answers 201 with the result; a longer one answers 202 and runs on. */
    @WithDefault("20s")
    Duration answerWithin();

    /** Customers read from the database per round while summarising a population. */
    @WithDefault("10000")
    int readChunk();
}
