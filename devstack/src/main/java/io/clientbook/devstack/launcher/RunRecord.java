package io.clientbook.devstack.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What the launcher remembers of a process it started, in {@code .crm/run/NAME.properties}: enough for
 * {@code ./crm status} and {@code ./crm down} in another JVM to find it again, and to tell it from an
 * unrelated process that later got the same pid.
 */
record RunRecord(String name, long pid, Instant processStart, List<Integer> ports, Path log) {

    static Path file(Path runDir, String name) {
        return runDir.resolve(name + ".properties");
    }

    void save(Path runDir) {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(pid));
        p.setProperty("processStart", processStart.toString());
        p.setProperty("ports", String.join(",", ports.stream().map(String::valueOf).toList()));
        p.setProperty("log", log.toString());
        try {
            Files.createDirectories(runDir);
            try (Writer out = Files.newBufferedWriter(file(runDir, name))) {
                p.store(out, "Clientbook launcher: " + name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<RunRecord> load(Path runDir, String name) {
        Path file = file(runDir, name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
            return Optional.of(new RunRecord(name, Long.parseLong(p.getProperty("pid")),
                    Instant.parse(p.getProperty("processStart")),
                    Arrays.stream(p.getProperty("ports").split(",")).map(Integer::valueOf).toList(),
                    Path.of(p.getProperty("log"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static void delete(Path runDir, String name) {
        try {
            Files.deleteIfExists(file(runDir, name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The live process this record names, if it still runs (and is the same process). */
    Optional<ProcessHandle> process() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().startInstant().map(s -> s.equals(processStart)).orElse(true));
    }
}
