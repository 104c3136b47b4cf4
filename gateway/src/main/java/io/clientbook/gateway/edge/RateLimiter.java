package io.clientbook.gateway.edge;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed-window request counters per key (principal and route class). Plain Java, so it is tested
 * without Quarkus; counters live in this gateway replica only.
 */
public final class RateLimiter {

    /** What one request may do: allowed or not, the quota, what is left, and seconds until the window resets. */
    public record Decision(boolean allowed, long quota, long remaining, long resetSeconds, long windowSeconds) {
    }

    private record Window(long startMillis, long count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** Counts one request for {@code key} against {@code quota} per {@code window}, at {@code nowMillis}. */
    public Decision acquire(String key, long quota, Duration window, long nowMillis) {
        long length = window.toMillis();
        Window current = windows.compute(key, (k, w) -> {
            if (w == null || nowMillis - w.startMillis() >= length) {
                return new Window(nowMillis - Math.floorMod(nowMillis, length), 1);
            }
            return new Window(w.startMillis(), w.count() + 1);
        });
        long reset = Math.max(1, (current.startMillis() + length - nowMillis + 999) / 1000);
        boolean allowed = current.count() <= quota;
        return new Decision(allowed, quota, Math.max(0, quota - current.count()), reset, window.toSeconds());
    }

    /** Drops counters whose window ended; called now and then so idle principals do not accumulate. */
    public void forgetEnded(Duration longestWindow, long nowMillis) {
        windows.entrySet().removeIf(e -> nowMillis - e.getValue().startMillis() >= longestWindow.toMillis());
    }

    int size() {
        return windows.size();
    }
}
