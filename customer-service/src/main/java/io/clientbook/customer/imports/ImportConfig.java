package io.clientbook.customer.imports;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Bulk import jobs ({@code clientbook.imports.*}). */
@ConfigMapping(prefix = "clientbook.imports")
public interface ImportConfig {

    /** Work jobs on this instance (every instance does by default; one instance works a job at a time). */
    @WithDefault("true")
    boolean enabled();

    /** Rows in a file at most; a longer file is refused (413) and nothing of it imported. */
    @WithDefault("5000000")
    long maxRows();

    /** The longest NDJSON line or CSV field, in characters. */
    @WithDefault("1000000")
    int maxLineLength();

    /** How often an idle runner looks for a job. */
    @WithDefault("1s")
    Duration idlePoll();

    /** A running job whose runner has not reported for this long is taken over by another instance. */
    @WithDefault("2m")
    Duration takeOverAfter();
}
