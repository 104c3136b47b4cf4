package io.clientbook.interaction.followup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "clientbook.interaction.follow-ups")
public interface FollowUpConfig {

    /** How long a follow-up may stay overdue before it goes to the team manager. */
    @WithDefault("P1D")
    Duration escalateAfter();

    /** How often overdue follow-ups are looked for ("off" in tests, which run the watch by hand). */
    @WithDefault("1m")
    String watchEvery();
}
