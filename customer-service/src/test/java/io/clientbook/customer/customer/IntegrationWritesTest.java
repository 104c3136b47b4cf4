package io.clientbook.customer.customer;

import io.agroal.api.AgroalDataSource;
import io.clientbook.devstack.testing.CloudEventSender;
import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.devstack.testing.TopicProbe;
import io.clientbook.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.time.Duration;
import java.util.UUID;

import static io.clientbook.customer.Fixtures.as;
import static io.clientbook.customer.Fixtures.customer;
import static io.clientbook.customer.Fixtures.email;
import static io.clientbook.customer.Fixtures.etag;
import static io.clientbook.customer.Fixtures.externalId;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What integrators rely on: idempotent POSTs, upserts by external id, 207 batches, analytics' classifications. */
@QuarkusTest
class IntegrationWritesTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anUpdateWithAMalformedSourceUpdatedAtIsRefusedNamingTheField() {
        // found by WriteFuzzTest: it was read before the rest was validated, and answered 500
        String key = externalId();
        as("integrator").body("{\"displayName\": \"Sid Source\", \"sourceUpdatedAt\": \"2026-01-01T00:00:00Z\"}")
                .when().put("/api/v1/customers/by-external-id/erp/{key}", key).then().statusCode(201);
        as("integrator").body("{\"displayName\": \"Sid Source\", \"sourceUpdatedAt\": \"2026-02-30T25:61:00Z\"}")
                .when().put("/api/v1/customers/by-external-id/erp/{key}", key).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("sourceUpdatedAt"));
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstResponseAndRefusesAnotherBody() throws SQLException {
        String key = UUID.randomUUID().toString();
        String body = "{\"displayName\": \"Idem Potent\", \"emails\": [{\"address\": \"" + email() + "\"}]}";
        long before = count("select count(*) from customer where display_name = 'Idem Potent'");

        var first = as("integrator").header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/customers")
                .then().statusCode(201).extract();
        var again = as("integrator").header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/customers")
                .then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location"))
                .header("ETag", first.header("ETag"))
                .extract();
        assertEquals(first.body().asString(), again.body().asString());
        assertEquals(before + 1, count("select count(*) from customer where display_name = 'Idem Potent'"));

        as("integrator").header("Idempotency-Key", key).body("{\"displayName\": \"Someone Else\"}")
                .when().post("/api/v1/customers")
                .then().statusCode(422).contentType("application/problem+json");
        // another caller's key space is its own
        as("admin").header("Idempotency-Key", key).body("{\"displayName\": \"Admin's own\"}")
                .when().post("/api/v1/customers")
                .then().statusCode(201);
    }

    @Test
    void aKeyWhoseFirstRequestIsStillRunningIsAConflict() throws SQLException {
        String key = UUID.randomUUID().toString();
        String body = "{\"displayName\": \"In Flight\"}";
        // the first request holds the key (as it does while its transaction runs)
        String hash = sha256("/api/v1/customers?null", body);
        try (var c = dataSource.getConnection();
             var s = c.prepareStatement("insert into idempotency_record (scope, idem_key, request_hash, state) values ('dev-admin', ?, ?, 'running')")) {
            s.setString(1, key);
            s.setString(2, hash);
            s.executeUpdate();
        }
        as("admin").header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/customers")
                .then().statusCode(409).contentType("application/problem+json");
        assertEquals(0, count("select count(*) from customer where display_name = 'In Flight'"));
    }

    private static String sha256(String target, String body) {
        try {
            var digest = java.security.MessageDigest.getInstance("SHA-256");
            digest.update(target.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anIdempotentRequestThatWasRefusedIsRefusedTheSameWay() {
        String key = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            as("admin").header("Idempotency-Key", key).body("{\"displayName\": \"\"}")
                    .when().post("/api/v1/customers")
                    .then().statusCode(400).body("errors[0].field", equalTo("displayName"));
        }
    }

    @Test
    void upsertByExternalIdCreatesThenLeavesAbsentFieldsAlone() {
        String shopId = externalId();
        String path = "/api/v1/customers/by-external-id/shopify:store-a.myshopify.com/" + shopId;
        var created = as("integrator")
                .body("""
                        {"displayName": "Dana Shop", "tags": ["wholesale"], "phones": [{"number": "not a number"}],
                         "consents": [{"channel": "email", "purpose": "marketing", "granted": true}],
                         "sourceUpdatedAt": "2026-02-01T00:00:00Z"}""")
                .when().put(path)
                .then().statusCode(201)
                .body("externalIds[0].externalId", equalTo(shopId))
                .body("phones[0].number", equalTo("not a number"))
                .body("phones[0].valid", equalTo(false))
                .body("ownerId", equalTo("dev-integrator"))
                .extract();
        String id = created.path("id");
        org.hamcrest.MatcherAssert.assertThat(java.net.URLDecoder.decode(created.header("Location"), java.nio.charset.StandardCharsets.UTF_8),
                endsWith(path));

        as("integrator").body("{\"displayName\": \"Dana Shopper\", \"sourceUpdatedAt\": \"2026-02-02T00:00:00Z\"}")
                .when().put(path)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("displayName", equalTo("Dana Shopper"))
                .body("tags", contains("wholesale"))
                .body("consents", hasSize(1))
                .body("phones[0].valid", equalTo(false));

        as("integrator").body("{\"displayName\": \"Stale Name\", \"sourceUpdatedAt\": \"2026-01-01T00:00:00Z\"}")
                .when().put(path)
                .then().statusCode(200)
                .body("displayName", equalTo("Dana Shopper"))
                .header("ETag", "\"1\"");

        as("integrator").body("{\"displayName\": \"Dana\", \"externalIds\": [{\"source\": \"erp\", \"externalId\": \"" + shopId + "\"}]}")
                .when().put(path)
                .then().statusCode(200)
                .body("externalIds.source", contains("shopify:store-a.myshopify.com", "erp"));
        as("support").when().get("/api/v1/customers/by-external-id/erp/" + shopId)
                .then().statusCode(200).body("id", equalTo(id));
        as("support").when().get("/api/v1/customers/by-external-id/erp/nobody-" + shopId)
                .then().statusCode(404);
        as("integrator").body("{\"displayName\": \"X\"}")
                .when().put("/api/v1/customers/by-external-id/Bad Source/1")
                .then().statusCode(400).body("errors[0].field", equalTo("source"));
    }

    @Test
    void aBatchReportsEveryRowAndOneBadRowBlocksNoOther() throws SQLException {
        String existing = externalId();
        as("integrator").body("{\"displayName\": \"Before Batch\"}")
                .when().put("/api/v1/customers/by-external-id/erp/" + existing).then().statusCode(201);
        String fresh = externalId();
        String taken = email();
        as("admin").body("{\"displayName\": \"Has Address\", \"emails\": [{\"address\": \"" + taken + "\"}]}")
                .when().post("/api/v1/customers").then().statusCode(201);

        as("integrator").body("""
                        {"items": [
                          {"displayName": "New In Batch", "externalIds": [{"source": "erp", "externalId": "%s"}]},
                          {"displayName": ""},
                          {"displayName": "After Batch", "externalIds": [{"source": "erp", "externalId": "%s"}]},
                          {"displayName": "Unknown Field", "shoeSize": 44},
                          {"displayName": "Same Address", "emails": [{"address": "%s"}]},
                          {"displayName": "Before Batch Again", "externalIds": [{"source": "erp", "externalId": "%s"}], "sourceUpdatedAt": null}
                        ]}""".formatted(fresh, existing, taken, existing))
                .when().post("/api/v1/customers/batch-upsert")
                .then().statusCode(207)
                .body("results", hasSize(6))
                .body("results[0].status", equalTo("created"))
                .body("results[0].id", notNullValue())
                .body("results[1].status", equalTo("error"))
                .body("results[1].errors[0].field", equalTo("displayName"))
                .body("results[2].status", equalTo("updated"))
                .body("results[3].status", equalTo("error"))
                .body("results[3].errors[0].field", equalTo("shoeSize"))
                .body("results[4].status", equalTo("created"))
                .body("results[4].warnings[0]", org.hamcrest.Matchers.startsWith("possible-duplicate"))
                .body("results[5].status", equalTo("updated"));
        assertEquals(1, count("select count(*) from customer c join customer_external_id x on x.customer_id = c.id "
                + "where x.source = 'erp' and x.external_id = '" + fresh + "' and c.display_name = 'New In Batch'"));
        assertEquals(0, count("select count(*) from customer where display_name = 'Unknown Field'"));
    }

    @Test
    void aBatchFlagsRowsSharingContactsWithStoredCustomersAndWithEachOther() {
        String storedEmail = email();
        String storedKey = externalId();
        String stored = as("integrator").body("{\"displayName\": \"Stored Before\", \"emails\": [{\"address\": \"" + storedEmail + "\"}]}")
                .when().put("/api/v1/customers/by-external-id/erp/" + storedKey).then().statusCode(201).extract().path("id");
        String phone = "+1212" + (2_000_000 + new java.util.Random().nextInt(7_000_000));
        String national = "(" + phone.substring(2, 5) + ") " + phone.substring(5, 8) + "-" + phone.substring(8);
        String movedEmail = email();
        var results = as("integrator").body("""
                        {"items": [
                          {"displayName": "Shouting Email", "emails": [{"address": "%s"}]},
                          {"displayName": "First Phone", "phones": [{"number": "%s"}]},
                          {"displayName": "Same Phone", "phones": [{"number": "%s"}]},
                          {"displayName": "Same Phone Written Nationally", "phones": [{"number": "%s"}]},
                          {"displayName": "Stored Before", "externalIds": [{"source": "erp", "externalId": "%s"}],
                           "emails": [{"address": "%s"}]},
                          {"displayName": "Takes The Moved Email", "emails": [{"address": "%s"}]},
                          {"displayName": "Nobody Like Me", "emails": [{"address": "%s"}]}
                        ]}""".formatted(storedEmail.toUpperCase(java.util.Locale.ROOT), phone, phone, national, storedKey,
                        movedEmail, movedEmail, email()))
                .when().post("/api/v1/customers/batch-upsert")
                .then().statusCode(207)
                .body("results.status", contains("created", "created", "created", "created", "updated", "created", "created"))
                .extract().jsonPath();
        String firstPhone = results.getString("results[1].id");
        String samePhone = results.getString("results[2].id");
        // a stored customer; a row earlier in the batch; both, for a number sent in another form
        assertEquals(List.of("possible-duplicate: shares email with another customer (" + stored + ")"),
                results.getList("results[0].warnings"));
        assertEquals(null, results.getList("results[1].warnings")); // none
        assertEquals(List.of("possible-duplicate: shares phone with another customer (" + firstPhone + ")"),
                results.getList("results[2].warnings"));
        assertEquals(java.util.Set.of("possible-duplicate: shares phone with another customer (" + firstPhone + ")",
                        "possible-duplicate: shares phone with another customer (" + samePhone + ")"),
                java.util.Set.copyOf(results.getList("results[3].warnings")));
        // the stored customer changed its e-mail earlier in the batch: the new address points at it
        assertEquals(List.of("possible-duplicate: shares email with another customer (" + stored + ")"),
                results.getList("results[5].warnings"));
        assertEquals(null, results.getList("results[6].warnings"));
    }

    @Test
    void theSameExternalIdTwiceInOneBatchIsOneCustomer() throws SQLException {
        String id = externalId();
        as("integrator").body("""
                        {"items": [
                          {"displayName": "Twice First", "externalIds": [{"source": "erp", "externalId": "%1$s"}]},
                          {"displayName": "Twice Second", "externalIds": [{"source": "erp", "externalId": "%1$s"}]}
                        ]}""".formatted(id))
                .when().post("/api/v1/customers/batch-upsert")
                .then().statusCode(207)
                .body("results.status", contains("created", "updated"));
        assertEquals(1, count("select count(*) from customer_external_id where source = 'erp' and external_id = '" + id + "'"));
        as("support").when().get("/api/v1/customers/by-external-id/erp/" + id)
                .then().statusCode(200).body("displayName", equalTo("Twice Second"));
    }

    @Test
    void aBatchOfMoreThanAThousandIsTooLarge() {
        StringBuilder items = new StringBuilder("{\"items\": [");
        for (int i = 0; i <= 1000; i++) {
            items.append(i == 0 ? "" : ",").append("{\"displayName\": \"n").append(i).append("\"}");
        }
        as("integrator").body(items.append("]}").toString())
                .when().post("/api/v1/customers/batch-upsert")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void analyticsTiersAreAppliedUnlessPinnedAndEachIsAnUpdate() {
        String free = customer("Tier Free");
        String pinned = as("manager").body("{\"displayName\": \"Tier Pinned\", \"tier\": \"regular\"}")
                .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
        try (var sender = new CloudEventSender(EmbeddedStack.get().bootstrapServers());
             var probe = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.CUSTOMERS)) {
            for (String id : new String[] {free, pinned}) {
                sender.send(Topics.ANALYTICS, id, UUID.randomUUID(), "clientbook.customer.tier.changed.v1",
                        "{\"customerId\": \"" + id + "\", \"previousTier\": null, \"tier\": \"vip\", \"changedAt\": \"2026-03-01T00:00:00Z\"}");
            }
            sender.send(Topics.ANALYTICS, free, UUID.randomUUID(), "clientbook.customer.lifecycle.changed.v1",
                    "{\"customerId\": \"" + free + "\", \"previousStage\": null, \"stage\": \"at-risk\", \"changedAt\": \"2026-03-01T00:00:00Z\"}");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    as("admin").when().get("/api/v1/customers/{id}", free)
                            .then().body("tier", equalTo("vip"))
                            .body("tierPinned", equalTo(false))
                            .body("lifecycleStage", equalTo("at-risk")));
            probe.await(r -> free.equals(r.key()) && r.value().contains("\"tier\""), Duration.ofSeconds(30));
        }
        as("admin").when().get("/api/v1/customers/{id}", pinned).then().body("tier", equalTo("regular"));
        // unpinning hands the tier back to analytics
        as("manager").contentType("application/merge-patch+json").header("If-Match", etag(pinned)).body("{\"tier\": null}")
                .when().patch("/api/v1/customers/{id}", pinned)
                .then().statusCode(200).body("tierPinned", equalTo(false));
    }

    private long count(String sql) throws SQLException {
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            var rs = s.executeQuery(sql);
            rs.next();
            return rs.getLong(1);
        }
    }
}
