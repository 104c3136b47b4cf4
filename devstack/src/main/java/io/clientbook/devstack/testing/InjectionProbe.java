package io.clientbook.devstack.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Injection attempts in every filter and sort parameter: for each {@code GET} under {@code /api} in a service's
 * OpenAPI document and each of its query parameters, the parameter is sent with SQL, LIKE and JSON-path
 * injection payloads. Each answer must be a 2xx or a problem+json 4xx, never a 5xx, never with SQL or a stack
 * trace in it; and a 200 list must not hold more items than the same request with a value that matches nothing
 * (an injection that widened the query, {@code ' OR '1'='1} or an unescaped {@code %}, would show there).
 */
public final class InjectionProbe {

    /** What the payloads try: close a quoted literal, comment out the rest, widen a LIKE, stack a statement. */
    public static final List<String> PAYLOADS = List.of("' OR '1'='1", "1' OR 1=1 --", "x%' OR 'a'='a", "1; DROP TABLE customer; --",
            "\\' OR 1=1 --", "$$ OR 1=1 $$", ") OR (1=1", "' UNION SELECT NULL, NULL --", "%", "_", "*", "%%'", "$.** ? (@ == 1)",
            "{\"$ne\": null}", "../../etc/passwd", "-createdAt; DROP TABLE customer", "displayName desc, (select 1)");
    private static final String NOTHING = "zzqx-matches-nothing";
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    private static final List<String> LEAKS = List.of("SQL", "syntax error", "org.postgresql", "org.hibernate", "Exception", "\tat ");

    private InjectionProbe() {
    }

    /** Runs every payload against every query parameter as the caller of {@code token}; answers the problems found. */
    public static List<String> run(String baseUrl, String token) {
        HttpClient http = client();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<String>> operation : queryParameters(http, baseUrl).entrySet()) {
            String path = withIds(operation.getKey());
            for (String parameter : operation.getValue()) {
                Answer benign = get(http, baseUrl + path + "?" + parameter + "=" + URLEncoder.encode(NOTHING, StandardCharsets.UTF_8), token);
                for (String payload : PAYLOADS) {
                    String url = baseUrl + path + "?" + parameter + "=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
                    Answer answer = get(http, url, token);
                    String where = "GET " + operation.getKey() + "?" + parameter + "=" + payload + " -> " + answer.status();
                    if (answer.status() >= 500) {
                        problems.add(where + ": " + abbreviate(answer.body()));
                    } else if (answer.status() >= 400 && !answer.contentType().startsWith("application/problem+json")) {
                        problems.add(where + ": not problem+json (" + answer.contentType() + ")");
                    }
                    for (String leak : LEAKS) {
                        if (answer.body().contains(leak)) {
                            problems.add(where + ": the answer mentions " + leak.strip());
                        }
                    }
                    if (answer.status() == 200 && benign.status() == 200 && answer.items() > benign.items()) {
                        // asked again: rows other work added meanwhile (events arriving) are no injection
                        Answer again = get(http, baseUrl + path + "?" + parameter + "=" + URLEncoder.encode(NOTHING, StandardCharsets.UTF_8), token);
                        if (answer.items() > again.items()) {
                            problems.add(where + ": " + answer.items() + " items where a value matching nothing gives " + again.items());
                        }
                    }
                }
            }
        }
        return problems;
    }

    /** How many (operation, parameter) pairs {@link #run} tries: a test can check the probe reached something. */
    public static int parameters(String baseUrl) {
        HttpClient http = client();
        return queryParameters(http, baseUrl).values().stream().mapToInt(List::size).sum();
    }

    private record Answer(int status, String contentType, String body) {
        /** Items of a list answer ({@code items}, or a top-level array); 0 for anything else. */
        int items() {
            if (status != 200 || body.isBlank()) {
                return 0;
            }
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                JsonStructure json = reader.read();
                if (json.getValueType() == JsonValue.ValueType.ARRAY) {
                    return json.asJsonArray().size();
                }
                JsonObject object = json.asJsonObject();
                return object.containsKey("items") && object.get("items").getValueType() == JsonValue.ValueType.ARRAY
                        ? object.getJsonArray("items").size() : 0;
            } catch (RuntimeException notJson) {
                return 0;
            }
        }
    }

    private static Map<String, List<String>> queryParameters(HttpClient http, String baseUrl) {
        JsonObject paths;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/openapi?format=json"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                paths = reader.readObject().getJsonObject("paths");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, List<String>> operations = new TreeMap<>();
        for (String path : paths.keySet()) {
            JsonObject get = paths.getJsonObject(path).getJsonObject("get");
            if (!path.startsWith("/api/") || get == null || !get.containsKey("parameters")) {
                continue;
            }
            List<String> names = get.getJsonArray("parameters").stream().map(JsonValue::asJsonObject)
                    .filter(p -> "query".equals(p.getString("in", ""))).map(p -> p.getString("name")).toList();
            if (!names.isEmpty()) {
                operations.put(path, names);
            }
        }
        return operations;
    }

    private static String withIds(String path) {
        Matcher params = PARAM.matcher(path);
        StringBuilder out = new StringBuilder();
        while (params.find()) {
            String name = params.group(1).toLowerCase(Locale.ROOT);
            params.appendReplacement(out, name.equals("year") ? "2026" : name.endsWith("id") ? UUID.randomUUID().toString() : "probe");
        }
        params.appendTail(out);
        return out.toString();
    }

    private static Answer get(HttpClient http, String url, String token) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /** HTTP/1.1 from the first request: the JDK client's h2c upgrade attempt is not something the services answer. */
    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
