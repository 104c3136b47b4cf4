package io.clientbook.analytics.rescoring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How rescoring jobs run. */
@ConfigMapping(prefix = "clientbook.analytics.rescoring")
public interface RescoringConfig {

    /**
     * Chunks scored and id ranges classified side by side, each in its own transaction on its own database
     * connection: about the cores the service and its database can spare.
     */
    @WithDefault("2")
    int parallelism();
}
