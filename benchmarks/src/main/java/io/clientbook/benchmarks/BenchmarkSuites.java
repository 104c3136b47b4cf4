package io.clientbook.benchmarks;

import io.clientbook.devstack.infra.FreePorts;
import io.clientbook.devstack.launcher.Suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The suite a benchmark runs on: always fresh, in benchmarks/target, on a free gateway port. */
final class BenchmarkSuites {

    private BenchmarkSuites() {
    }

    /**
     * A suite whose state lives in {@code benchmarks/target/<name>}, emptied first: old data would skew the
     * figures, and recorded ports could collide with the freshly picked gateway port.
     */
    static Suite fresh(String name) throws IOException {
        Path root = Path.of(System.getProperty("clientbook.root", ".")).toAbsolutePath().normalize();
        Path home = root.resolve("benchmarks/target/" + name);
        if (Files.exists(home)) {
            try (var paths = Files.walk(home)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        Files.createDirectories(home);
        return new Suite(root, home, "127.0.0.1", FreePorts.pick(), line -> System.err.println("[suite] " + line));
    }
}
