package io.clientbook.devstack.launcher;

import java.nio.file.Path;

/** A component did not come up; names it and the log file that says why. */
public final class LaunchException extends Exception {

    private final String component;
    private final Path log;

    LaunchException(String component, Path log, String message) {
        super(message);
        this.component = component;
        this.log = log;
    }

    public String component() {
        return component;
    }

    public Path log() {
        return log;
    }
}
