package io.clientbook.interaction.timeline;

import io.agroal.api.AgroalDataSource;
import io.clientbook.devstack.testing.CloudEventSender;
import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class TimelineResourceTest {

    @Inject
    AgroalDataSource dataSource;

    static String token(String role) {
        return EmbeddedStack.get().tokens().forRole(role);
    }

    @Test
    void aCreatedCustomerStartsItsTimelineOnce() {
        UUID customerId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        try (var sender = new CloudEventSender(EmbeddedStack.get().bootstrapServers())) {
            String data = "{\"customerId\":\"" + customerId + "\",\"ownerId\":null,\"createdAt\":\"2026-03-01T10:00:00Z\"}";
            sender.send(Topics.CUSTOMERS, customerId.toString(), eventId, "clientbook.customer.created.v1", data);
            sender.send(Topics.CUSTOMERS, customerId.toString(), eventId, "clientbook.customer.created.v1", data);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(token("support"))
                        .when().get("/api/v1/customers/{id}/timeline", customerId)
                        .then().statusCode(200)
                        .body("customerId", equalTo(customerId.toString()))
                        .body("items", hasSize(1))
                        .body("items[0].id", equalTo(eventId.toString()))
                        .body("items[0].kind", equalTo("customer-event"))
                        .body("items[0].type", equalTo("customer.created"))
                        .body("items[0].occurredAt", equalTo("2026-03-01T10:00:00Z"))
                        .body("nextCursor", nullValue()));
    }

    @Test
    void newCustomersAreWrittenTogetherYetBeforeWhateverFollowsThem() throws SQLException {
        String tier = "welcome-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(token("manager")).contentType("application/json")
                .body("{\"name\":\"Welcome " + tier + "\",\"trigger\":{\"type\":\"event\",\"event\":\"customer.created\"},"
                        + "\"condition\":{\"tiers\":[\"" + tier + "\"]},\"delayDays\":0,"
                        + "\"action\":{\"kind\":\"task\",\"type\":\"care\",\"channel\":\"visit\"}}")
                .when().post("/api/v1/follow-up-rules").then().log().ifValidationFails().statusCode(201);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        try (var sender = new CloudEventSender(EmbeddedStack.get().bootstrapServers())) {
            for (UUID customer : new UUID[] {first, second}) {
                sender.send(Topics.CUSTOMERS, customer.toString(), UUID.randomUUID(), "clientbook.customer.created.v1",
                        "{\"customerId\":\"" + customer + "\",\"ownerId\":\"u-1\",\"createdAt\":\"2026-03-01T10:00:00Z\","
                                + "\"externalIds\":[],\"care\":{\"tier\":\"" + tier + "\",\"consents\":[]}}");
            }
            sender.send(Topics.CUSTOMERS, first.toString(), UUID.randomUUID(), "clientbook.customer.updated.v1",
                    "{\"customerId\":\"" + first + "\",\"changes\":[{\"field\":\"tier\",\"oldValue\":\"" + tier
                            + "\",\"newValue\":\"gold\"}],\"version\":2,\"updatedAt\":\"2026-03-01T10:05:00Z\"}");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            // the update came after the creation: the profile ends with it
            assertEquals("gold", value("select tier from customer_profile where customer_id = ?", first));
            assertEquals(tier, value("select tier from customer_profile where customer_id = ?", second));
            for (UUID customer : new UUID[] {first, second}) {
                assertEquals("customer.created", value("select type from timeline_entry where customer_id = ? and type = 'customer.created'", customer));
                // the rule saw each profile as created (its creation is too old to act on, so the firing is skipped)
                assertEquals("skipped-stale", value("select outcome from rule_firing where customer_id = ?", customer));
            }
        });
        given().auth().oauth2(token("support")).when().get("/api/v1/customers/{id}/timeline", first)
                .then().statusCode(200).body("items.type", hasItem("customer.tier.changed"));
    }

    private String value(String sql, UUID customer) throws SQLException {
        try (var c = dataSource.getConnection(); var s = c.prepareStatement(sql)) {
            s.setObject(1, customer);
            try (var rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void pagesWalkTheWholeTimelineNewestFirst() throws SQLException {
        UUID customerId = UUID.randomUUID();
        Instant start = Instant.parse("2026-05-01T00:00:00Z");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            UUID id = UUID.randomUUID();
            // two entries share each instant, so the cursor must break ties by id
            insert(id, customerId, i < 4 ? "CUSTOMER_EVENT" : "INTERACTION", start.plusSeconds(i / 2));
            expected.add(id.toString());
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(token("manager")).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when().get("/api/v1/customers/{id}/timeline", customerId)
                    .then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);

        assertEquals(7, seen.size());
        assertEquals(new java.util.HashSet<>(expected), new java.util.HashSet<>(seen));
        List<Instant> times = new ArrayList<>();
        for (String id : seen) {
            times.add(occurredAt(UUID.fromString(id)));
        }
        for (int i = 1; i < times.size(); i++) {
            org.junit.jupiter.api.Assertions.assertFalse(times.get(i).isAfter(times.get(i - 1)), "newest first");
        }

        given().auth().oauth2(token("manager")).queryParam("kind", "Interaction")
                .when().get("/api/v1/customers/{id}/timeline", customerId)
                .then().statusCode(200)
                .body("items", hasSize(3))
                .body("items.kind", org.hamcrest.Matchers.everyItem(equalTo("interaction")));
    }

    @Test
    void badQueryParametersNameTheField() {
        UUID customerId = UUID.randomUUID();
        given().auth().oauth2(token("admin")).queryParam("limit", 0)
                .when().get("/api/v1/customers/{id}/timeline", customerId)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(token("admin")).queryParam("kind", "gossip")
                .when().get("/api/v1/customers/{id}/timeline", customerId)
                .then().statusCode(400).body("errors[0].field", equalTo("kind"));
        given().auth().oauth2(token("admin")).queryParam("cursor", "!!!")
                .when().get("/api/v1/customers/{id}/timeline", customerId)
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void aCustomerWithoutTimelineIsNotFound() {
        given().auth().oauth2(token("admin"))
                .when().get("/api/v1/customers/{id}/timeline", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void analystsDoNotReadTimelines() {
        given().auth().oauth2(token("analyst"))
                .when().get("/api/v1/customers/{id}/timeline", UUID.randomUUID())
                .then().statusCode(403);
    }

    private void insert(UUID id, UUID customerId, String kind, Instant at) throws SQLException {
        try (var c = dataSource.getConnection();
             var s = c.prepareStatement("insert into timeline_entry (id, customer_id, kind, type, occurred_at, summary) values (?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, id);
            s.setObject(2, customerId);
            s.setString(3, kind);
            s.setString(4, kind.equals("INTERACTION") ? "interaction.logged" : "customer.created");
            s.setObject(5, java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
            s.setString(6, "fixture");
            s.executeUpdate();
        }
    }

    private Instant occurredAt(UUID id) throws SQLException {
        try (var c = dataSource.getConnection();
             var s = c.prepareStatement("select occurred_at from timeline_entry where id = ?")) {
            s.setObject(1, id);
            var rs = s.executeQuery();
            rs.next();
            return rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
        }
    }
}
