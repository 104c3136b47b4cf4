package io.clientbook.customer.merge;

import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.devstack.testing.TopicProbe;
import io.clientbook.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.clientbook.customer.Fixtures.as;
import static io.clientbook.customer.Fixtures.email;
import static io.clientbook.customer.Fixtures.etag;
import static io.clientbook.customer.Fixtures.externalId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** POST /customers/{id}/merge and /unmerge: survivorship, lineage, orders, dry runs, events, and giving back. */
@QuarkusTest
class MergeTest {

    /** The fields a record's owner cares about: everything but version and timestamps. */
    private static Map<String, Object> fields(String id) {
        Map<String, Object> record = new java.util.TreeMap<>(as("admin").when().get("/api/v1/customers/{id}", id)
                .then().statusCode(200).extract().jsonPath().getMap(""));
        List.of("version", "updatedAt", "warnings").forEach(record::remove);
        return record;
    }

    private static List<String> orderIds(String customer) {
        return as("admin").when().get("/api/v1/customers/{id}/orders", customer).then().statusCode(200)
                .extract().jsonPath().getList("items.externalId");
    }

    private static void order(String customer, String externalId) {
        as("integrator").body("""
                {"customer": {"id": "%s"}, "placedAt": "2026-01-31T10:00:00Z", "status": "placed", "currency": "USD", "total": "12.50"}"""
                .formatted(customer)).when().put("/api/v1/orders/by-external-id/erp/{id}", externalId).then().statusCode(201);
    }

    private static void patch(String id, String body) {
        as("admin").header("If-Match", etag(id)).contentType("application/merge-patch+json").body(body)
                .when().patch("/api/v1/customers/{id}", id).then().statusCode(200);
    }

    private record Pair(String survivor, String duplicate, String survivorKey, String duplicateKey, String survivorEmail,
            String duplicateEmail) {
    }

    private static Pair twoRecordsOfOnePerson() {
        String survivorKey = externalId();
        String duplicateKey = externalId();
        String survivorEmail = email();
        String duplicateEmail = email();
        String phone = "+1415" + (2_000_000 + new java.util.Random().nextInt(7_000_000));
        String survivor = as("admin").body("""
                {"displayName": "Mia Merge", "emails": [{"address": "%s", "primary": true}],
                 "phones": [{"number": "%s", "primary": true}], "tags": ["newsletter"],
                 "customAttributes": {"shoeSize": 38},
                 "externalIds": [{"source": "shopify:store-a.myshopify.com", "externalId": "%s"}]}"""
                .formatted(survivorEmail, phone, survivorKey)).when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
        String duplicate = as("admin").queryParam("allowDuplicate", true).body("""
                {"displayName": "M. Merge", "occupation": "nurse", "emails": [{"address": "%s", "primary": true}],
                 "phones": [{"number": "%s"}], "tags": ["vip-event"], "customAttributes": {"loyaltyCard": "L-9"},
                 "externalIds": [{"source": "woocommerce:shop.example.com", "externalId": "%s"}],
                 "consents": [{"channel": "email", "purpose": "marketing", "granted": true, "basis": "consent", "at": "2026-01-31T10:00:00Z"}]}"""
                .formatted(duplicateEmail, phone, duplicateKey)).when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
        // the duplicate's name was corrected after the survivor's: it is the more recent value
        patch(duplicate, "{\"displayName\": \"Mia Merge-Smith\"}");
        return new Pair(survivor, duplicate, survivorKey, duplicateKey, survivorEmail, duplicateEmail);
    }

    @Test
    void mergeThenUnmergeGivesBackTheOriginalRecordsAndOrders() {
        Pair p = twoRecordsOfOnePerson();
        String survivorOrder = externalId();
        String duplicateOrder1 = externalId();
        String duplicateOrder2 = externalId();
        order(p.survivor(), survivorOrder);
        order(p.duplicate(), duplicateOrder1);
        order(p.duplicate(), duplicateOrder2);
        Map<String, Object> survivorBefore = fields(p.survivor());
        Map<String, Object> duplicateBefore = fields(p.duplicate());

        as("manager").body("{\"duplicateIds\": [\"" + p.duplicate() + "\"]}")
                .when().post("/api/v1/customers/{id}/merge", p.survivor())
                .then().log().ifValidationFails().statusCode(200)
                .header("ETag", notNullOrEmpty())
                .body("id", equalTo(p.survivor()))
                .body("displayName", equalTo("Mia Merge-Smith"))
                .body("occupation", equalTo("nurse"))
                .body("emails.address", contains(p.survivorEmail(), p.duplicateEmail()))
                .body("emails.primary", contains(true, false))
                .body("phones", hasSize(1))
                .body("tags", contains("newsletter", "vip-event"))
                .body("customAttributes.shoeSize", equalTo(38))
                .body("customAttributes.loyaltyCard", equalTo("L-9"))
                .body("externalIds.externalId", contains(p.survivorKey(), p.duplicateKey()))
                .body("consents", hasSize(1));

        as("admin").when().get("/api/v1/customers/{id}", p.duplicate())
                .then().statusCode(404).contentType("application/problem+json")
                .body("mergedInto", equalTo(p.survivor()));
        assertEquals(3, orderIds(p.survivor()).size());
        as("admin").when().get("/api/v1/customers/by-external-id/woocommerce:shop.example.com/{key}", p.duplicateKey())
                .then().statusCode(200).body("id", equalTo(p.survivor()));
        as("admin").when().get("/api/v1/customers/{id}/history", p.survivor())
                .then().statusCode(200).body("items[0].kind", equalTo("merged")).body("items[0].channel", equalTo("merge"));
        as("admin").queryParam("email", p.duplicateEmail()).when().get("/api/v1/customers")
                .then().statusCode(200).body("items.id", contains(p.survivor()));

        as("manager").body("{\"customerId\": \"" + p.duplicate() + "\"}")
                .when().post("/api/v1/customers/{id}/unmerge", p.survivor())
                .then().log().ifValidationFails().statusCode(200)
                .body("id", equalTo(p.duplicate()));

        Map<String, Object> survivorAfter = fields(p.survivor());
        Map<String, Object> duplicateAfter = fields(p.duplicate());
        assertEquals(survivorBefore, survivorAfter, "the survivor is as it was before the merge");
        assertEquals(duplicateBefore, duplicateAfter, "the merged customer is as it was before the merge");
        assertEquals(List.of(survivorOrder), orderIds(p.survivor()));
        assertEquals(2, orderIds(p.duplicate()).size());
        as("admin").when().get("/api/v1/customers/by-external-id/woocommerce:shop.example.com/{key}", p.duplicateKey())
                .then().statusCode(200).body("id", equalTo(p.duplicate()));
    }

    @Test
    void aDryRunAnswersWithTheResultAndChangesNothing() {
        Pair p = twoRecordsOfOnePerson();
        String survivorEtag = etag(p.survivor());
        as("admin").body("{\"duplicateIds\": [\"" + p.duplicate() + "\"], \"dryRun\": true}")
                .when().post("/api/v1/customers/{id}/merge", p.survivor())
                .then().statusCode(200)
                .body("displayName", equalTo("Mia Merge-Smith"))
                .body("emails", hasSize(2));
        assertEquals(survivorEtag, etag(p.survivor()));
        as("admin").when().get("/api/v1/customers/{id}", p.duplicate()).then().statusCode(200);
        as("admin").when().get("/api/v1/customers/{id}/history", p.survivor()).then().body("items.kind", contains("created"));
    }

    @Test
    void changesMadeAfterTheMergeStayWithTheSurvivorOnUnmerge() {
        Pair p = twoRecordsOfOnePerson();
        as("admin").body("{\"duplicateIds\": [\"" + p.duplicate() + "\"]}")
                .when().post("/api/v1/customers/{id}/merge", p.survivor()).then().statusCode(200);
        patch(p.survivor(), "{\"occupation\": \"doctor\"}");
        as("admin").body("{\"customerId\": \"" + p.duplicate() + "\"}")
                .when().post("/api/v1/customers/{id}/unmerge", p.survivor())
                .then().statusCode(200).body("occupation", equalTo("nurse"));
        as("admin").when().get("/api/v1/customers/{id}", p.survivor())
                .then().statusCode(200)
                .body("occupation", equalTo("doctor"))
                .body("displayName", equalTo("Mia Merge"))
                .body("emails", hasSize(1));
    }

    @Test
    void mergeAndUnmergeArePublishedWithTheSurvivorTheMergedAndTheMovedOrders() {
        try (var probe = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.CUSTOMERS)) {
            Pair p = twoRecordsOfOnePerson();
            String orderKey = externalId();
            order(p.duplicate(), orderKey);
            String orderId = as("admin").when().get("/api/v1/orders/by-external-id/erp/{id}", orderKey).then().extract().path("id");
            as("admin").body("{\"duplicateIds\": [\"" + p.duplicate() + "\"]}")
                    .when().post("/api/v1/customers/{id}/merge", p.survivor()).then().statusCode(200);
            var merged = probe.await(r -> p.survivor().equals(r.key())
                    && "clientbook.customer.merged.v1".equals(TopicProbe.headers(r).get("ce_type")), Duration.ofSeconds(30));
            JsonPath event = JsonPath.from(merged.value());
            assertEquals(p.survivor(), event.getString("survivorId"));
            assertEquals(List.of(p.duplicate()), event.getList("mergedIds"));
            assertEquals(List.of(orderId), event.getList("orderIds"));

            as("admin").body("{\"customerId\": \"" + p.duplicate() + "\"}")
                    .when().post("/api/v1/customers/{id}/unmerge", p.survivor()).then().statusCode(200);
            var unmerged = probe.await(r -> p.survivor().equals(r.key())
                    && "clientbook.customer.unmerged.v1".equals(TopicProbe.headers(r).get("ce_type")), Duration.ofSeconds(30));
            JsonPath back = JsonPath.from(unmerged.value());
            assertEquals(p.duplicate(), back.getString("restoredId"));
            assertEquals(List.of(orderId), back.getList("orderIds"));
        }
    }

    @Test
    void badMergesAreRefusedNamingTheFieldAndChangeNothing() {
        Pair p = twoRecordsOfOnePerson();
        as("admin").body("{\"duplicateIds\": [\"" + p.survivor() + "\"]}")
                .when().post("/api/v1/customers/{id}/merge", p.survivor())
                .then().statusCode(400).body("errors.field", hasItem("duplicateIds[0]"));
        as("admin").body("{\"duplicateIds\": [\"" + p.duplicate() + "\", \"" + UUID.randomUUID() + "\"]}")
                .when().post("/api/v1/customers/{id}/merge", p.survivor())
                .then().statusCode(400).body("errors.field", hasItem("duplicateIds[1]"));
        as("admin").when().get("/api/v1/customers/{id}", p.duplicate()).then().statusCode(200); // the good one was not merged either
        as("admin").body("{\"duplicateIds\": []}").when().post("/api/v1/customers/{id}/merge", p.survivor())
                .then().statusCode(400).body("errors.field", hasItem("duplicateIds"));
        as("sales").body("{\"duplicateIds\": [\"" + p.duplicate() + "\"]}")
                .when().post("/api/v1/customers/{id}/merge", p.survivor()).then().statusCode(403);
        as("admin").body("{\"customerId\": \"" + p.duplicate() + "\"}")
                .when().post("/api/v1/customers/{id}/unmerge", p.survivor())
                .then().statusCode(409).body("errors.field", hasItem("customerId"));

        as("admin").body("{\"duplicateIds\": [\"" + p.duplicate() + "\"]}")
                .when().post("/api/v1/customers/{id}/merge", p.survivor()).then().statusCode(200);
        as("admin").body("{\"duplicateIds\": [\"" + p.duplicate() + "\"]}")
                .when().post("/api/v1/customers/{id}/merge", p.survivor())
                .then().statusCode(400).body("errors.field", hasItem("duplicateIds[0]"));
    }

    private static org.hamcrest.Matcher<String> notNullOrEmpty() {
        return org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString());
    }
}
