package io.clientbook.customer.change;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Change feed settings. */
@ConfigMapping(prefix = "clientbook.change-feed")
public interface ChangeFeedConfig {

    /** How long changes stay in the feed; a reader further behind starts again from the oldest retained change. */
    @WithDefault("P30D")
    Duration retention();
}
