package io.clientbook.devstack.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The role matrix as data ({@code docs/role-matrix.txt}) and a walk of it against a running service: every
 * operation the service's OpenAPI document lists under {@code /api} must have a line in the matrix (and every
 * line an operation), and each is called as each role and without a token. A role the line does not name must
 * get {@code 403}; a role it names must get past authorization (anything but {@code 401}/{@code 403} — with
 * made-up ids and a body of one unknown field, usually a {@code 400} or {@code 404}); no token, {@code 401}.
 * Object-level rules ({@code own}) are tested by each feature's ownership tests, not here.
 */
public final class RoleMatrix {

    public static final List<String> ROLES = List.of("admin", "manager", "sales", "support", "analyst", "integrator");
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    /** One operation and the roles allowed to call it. */
    public record Line(String method, String path, Set<String> roles) {
        String key() {
            return method + " " + path;
        }
    }

    private final String service;
    private final Map<String, Line> lines;

    private RoleMatrix(String service, Map<String, Line> lines) {
        this.service = service;
        this.lines = lines;
    }

    /**
     * Reads the section {@code [service]} of the matrix file: lines of {@code METHOD /path role role ...}
     * ({@code -} for none), {@code #} comments.
     */
    public static RoleMatrix load(Path file, String service) {
        List<String> text;
        try {
            text = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Line> lines = new LinkedHashMap<>();
        boolean inSection = false;
        for (String raw : text) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                inSection = line.equals("[" + service + "]");
                continue;
            }
            if (!inSection) {
                continue;
            }
            String[] parts = line.split("\\s+");
            Set<String> roles = new LinkedHashSet<>();
            for (int i = 2; i < parts.length; i++) {
                if (!parts[i].equals("-")) {
                    if (!ROLES.contains(parts[i])) {
                        throw new IllegalArgumentException(file + ": unknown role " + parts[i] + " in: " + line);
                    }
                    roles.add(parts[i]);
                }
            }
            Line entry = new Line(parts[0].toUpperCase(Locale.ROOT), parts[1], roles);
            if (lines.put(entry.key(), entry) != null) {
                throw new IllegalArgumentException(file + ": " + entry.key() + " appears twice in [" + service + "]");
            }
        }
        return new RoleMatrix(service, lines);
    }

    /** The matrix file in the repository's docs, found from a module directory or the root. */
    public static Path defaultFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/role-matrix.txt");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("docs/role-matrix.txt not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * Walks every operation as every role; answers what disagrees with the matrix, one line each (empty when all
     * agree). {@code tokenFor} gives a token for a role.
     */
    public List<String> walk(String baseUrl, Function<String, String> tokenFor) {
        HttpClient http = client();
        List<String> problems = new ArrayList<>();
        Set<String> documented = operations(http, baseUrl);
        for (String operation : documented) {
            if (!lines.containsKey(operation)) {
                problems.add(operation + ": in the OpenAPI document, not in the matrix [" + service + "]");
            }
        }
        for (Line line : lines.values()) {
            if (!documented.contains(line.key())) {
                problems.add(line.key() + ": in the matrix [" + service + "], not in the OpenAPI document");
                continue;
            }
            int anonymous = call(http, baseUrl, line, null);
            if (anonymous != 401) {
                problems.add(line.key() + " without a token: " + anonymous + ", expected 401");
            }
            for (String role : ROLES) {
                int status = call(http, baseUrl, line, tokenFor.apply(role));
                boolean allowed = line.roles().contains(role);
                if (allowed && (status == 401 || status == 403)) {
                    problems.add(line.key() + " as " + role + ": " + status + ", but the matrix allows it");
                } else if (!allowed && status != 403) {
                    problems.add(line.key() + " as " + role + ": " + status + ", but the matrix refuses it (403)");
                }
            }
        }
        return problems;
    }

    /**
     * What the service does today, as matrix lines (roles that got past authorization): a draft for a new
     * section, never a substitute for deciding who may call what.
     */
    public static List<String> observed(String baseUrl, Function<String, String> tokenFor) {
        HttpClient http = client();
        List<String> lines = new ArrayList<>();
        for (String operation : operations(http, baseUrl)) {
            String[] parts = operation.split(" ", 2);
            Line probe = new Line(parts[0], parts[1], Set.of());
            List<String> passed = ROLES.stream().filter(role -> {
                int status = call(http, baseUrl, probe, tokenFor.apply(role));
                return status != 401 && status != 403;
            }).toList();
            lines.add(String.format(Locale.ROOT, "%-7s %-60s %s", parts[0], parts[1], passed.isEmpty() ? "-" : String.join(" ", passed)));
        }
        return lines;
    }

    /** {@code METHOD /path} of every operation under {@code /api} in the service's OpenAPI document. */
    private static Set<String> operations(HttpClient http, String baseUrl) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/openapi?format=json"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonObject paths;
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                paths = reader.readObject().getJsonObject("paths");
            }
            Set<String> operations = new TreeSet<>();
            for (String path : paths.keySet()) {
                if (!path.startsWith("/api/")) {
                    continue;
                }
                for (String method : paths.getJsonObject(path).keySet()) {
                    if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                        operations.add(method.toUpperCase(Locale.ROOT) + " " + path);
                    }
                }
            }
            return operations;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int call(HttpClient http, String baseUrl, Line line, String token) {
        Matcher params = PARAM.matcher(line.path());
        StringBuilder path = new StringBuilder();
        while (params.find()) {
            String name = params.group(1);
            String value = switch (name) {
                case "year" -> "2026";
                case "source" -> "role-matrix";
                default -> name.toLowerCase(Locale.ROOT).endsWith("id") ? UUID.randomUUID().toString() : "role-matrix";
            };
            params.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        params.appendTail(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        // a body no write can read (cut short): an allowed caller gets 400 and nothing changes; authorization is
        // decided before the body is read, so a refused one still gets 403
        String body = "{\"roleMatrixWalk\": ";
        switch (line.method()) {
            case "GET" -> request.GET();
            case "DELETE" -> request.header("If-Match", "\"0\"").DELETE();
            case "PATCH" -> request.header("Content-Type", "application/merge-patch+json").header("If-Match", "\"0\"")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(body));
            default -> request.header("Content-Type", "application/json").method(line.method(), HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** HTTP/1.1 from the first request: the JDK client's h2c upgrade attempt is not something the services answer. */
    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
