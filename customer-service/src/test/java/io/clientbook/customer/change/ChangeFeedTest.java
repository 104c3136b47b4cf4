package io.clientbook.customer.change;

import io.clientbook.devstack.infra.PostgresServer;
import io.clientbook.devstack.testing.EmbeddedStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.clientbook.customer.Fixtures.as;
import static io.clientbook.customer.Fixtures.customer;
import static io.clientbook.customer.Fixtures.etag;
import static io.clientbook.customer.Fixtures.externalId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/v1/changes: every customer and order change, once, in one order, resumable, even when commits interleave. */
@QuarkusTest
class ChangeFeedTest {

    private record Page(List<Map<String, Object>> items, String nextCursor) {
    }

    private static Page read(String cursor, int limit) {
        var request = as("integrator").queryParam("limit", limit);
        if (cursor != null) {
            request = request.queryParam("cursor", cursor);
        }
        JsonPath page = request.when().get("/api/v1/changes").then().statusCode(200).extract().jsonPath();
        return new Page(page.getList("items"), page.getString("nextCursor"));
    }

    /** Reads to the current end of the feed; returns the cursor there. */
    private static String end() {
        String cursor = null;
        while (true) {
            Page page = read(cursor, 200);
            cursor = page.nextCursor();
            if (page.items().isEmpty()) {
                return cursor;
            }
        }
    }

    @Test
    void twoReadersUnderConcurrentWritesSeeEveryChangeOnceAndInTheSameOrder() throws Exception {
        String start = end();
        int writers = 4;
        int customersEach = 12;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        Set<String> expected = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<?>> writes = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            writes.add(pool.submit(() -> {
                for (int i = 0; i < customersEach; i++) {
                    String id = customer("Feed Writer " + i);
                    expected.add(id + "@0");
                    as("admin").header("If-Match", etag(id)).contentType("application/merge-patch+json")
                            .body("{\"tags\": [\"feed\"]}").when().patch("/api/v1/customers/{id}", id)
                            .then().statusCode(200);
                    expected.add(id + "@1");
                }
                return null;
            }));
        }
        List<Future<List<Map<String, Object>>>> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            readers.add(pool.submit(() -> {
                List<Map<String, Object>> seen = new ArrayList<>();
                String cursor = start;
                Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
                while (Instant.now().isBefore(deadline)) {
                    Page page = read(cursor, 7); // small pages: many page boundaries under concurrent commits
                    seen.addAll(page.items());
                    cursor = page.nextCursor();
                    long ours = seen.stream().filter(item -> expected.contains(item.get("id") + "@" + item.get("version"))).count();
                    if (!writing.get() && ours >= writers * customersEach * 2L && page.items().isEmpty()) {
                        break;
                    }
                }
                return seen;
            }));
        }
        for (Future<?> write : writes) {
            write.get();
        }
        writing.set(false);
        List<Map<String, Object>> first = readers.get(0).get();
        List<Map<String, Object>> second = readers.get(1).get();
        pool.shutdown();

        assertEquals(writers * customersEach * 2, expected.size());
        for (List<Map<String, Object>> seen : List.of(first, second)) {
            Set<String> positions = new HashSet<>();
            seen.forEach(item -> assertTrue(positions.add((String) item.get("position")), "no change is seen twice"));
            Set<String> ours = new HashSet<>();
            seen.forEach(item -> ours.add(item.get("id") + "@" + item.get("version")));
            assertTrue(ours.containsAll(expected), "no change is missed");
        }
        assertEquals(first.stream().map(i -> i.get("position")).toList(), second.stream().map(i -> i.get("position")).toList(),
                "both readers see one order");
        // and that order is the database's: everything after the start position, nothing else
        try (Connection db = DriverManager.getConnection(EmbeddedStack.get().jdbcUrl("customer"), PostgresServer.USER, "")) {
            String[] from = new String(java.util.Base64.getUrlDecoder().decode(start)).split(":");
            var rows = db.prepareStatement("select count(*) from change_feed where (tx_id, seq) > (cast(? as xid8), ?)");
            rows.setString(1, from[0]);
            rows.setLong(2, Long.parseLong(from[1]));
            var result = rows.executeQuery();
            result.next();
            assertEquals(result.getLong(1), first.size());
        }
    }

    @Test
    void aChangeThatCommitsLateIsNeitherSkippedNorOvertaken() throws Exception {
        String start = end();
        UUID late = UUID.randomUUID();
        String quick;
        try (Connection slow = DriverManager.getConnection(EmbeddedStack.get().jdbcUrl("customer"), PostgresServer.USER, "")) {
            slow.setAutoCommit(false);
            // a writer that began first and commits last: its position is smaller than the next one's
            try (PreparedStatement insert = slow.prepareStatement("""
                    insert into change_feed (seq, entity, entity_id, customer_id, type, version, occurred_at)
                    values (nextval('change_feed_seq'), 'customer', ?, ?, 'customer.updated', 7, now())""")) {
                insert.setObject(1, late);
                insert.setObject(2, late);
                insert.executeUpdate();
            }
            quick = customer("Quick Writer");

            Page whileOpen = read(start, 50);
            String quickId = quick;
            assertFalse(whileOpen.items().stream().anyMatch(item -> quickId.equals(item.get("id"))),
                    "a change is held back while an older transaction may still add one before it");
            assertEquals(start, whileOpen.nextCursor(), "an empty page names the same place again");

            slow.commit();
        }
        List<Object> ids = new ArrayList<>();
        String cursor = start;
        Instant deadline = Instant.now().plusSeconds(30);
        while (!ids.contains(quick) && Instant.now().isBefore(deadline)) {
            Page page = read(cursor, 50);
            page.items().stream().map(item -> item.get("id")).filter(i -> i.equals(late.toString()) || i.equals(quick)).forEach(ids::add);
            cursor = page.nextCursor();
        }
        assertEquals(List.of(late.toString(), quick), ids, "the late change, then the quick one, each once");
    }

    @Test
    void ordersAndArchivesAreInTheFeedAndACursorResumesRightAfterAnItem() {
        String start = end();
        String id = customer("Feed Orders");
        String order = externalId();
        as("integrator").body("""
                {"customer": {"id": "%s"}, "placedAt": "2026-01-31T10:00:00Z", "status": "placed", "currency": "USD", "total": "10.00"}"""
                .formatted(id)).when().put("/api/v1/orders/by-external-id/erp/{id}", order).then().statusCode(201);
        as("admin").header("If-Match", etag(id)).when().delete("/api/v1/customers/{id}", id).then().statusCode(204);

        List<Map<String, Object>> items = awaitItems(start, id, 3);
        assertEquals(List.of("customer.created", "order.recorded", "customer.archived"), items.stream().map(i -> i.get("type")).toList());
        assertEquals(List.of("customer", "order", "customer"), items.stream().map(i -> i.get("entity")).toList());
        assertTrue(items.stream().allMatch(i -> id.equals(i.get("customerId"))));

        // an item's position is a cursor: resuming from the second item gives the third next (for this customer)
        Page resumed = read((String) items.get(1).get("position"), 50);
        assertEquals(items.get(2).get("position"), resumed.items().stream()
                .filter(item -> id.equals(item.get("customerId"))).findFirst().orElseThrow().get("position"));
    }

    @Test
    void updatesNameTheirChangedFields() {
        String start = end();
        String id = customer("Feed Fields");
        as("admin").header("If-Match", etag(id)).contentType("application/merge-patch+json")
                .body("{\"occupation\": \"chef\", \"tags\": [\"a\"]}").when().patch("/api/v1/customers/{id}", id)
                .then().statusCode(200);
        List<Map<String, Object>> items = awaitItems(start, id, 2);
        assertEquals("customer.updated", items.get(1).get("type"));
        assertEquals(List.of("occupation", "tags"), items.get(1).get("changedFields"));
        assertEquals(1, items.get(1).get("version"));
    }

    @Test
    void aCursorThatIsNotOursIsRefusedNamingTheField() {
        for (String bad : List.of("not-base64!", "MTIz", java.util.Base64.getUrlEncoder().encodeToString("99999999999999999999:1".getBytes()))) {
            as("integrator").queryParam("cursor", bad).when().get("/api/v1/changes")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("cursor"));
        }
        as("integrator").queryParam("limit", 201).when().get("/api/v1/changes")
                .then().statusCode(400).body("errors.field", hasItem("limit"));
        as("sales").when().get("/api/v1/changes").then().statusCode(403);
        as("integrator").when().get("/api/v1/changes").then().statusCode(200).body("nextCursor", org.hamcrest.Matchers.notNullValue());
    }

    /** The changes of one customer after {@code start}, once {@code count} have appeared. */
    private static List<Map<String, Object>> awaitItems(String start, String customerId, int count) {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = start;
        Instant deadline = Instant.now().plusSeconds(30);
        while (items.size() < count && Instant.now().isBefore(deadline)) {
            Page page = read(cursor, 50);
            page.items().stream().filter(item -> customerId.equals(item.get("customerId"))).forEach(items::add);
            cursor = page.nextCursor();
        }
        assertEquals(count, items.size(), "changes in the feed: " + items);
        return items;
    }
}
