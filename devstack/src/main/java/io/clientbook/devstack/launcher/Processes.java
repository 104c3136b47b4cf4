package io.clientbook.devstack.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** Operating-system facts about processes: resident memory, and stopping a process tree for good. */
final class Processes {

    private Processes() {
    }

    /** Resident memory of the process and its descendants in bytes (0 where /proc is absent). */
    static long residentBytes(ProcessHandle process) {
        return Stream.concat(Stream.of(process), process.descendants()).mapToLong(Processes::ownResidentBytes).sum();
    }

    private static long ownResidentBytes(ProcessHandle process) {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process ended meanwhile, or this is not Linux
        }
        return 0;
    }

    /**
     * Asks the process to stop (SIGTERM), waits up to {@code grace}, then kills what is left of it and of
     * every process it started. Returns once all of them have exited.
     */
    static void stop(ProcessHandle process, Duration grace) {
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process)).toList();
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
        } catch (Exception e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle handle : tree) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // reported by the caller's port check
            }
        }
    }

    static String formatBytes(long bytes) {
        return bytes < 1024 * 1024 ? bytes / 1024 + " KiB" : Math.round(bytes / 1024.0 / 1024.0) + " MiB";
    }
}
