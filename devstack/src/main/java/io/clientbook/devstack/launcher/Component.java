package io.clientbook.devstack.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One process the launcher runs: its name, the port it serves, how to start it, and how to tell it is
 * ready to take work.
 *
 * @param ports every port it listens on, the first being the one users see
 */
record Component(String name, List<Integer> ports, List<String> command, Map<String, String> environment,
                 Path workingDirectory, BooleanSupplier ready, Duration startTimeout) {

    int port() {
        return ports.getFirst();
    }
}
