package io.clientbook.customer.customer;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.clientbook.customer.Fixtures.as;
import static io.clientbook.customer.Fixtures.customer;
import static io.clientbook.customer.Fixtures.etag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Randomly generated bad bodies for each write endpoint: valid documents with fields of the wrong type,
 * unknown and read-only fields, extreme numbers and strings, nulls, deep arrays, broken JSON. Whatever
 * arrives, the answer is never a 5xx, a refusal is problem+json without a stack trace, and a refused request
 * stores nothing (no event recorded). 1,000 bodies per endpoint by default ({@code -Dclientbook.fuzz.count}
 * for more, {@code -Dclientbook.fuzz.seed} to replay a run); seeded, so a failure names its body and repeats.
 * (Jazzer's JUnit integration only fuzzes one test per run outside regression mode; this runs in every build.)
 */
@QuarkusTest
class WriteFuzzTest {

    private static final int COUNT = Integer.getInteger("clientbook.fuzz.count", 1000);
    private static final long SEED = Long.getLong("clientbook.fuzz.seed", 20261123L);

    /** Field names the write endpoints know, so mutations reach the validation of real fields. */
    private static final List<String> FIELDS = List.of("displayName", "givenName", "familyName", "kind", "companyName",
            "emails", "phones", "addresses", "birthday", "gender", "language", "timeZone", "tags", "customAttributes",
            "ownerId", "tier", "lifecycleStage", "externalIds", "consents", "sourceUpdatedAt", "preferences", "id", "version",
            "createdAt", "items", "customer", "placedAt", "status", "currency", "total", "discountTotal", "channel",
            "lineItems", "type", "points", "reason", "duplicateIds", "address", "number", "label", "primary");

    @Inject
    AgroalDataSource dataSource;

    @ParameterizedTest
    @ValueSource(strings = {"POST /api/v1/customers", "PATCH /api/v1/customers/{id}", "PUT /api/v1/customers/by-external-id/erp/{key}",
            "POST /api/v1/customers/batch-upsert", "PUT /api/v1/orders/by-external-id/erp/{key}", "POST /api/v1/orders/batch-upsert",
            "POST /api/v1/customers/{id}/loyalty/transactions"})
    void noBodyGivesA5xxAStackTraceOrAHalfWrittenRecord(String endpoint) throws SQLException {
        String id = customer("Fuzz Target");
        Random random = new Random(SEED ^ endpoint.hashCode());
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        for (int i = 0; i < COUNT; i++) {
            String body = body(random);
            String path = endpoint.substring(endpoint.indexOf(' ') + 1).replace("{id}", id).replace("{key}", "fuzz-" + random.nextInt(50));
            long eventsBefore = events();
            var request = as("admin").body(body);
            if (method.equals("PATCH")) {
                request = request.contentType("application/merge-patch+json").header("If-Match", etag(id));
            }
            Response response = request.request(method, path);
            String answer = response.asString();
            String context = endpoint + " #" + i + " (seed " + SEED + ") body " + abbreviate(body) + " -> " + response.statusCode()
                    + " " + abbreviate(answer);
            assertTrue(response.statusCode() < 500, context);
            assertFalse(answer.contains("Exception") || answer.contains("\tat ") || answer.contains("org.hibernate"), context);
            if (response.statusCode() >= 400) {
                assertTrue(response.contentType().startsWith("application/problem+json"), context);
                assertEquals(response.statusCode(), (int) response.path("status"), context);
                assertEquals(eventsBefore, events(), "a refused request recorded an event: " + context);
            }
        }
    }

    /** Committed facts other than the audit trail's: a refused write must add none. */
    private long events() throws SQLException {
        try (var c = dataSource.getConnection();
             var rs = c.createStatement().executeQuery("select count(*) from outbox where type <> 'audit.recorded'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String body(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> brokenJson(random);
            case 1 -> value(random, 0);
            default -> object(random, 0);
        };
    }

    private static String object(Random random, int depth) {
        List<String> members = new ArrayList<>();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            String key = random.nextInt(6) == 0 ? text(random) : FIELDS.get(random.nextInt(FIELDS.size()));
            members.add(quote(key) + ": " + value(random, depth + 1));
        }
        return "{" + String.join(", ", members) + "}";
    }

    private static String value(Random random, int depth) {
        int kind = random.nextInt(depth > 6 ? 7 : 10);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> Long.toString(random.nextLong());
            case 3 -> random.nextBoolean() ? "1e309" : "-0.000000000000000000000000000001";
            case 4, 5 -> quote(text(random));
            case 6 -> quote(random.nextBoolean() ? "2026-02-30T25:61:00Z" : "+1 (415) 555-01" + random.nextInt(100));
            case 7 -> object(random, depth);
            default -> {
                List<String> items = new ArrayList<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    items.add(value(random, depth + 1));
                }
                yield "[" + String.join(", ", items) + "]";
            }
        };
    }

    private static String text(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "";
            case 1 -> "x".repeat(random.nextInt(5000));
            case 2 -> "a@b";
            case 3 -> "'; drop table customer; --";
            case 4 -> "\\u0000\\uD800\\t\\n";
            case 5 -> "émoji 😀 中文 " + random.nextInt();
            case 6 -> "VIP";
            default -> Integer.toString(random.nextInt(1000));
        };
    }

    private static String brokenJson(Random random) {
        String valid = object(random, 0);
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

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
