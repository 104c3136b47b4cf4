package io.clientbook.platform.schedule;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** How scheduled jobs share out across the instances of a service. */
@ConfigMapping(prefix = "clientbook.jobs")
public interface JobsConfig {

    /**
     * The shortest lease on a job: how long the other instances wait before they take over from a holder that
     * stopped without releasing it (a crash). A job's lease also covers at least two of its periods.
     */
    @WithDefault("30s")
    Duration leaseMin();

    /** This instance's name in the lease table; defaults to the host name (the pod name) and the process id. */
    Optional<String> instance();
}
