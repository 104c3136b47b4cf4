package io.clientbook.customer.privacy;

import io.clientbook.devstack.infra.PostgresServer;
import io.clientbook.devstack.testing.CloudEventSender;
import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.devstack.testing.TopicProbe;
import io.clientbook.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.clientbook.customer.Fixtures.as;
import static io.clientbook.customer.Fixtures.email;
import static io.clientbook.customer.Fixtures.etag;
import static io.clientbook.customer.Fixtures.externalId;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /customers/{id}/export and POST /customers/{id}/erasure with its request resource. */
@QuarkusTest
class PrivacyTest {

    private record Person(String id, String duplicate, String email, String phone, String key) {
    }

    /** A person with contacts, an order, history and a duplicate record merged into it. */
    private static Person person() {
        String mail = email();
        String phone = "+1415" + (2_000_000 + new java.util.Random().nextInt(7_000_000));
        String key = externalId();
        String id = as("admin").body("""
                {"displayName": "Pia Private", "givenName": "Pia", "birthday": "1985-06-01",
                 "emails": [{"address": "%s"}], "phones": [{"number": "%s"}], "tags": ["vip-event"],
                 "addresses": [{"line1": "9 Lane-%s", "city": "Springfield", "country": "US"}],
                 "externalIds": [{"source": "erp", "externalId": "%s"}]}""".formatted(mail, phone, key, key))
                .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
        as("admin").header("If-Match", etag(id)).contentType("application/merge-patch+json")
                .body("{\"occupation\": \"agent-" + key + "\"}").when().patch("/api/v1/customers/{id}", id).then().statusCode(200);
        String duplicate = as("admin").queryParam("allowDuplicate", true).body("""
                {"displayName": "P. Private", "emails": [{"address": "%s"}]}""".formatted(mail))
                .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
        as("admin").body("{\"duplicateIds\": [\"" + duplicate + "\"]}")
                .when().post("/api/v1/customers/{id}/merge", id).then().statusCode(200);
        as("integrator").body("""
                {"customer": {"id": "%s"}, "placedAt": "2026-01-31T10:00:00Z", "status": "paid", "currency": "USD", "total": "42.00"}"""
                .formatted(id)).when().put("/api/v1/orders/by-external-id/erp/{key}", "o-" + key).then().statusCode(201);
        return new Person(id, duplicate, mail, phone, key);
    }

    @Test
    void anExportHasTheRecordMergedRecordsOrdersHistoryAndLoyalty() {
        Person p = person();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("admin").when().get("/api/v1/customers/{id}/loyalty", p.id())
                .then().body("balance", equalTo(42))); // the ledger follows the order events
        as("manager").when().get("/api/v1/customers/{id}/export", p.id())
                .then().statusCode(200)
                .body("service", equalTo("customer-service"))
                .body("customer.id", equalTo(p.id()))
                .body("customer.emails[0].address", equalTo(p.email()))
                .body("mergedRecords.id", contains(p.duplicate()))
                .body("orders", hasSize(1))
                .body("orders[0].total", equalTo("42.00"))
                .body("history.kind", org.hamcrest.Matchers.hasItems("created", "updated", "merged"))
                .body("loyalty.balance", equalTo(42))
                .body("loyalty.transactions", hasSize(1));
        as("sales").when().get("/api/v1/customers/{id}/export", p.id()).then().statusCode(403);
    }

    @Test
    void anErasureAnonymisesHereAsksEveryServiceAndCompletesWhenAllConfirm() throws Exception {
        Person p = person();
        // the relay has published the person's events (the ones not yet published still have to go out)
        try (Connection db = DriverManager.getConnection(EmbeddedStack.get().jdbcUrl("customer"), PostgresServer.USER, "")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> count(db, "select count(*) from outbox where published_at is null "
                    + "and aggregateid in ('" + p.id() + "', '" + p.duplicate() + "')") == 0);
        }
        String requestId;
        try (var probe = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.CUSTOMERS)) {
            requestId = as("admin").when().post("/api/v1/customers/{id}/erasure", p.id())
                    .then().statusCode(202)
                    .header("Location", endsWith("/api/v1/erasure-requests/" + as("admin").when().post("/api/v1/customers/{id}/erasure", p.id())
                            .then().statusCode(202).extract().path("id")))
                    .body("status", equalTo("pending"))
                    .body("services.customer-service", equalTo("completed"))
                    .body("services.interaction-service", equalTo("pending"))
                    .body("services.analytics-service", equalTo("pending"))
                    .extract().path("id");
            var erased = probe.await(r -> p.id().equals(r.key())
                    && "clientbook.customer.erased.v1".equals(TopicProbe.headers(r).get("ce_type")), Duration.ofSeconds(30));
            JsonPath event = JsonPath.from(erased.value());
            assertEquals(requestId, event.getString("erasureRequestId"));
            assertEquals(List.of(p.duplicate()), event.getList("mergedIds"));
            assertTrue(!erased.value().contains(p.email()), "no personal data in the event");
        }

        as("admin").when().get("/api/v1/customers/{id}", p.id()).then().statusCode(404);
        as("admin").when().get("/api/v1/customers/by-external-id/erp/{key}", p.key()).then().statusCode(404);
        try (Connection db = DriverManager.getConnection(EmbeddedStack.get().jdbcUrl("customer"), PostgresServer.USER, "")) {
            for (String table : List.of("customer", "customer_history", "customer_merge", "customer_external_id", "idempotency_record",
                    "change_feed", "outbox")) {
                assertEquals(0, count(db, "select count(*) from " + table + " t where t::text ilike '%" + p.email() + "%' or t::text like '%"
                        + p.phone() + "%' or t::text like '%Lane-" + p.key() + "%' or t::text like '%agent-" + p.key() + "%'"),
                        table + " holds no personal data");
            }
            assertEquals(2, count(db, "select count(*) from customer where id in ('" + p.id() + "', '" + p.duplicate()
                    + "') and erased_at is not null and display_name = 'Erased customer'"));
            assertEquals(1, count(db, "select count(*) from customer_order where customer_id = '" + p.id() + "'"), "orders stay");
            assertTrue(count(db, "select count(*) from customer_history where customer_id = '" + p.id() + "' and changes::text like '%occupation%'") > 0,
                    "the history keeps which field changed, without the values");
        }

        try (var sender = new CloudEventSender(EmbeddedStack.get().bootstrapServers())) {
            for (String service : List.of("interaction-service", "analytics-service", "interaction-service")) { // one redelivered
                UUID eventId = service.equals("interaction-service") ? UUID.nameUUIDFromBytes((requestId + service).getBytes()) : UUID.randomUUID();
                sender.send(Topics.ERASURES, requestId, eventId, "clientbook.erasure.confirmed.v1", """
                        {"erasureRequestId": "%s", "customerId": "%s", "service": "%s", "completedAt": "2026-02-01T10:00:00Z"}"""
                        .formatted(requestId, p.id(), service));
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as("manager").when().get("/api/v1/erasure-requests/{id}", requestId)
                        .then().statusCode(200)
                        .body("status", equalTo("completed"))
                        .body("services.interaction-service", equalTo("completed"))
                        .body("services.analytics-service", equalTo("completed"))
                        .body("completedAt", org.hamcrest.Matchers.notNullValue()));
    }

    @Test
    void aMergedAwayRecordIsErasedThroughItsSurvivorAndUnknownRequestsAre404() {
        Person p = person();
        as("admin").when().post("/api/v1/customers/{id}/erasure", p.duplicate())
                .then().statusCode(404).body("mergedInto", equalTo(p.id()));
        as("admin").when().get("/api/v1/erasure-requests/{id}", UUID.randomUUID()).then().statusCode(404);
        as("sales").when().post("/api/v1/customers/{id}/erasure", p.id()).then().statusCode(403);
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (var rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
