package io.clientbook.customer.pii;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.clientbook.customer.Fixtures.as;
import static io.clientbook.customer.Fixtures.etag;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * E-mails, phones, addresses and birthday are encrypted in customer-service's database: a dump of every table
 * shows none of them, while the API reads them back and finds customers by e-mail and phone as before.
 */
@QuarkusTest
class PiiAtRestTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aDumpOfEveryTableShowsNoContactDetailsWhileTheApiWorksAsBefore() throws Exception {
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 14); // long enough never to turn up in other hex
        String email = "dana." + tag + "@example.com";
        String newEmail = "dana.new." + tag + "@example.com";
        String street = tag + " Quayside Lane";
        String idempotencyKey = UUID.randomUUID().toString();
        String id = as("admin").header("Idempotency-Key", idempotencyKey).body("""
                {"displayName": "Dana Vault", "emails": [{"address": "%s", "primary": true}],
                 "phones": [{"number": "+1 415 555 0199"}],
                 "addresses": [{"line1": "%s", "city": "Springfield", "country": "US"}],
                 "birthday": "1987-03-14"}""".formatted(email, street))
                .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
        // a change, so the field history, the outbox and the change feed have something to hold
        as("admin").header("If-Match", etag(id)).contentType("application/merge-patch+json")
                .body("{\"emails\": [{\"address\": \"" + newEmail + "\", \"primary\": true}], \"birthday\": \"1987-03-15\"}")
                .when().patch("/api/v1/customers/{id}", id).then().statusCode(200);

        // the API: reads, exact lookups, history, duplicate warnings
        as("admin").when().get("/api/v1/customers/{id}", id).then().statusCode(200)
                .body("emails[0].address", equalTo(newEmail))
                .body("phones[0].number", equalTo("+14155550199"))
                .body("addresses[0].line1", equalTo(street))
                .body("birthday", equalTo("1987-03-15"));
        as("admin").queryParam("email", newEmail.toUpperCase()).when().get("/api/v1/customers").then().statusCode(200)
                .body("items.id", contains(id));
        as("admin").queryParam("email", email).when().get("/api/v1/customers").then().statusCode(200)
                .body("items", hasSize(0));
        as("admin").queryParam("q", "+14155550199").when().get("/api/v1/customers").then().statusCode(200)
                .body("items.id", hasItem(id));
        as("admin").when().get("/api/v1/customers/{id}/history", id).then().statusCode(200)
                .body("items[0].changes.field", contains("emails", "birthday"))
                .body("items[0].changes[0].oldValue[0].address", equalTo(email))
                .body("items[0].changes[0].newValue[0].address", equalTo(newEmail))
                .body("items[0].changes[1].newValue", equalTo("1987-03-15"));
        as("admin").body("{\"displayName\": \"Someone Else\", \"emails\": [{\"address\": \"" + newEmail + "\"}]}")
                .when().post("/api/v1/customers").then().statusCode(409)
                .body("candidates[0].id", equalTo(id))
                .body("candidates[0].matchedOn", contains("email"));
        // a merge keeps snapshots of both customers, contacts included, for an unmerge
        String duplicate = as("admin").queryParam("allowDuplicate", true)
                .body("{\"displayName\": \"D. Vault\", \"emails\": [{\"address\": \"" + newEmail + "\"}], \"phones\": [{\"number\": \"+14155550199\"}]}")
                .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
        as("admin").body("{\"duplicateIds\": [\"" + duplicate + "\"]}")
                .when().post("/api/v1/customers/{id}/merge", id).then().statusCode(200);
        as("admin").body("{\"customerId\": \"" + duplicate + "\"}").when().post("/api/v1/customers/{id}/unmerge", id).then().statusCode(200)
                .body("emails[0].address", equalTo(newEmail));

        // the outbox row is published before the dump, as it would be in a real one; its event carries no contacts
        await().until(() -> unpublished() == 0);
        String dump = dumpEveryTable();
        for (String secret : List.of(tag, "Quayside", "dana.", "@example.com", "4155550199", "1987-03-1")) {
            assertFalse(dump.contains(secret), "the dump shows " + secret + ": "
                    + dump.lines().filter(line -> line.contains(secret)).findFirst().orElse(""));
            assertFalse(dump.contains(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8))),
                    "the dump shows " + secret + " in a bytea column");
        }
        assertTrue(dump.contains(HexFormat.of().formatHex("v1:test-1:".getBytes(StandardCharsets.UTF_8))),
                "the response kept for the Idempotency-Key replay is in the dump, sealed");
        // and the replay still answers with the customer as created
        as("admin").header("Idempotency-Key", idempotencyKey).body("""
                {"displayName": "Dana Vault", "emails": [{"address": "%s", "primary": true}],
                 "phones": [{"number": "+1 415 555 0199"}],
                 "addresses": [{"line1": "%s", "city": "Springfield", "country": "US"}],
                 "birthday": "1987-03-14"}""".formatted(email, street))
                .when().post("/api/v1/customers").then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(id)).body("emails[0].address", equalTo(email));
        assertTrue(dump.contains("Dana Vault"), "names stay searchable, so they stay plain (the issue keeps name search)");
        // the event says that the e-mails changed, not to what; care rules get the birthday's month and day only
        assertTrue(dump.contains("{\"\"field\"\": \"\"emails\"\", \"\"newValue\"\": null, \"\"oldValue\"\": null}"), "customer.updated names the field");
        assertTrue(dump.contains("{\"\"field\"\": \"\"birthday\"\", \"\"newValue\"\": \"\"03-15\"\", \"\"oldValue\"\": \"\"03-14\"\"}"),
                "customer.updated gives month and day");
    }

    @Test
    void aReadOnlyRequestRewritesNothing() throws SQLException {
        String id = as("admin").body("{\"displayName\": \"Rita Reader\", \"emails\": [{\"address\": \"rita."
                        + UUID.randomUUID().toString().substring(0, 8) + "@example.com\"}], \"birthday\": \"1990-01-31\"}")
                .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
        String sealed = column(id, "emails_sealed");
        as("admin").when().get("/api/v1/customers/{id}", id).then().statusCode(200).header("ETag", equalTo("\"0\""));
        as("admin").queryParam("q", "Rita Reader").when().get("/api/v1/customers").then().statusCode(200);
        assertEquals(sealed, column(id, "emails_sealed"), "sealing is random, so a rewrite would show: none happened");
        as("admin").when().get("/api/v1/customers/{id}", id).then().statusCode(200).header("ETag", equalTo("\"0\""))
                .body("birthday", equalTo("1990-01-31"));
    }

    @Test
    void erasureLeavesNothingToDecrypt() throws SQLException {
        String email = "eve." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String id = as("admin").body("{\"displayName\": \"Eve Erased\", \"emails\": [{\"address\": \"" + email
                        + "\"}], \"birthday\": \"1970-05-05\"}")
                .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
        as("admin").when().post("/api/v1/customers/{id}/erasure", id).then().statusCode(202);
        await().until(() -> column(id, "erased_at") != null);
        assertEquals(null, column(id, "birthday_sealed"));
        assertEquals("{}", column(id, "email_digests"), "nothing left to look the person up by");
        as("admin").queryParam("email", email).when().get("/api/v1/customers").then().statusCode(200).body("items", hasSize(0));
    }

    private long unpublished() throws SQLException {
        try (var c = dataSource.getConnection(); var rows = c.createStatement().executeQuery("select count(*) from outbox where published_at is null")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private String column(String id, String column) throws SQLException {
        try (var c = dataSource.getConnection();
             var s = c.prepareStatement("select " + column + "::text from customer where id = ?")) {
            s.setObject(1, UUID.fromString(id));
            try (var rows = s.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    /** Every row of every table in the schema, as text: what a stolen dump would show. */
    private String dumpEveryTable() throws SQLException {
        StringBuilder dump = new StringBuilder();
        try (var c = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (var rows = c.createStatement().executeQuery(
                    "select tablename from pg_tables where schemaname = current_schema() and tablename <> 'flyway_schema_history'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertTrue(tables.containsAll(List.of("customer", "customer_history", "customer_merge", "outbox", "change_feed",
                    "idempotency_record")), tables.toString());
            for (String table : tables) {
                try (var rows = c.createStatement().executeQuery("select t::text from \"" + table + "\" t")) {
                    while (rows.next()) {
                        dump.append(table).append(": ").append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }
}
