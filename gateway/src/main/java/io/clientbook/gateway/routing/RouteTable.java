package io.clientbook.gateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Decides which service owns a path; the first matching pattern wins. Plain Java, tested without Quarkus. */
public final class RouteTable {

    private record CompiledRoute(String pattern, Pattern regex, String service, Optional<Duration> timeout) {
    }

    private final List<CompiledRoute> routes;

    public RouteTable(List<Entry> entries) {
        this.routes = entries.stream().map(e -> new CompiledRoute(e.pattern(), compile(e.pattern()), e.service(), e.timeout())).toList();
    }

    /** A route: its pattern, the owning service, and how long to wait for it when not the default. */
    public record Entry(String pattern, String service, Optional<Duration> timeout) {
        public Entry(String pattern, String service) {
            this(pattern, service, Optional.empty());
        }
    }

    /** The timeout of the route owning {@code path}, when it sets one. */
    public Optional<Duration> timeoutFor(String path) {
        return route(path).flatMap(CompiledRoute::timeout);
    }

    /** The service owning {@code path} (without query string), if any. */
    public Optional<String> serviceFor(String path) {
        return route(path).map(CompiledRoute::service);
    }

    private Optional<CompiledRoute> route(String path) {
        String normalised = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return routes.stream().filter(r -> r.regex().matcher(normalised).matches()).findFirst();
    }

    static Pattern compile(String pattern) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("a route pattern starts with '/': " + pattern);
        }
        StringBuilder regex = new StringBuilder();
        String[] segments = pattern.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if ("**".equals(segment)) {
                if (i != segments.length - 1) {
                    throw new IllegalArgumentException("'**' must end a route pattern: " + pattern);
                }
                regex.append("(/.*)?");
            } else if ("*".equals(segment)) {
                regex.append("/[^/]+");
            } else {
                regex.append('/').append(Pattern.quote(segment));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
