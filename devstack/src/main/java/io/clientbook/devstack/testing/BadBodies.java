package io.clientbook.devstack.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Randomly generated bad request bodies for the write-endpoint fuzz tests: valid documents with fields of the
 * wrong type, unknown and read-only fields, extreme numbers and strings, nulls, deep arrays, broken JSON.
 * Seeded: the same seed gives the same bodies, so a failure names its body and repeats. The field names an
 * endpoint knows are mixed in, so mutations reach the validation of real fields.
 */
public final class BadBodies {

    /** Bodies per endpoint: {@code -Dclientbook.fuzz.count}, 1,000 by default. */
    public static final int COUNT = Integer.getInteger("clientbook.fuzz.count", 1000);
    /** {@code -Dclientbook.fuzz.seed} replays a run. */
    public static final long SEED = Long.getLong("clientbook.fuzz.seed", 20261123L);

    private final List<String> fields;
    private final Random random;

    public BadBodies(List<String> fields, String endpoint) {
        this.fields = List.copyOf(fields);
        this.random = new Random(SEED ^ endpoint.hashCode());
    }

    public Random random() {
        return random;
    }

    public String next() {
        return switch (random.nextInt(10)) {
            case 0 -> brokenJson();
            case 1 -> value(0);
            default -> object(0);
        };
    }

    private String object(int depth) {
        List<String> members = new ArrayList<>();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            String key = random.nextInt(6) == 0 ? text() : fields.get(random.nextInt(fields.size()));
            members.add(quote(key) + ": " + value(depth + 1));
        }
        return "{" + String.join(", ", members) + "}";
    }

    private String value(int depth) {
        int kind = random.nextInt(depth > 6 ? 7 : 10);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> Long.toString(random.nextLong());
            case 3 -> random.nextBoolean() ? "1e309" : "-0.000000000000000000000000000001";
            case 4, 5 -> quote(text());
            case 6 -> quote(random.nextBoolean() ? "2026-02-30T25:61:00Z" : "+1 (415) 555-01" + random.nextInt(100));
            case 7 -> object(depth);
            default -> {
                List<String> items = new ArrayList<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    items.add(value(depth + 1));
                }
                yield "[" + String.join(", ", items) + "]";
            }
        };
    }

    private String text() {
        return switch (random.nextInt(9)) {
            case 0 -> "";
            case 1 -> "x".repeat(random.nextInt(5000));
            case 2 -> "a@b";
            case 3 -> "'; drop table customer; --";
            case 4 -> "\\u0000\\uD800\\t\\n";
            case 5 -> "émoji 😀 中文 " + random.nextInt();
            case 6 -> "VIP";
            case 7 -> "PT-5M";
            default -> Integer.toString(random.nextInt(1000));
        };
    }

    private String brokenJson() {
        String valid = object(0);
        int cut = valid.isEmpty() ? 0 : random.nextInt(valid.length());
        return switch (random.nextInt(3)) {
            case 0 -> valid.substring(0, cut);
            case 1 -> valid + "}";
            default -> valid.replace(":", random.nextBoolean() ? "=" : ":,");
        };
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\\\"") + "\""; // backslashes stay: some texts carry JSON escapes on purpose
    }

    public static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /**
     * What is wrong with a write endpoint's answer to a bad body, or empty: a 5xx, a stack trace or Hibernate in
     * the body, or a refusal that is not problem+json with its own status in it.
     */
    public static java.util.Optional<String> fault(int status, String contentType, String body) {
        if (status >= 500) {
            return java.util.Optional.of("answered " + status);
        }
        if (body.contains("Exception") || body.contains("\tat ") || body.contains("org.hibernate")) {
            return java.util.Optional.of("the answer shows internals");
        }
        if (status >= 400) {
            if (contentType == null || !contentType.startsWith("application/problem+json")) {
                return java.util.Optional.of("a refusal that is not problem+json: " + contentType);
            }
            try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(body))) {
                if (reader.readObject().getInt("status", -1) != status) {
                    return java.util.Optional.of("a problem whose status is not " + status);
                }
            } catch (RuntimeException notAnObject) {
                return java.util.Optional.of("a problem that is not a JSON object");
            }
        }
        return java.util.Optional.empty();
    }

    /** Committed facts other than the audit trail's (outbox rows): a refused write must add none. */
    public static long events(javax.sql.DataSource dataSource) throws java.sql.SQLException {
        try (var c = dataSource.getConnection();
             var rs = c.createStatement().executeQuery("select count(*) from outbox where type <> 'audit.recorded'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
