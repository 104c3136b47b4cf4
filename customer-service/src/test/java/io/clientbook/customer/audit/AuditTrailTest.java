package io.clientbook.customer.audit;

import io.clientbook.devstack.testing.CloudEventSender;
import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.events.Topics;
import io.clientbook.events.audit.AuditRecorded;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.clientbook.customer.Fixtures.as;
import static io.clientbook.customer.Fixtures.customer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The audit trail end to end inside customer-service: a refusal and an export are recorded through the outbox,
 * travel over the real broker, come back through the audit consumer and are read by an admin; events from
 * other services (here sent as the gateway would) are stored once however often they arrive.
 */
@QuarkusTest
class AuditTrailTest {

    private static String tokenFor(String role, String subject) {
        return EmbeddedStack.get().tokens().sign(role, subject, Duration.ofHours(1));
    }

    @Test
    void aRefusedMergeAndAnExportAreRecordedWithWhoWhatAndWhere() {
        String id = customer("Audit Lee");
        String seller = "seller-" + UUID.randomUUID();
        given().auth().oauth2(tokenFor("sales", seller)).contentType(ContentType.JSON)
                .header("X-Forwarded-For", "203.0.113.7, 10.0.0.1").header("X-Request-Id", "audit-req-1")
                .body("{\"duplicateIds\": [\"" + UUID.randomUUID() + "\"]}")
                .when().post("/api/v1/customers/{id}/merge", id)
                .then().statusCode(403);
        String admin = "admin-" + UUID.randomUUID();
        given().auth().oauth2(tokenFor("admin", admin)).when().get("/api/v1/customers/{id}/export", id).then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("admin").queryParam("actor", seller)
                .when().get("/api/v1/audit-events")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].action", equalTo("request.denied"))
                .body("items[0].outcome", equalTo("denied"))
                .body("items[0].status", equalTo(403))
                .body("items[0].roles", contains("sales"))
                .body("items[0].method", equalTo("POST"))
                .body("items[0].path", equalTo("/api/v1/customers/" + id + "/merge"))
                .body("items[0].sourceIp", equalTo("203.0.113.7"))
                .body("items[0].requestId", equalTo("audit-req-1"))
                .body("items[0].service", equalTo("customer-service"))
                .body("items[0].at", notNullValue()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("admin").queryParam("actor", admin)
                .queryParam("action", "customer.exported")
                .when().get("/api/v1/audit-events")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].outcome", equalTo("allowed"))
                .body("items[0].resourceType", equalTo("customer"))
                .body("items[0].resourceId", equalTo(id))
                .body("items[0].status", equalTo(200)));
    }

    @Test
    void onlyAdminsReadTheTrailAndAnyoneElsesAttemptIsItselfRecorded() {
        String manager = "manager-" + UUID.randomUUID();
        given().auth().oauth2(tokenFor("manager", manager)).when().get("/api/v1/audit-events").then().statusCode(403);
        given().when().get("/api/v1/audit-events").then().statusCode(401);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("admin").queryParam("actor", manager)
                .when().get("/api/v1/audit-events")
                .then().statusCode(200)
                .body("items[0].action", equalTo("request.denied"))
                .body("items[0].path", equalTo("/api/v1/audit-events")));
    }

    @Test
    void anEventDeliveredTwiceIsKeptOnceAndPagesFollowTheCursor() {
        String actor = "anonymous-probe-" + UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        try (var sender = new CloudEventSender(EmbeddedStack.get().bootstrapServers())) {
            for (UUID eventId : new UUID[] {first, first, second}) {
                sender.send(Topics.AUDIT, actor, eventId, AuditRecorded.TYPE.cloudEventType(), """
                        {"service": "gateway", "actor": "%s", "roles": [], "action": "authentication.failed",
                         "outcome": "denied", "method": "GET", "path": "/api/v1/customers", "status": 401,
                         "requestId": "r-%s", "sourceIp": "198.51.100.4", "at": "2026-11-2%sT10:00:00Z"}"""
                        .formatted(actor, eventId, eventId.equals(first) ? "1" : "2"));
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("admin").queryParam("actor", actor)
                .when().get("/api/v1/audit-events")
                .then().statusCode(200).body("items", hasSize(2)));
        String cursor = as("admin").queryParam("actor", actor).queryParam("limit", 1)
                .when().get("/api/v1/audit-events")
                .then().statusCode(200)
                .body("items[0].id", equalTo(second.toString()))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        as("admin").queryParam("actor", actor).queryParam("limit", 1).queryParam("cursor", cursor)
                .when().get("/api/v1/audit-events")
                .then().statusCode(200)
                .body("items[0].id", equalTo(first.toString()))
                .body("items[0].service", equalTo("gateway"))
                .body("nextCursor", nullValue());
        as("admin").queryParam("actor", actor).queryParam("from", "2026-11-22T00:00:00Z")
                .when().get("/api/v1/audit-events")
                .then().statusCode(200).body("items.id", contains(second.toString()));
        as("admin").queryParam("cursor", "not-a-cursor").when().get("/api/v1/audit-events")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }
}
