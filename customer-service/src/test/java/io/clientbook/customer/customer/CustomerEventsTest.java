package io.clientbook.customer.customer;

import io.agroal.api.AgroalDataSource;
import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.devstack.testing.TopicProbe;
import io.clientbook.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transactional outbox, observed on the real broker and in the real database. */
@QuarkusTest
class CustomerEventsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void creatingACustomerPublishesCustomerCreatedAsACloudEvent() throws SQLException {
        try (var probe = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.CUSTOMERS)) {
            String id = createCustomer("Dee Park");

            var record = probe.await(r -> id.equals(r.key()), Duration.ofSeconds(30));
            Map<String, String> headers = TopicProbe.headers(record);
            assertEquals("1.0", headers.get("ce_specversion"));
            assertEquals("clientbook.customer.created.v1", headers.get("ce_type"));
            assertEquals("/clientbook/customer-service", headers.get("ce_source"));
            assertEquals(id, headers.get("ce_subject"));
            assertEquals("application/json", headers.get("content-type"));
            UUID eventId = UUID.fromString(headers.get("ce_id"));
            assertEquals(id, io.restassured.path.json.JsonPath.from(record.value()).getString("customerId"));
            assertTrue(!record.value().contains("Dee Park"), "no personal data in the event");

            await().atMost(Duration.ofSeconds(10)).until(() -> publishedAt(eventId) != null);
            assertEquals(id, outboxColumn(eventId, "aggregateid"));
            assertEquals("customer", outboxColumn(eventId, "aggregatetype"));
            assertEquals("customer.created", outboxColumn(eventId, "type"));
        }
    }

    @Test
    void aRefusedRequestWritesNeitherCustomerNorEvent() throws SQLException {
        long customersBefore = count("customer");
        long eventsBefore = count("outbox");
        given().auth().oauth2(EmbeddedStack.get().tokens().forRole("admin")).contentType(ContentType.JSON)
                .body("{\"displayName\": \"\"}")
                .when().post("/api/v1/customers")
                .then().statusCode(400);
        assertEquals(customersBefore, count("customer"));
        assertEquals(eventsBefore, count("outbox"));
    }

    @Test
    void eventsOfOneCustomerKeepTheirOrderOnOnePartition() {
        try (var probe = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.CUSTOMERS)) {
            String first = createCustomer("Eve One");
            String second = createCustomer("Fay Two");
            var a = probe.await(r -> first.equals(r.key()), Duration.ofSeconds(30));
            var b = probe.await(r -> second.equals(r.key()), Duration.ofSeconds(30));
            assertTrue(a.partition() >= 0 && b.partition() >= 0);
        }
    }

    static String createCustomer(String name) {
        return given().auth().oauth2(EmbeddedStack.get().tokens().forRole("admin")).contentType(ContentType.JSON)
                .body(Map.of("displayName", name))
                .when().post("/api/v1/customers")
                .then().statusCode(201)
                .extract().path("id");
    }

    private Object publishedAt(UUID eventId) throws SQLException {
        return outboxColumn(eventId, "published_at");
    }

    private String outboxColumn(UUID eventId, String column) throws SQLException {
        try (var c = dataSource.getConnection();
             var s = c.prepareStatement("select " + column + " from outbox where id = ?")) {
            s.setObject(1, eventId);
            var rs = s.executeQuery();
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private long count(String table) throws SQLException {
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            var rs = s.executeQuery("select count(*) from " + table);
            rs.next();
            return rs.getLong(1);
        }
    }
}
