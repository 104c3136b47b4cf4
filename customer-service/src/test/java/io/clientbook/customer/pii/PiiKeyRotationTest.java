package io.clientbook.customer.pii;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.clientbook.customer.Fixtures.as;
import static io.clientbook.customer.Fixtures.etag;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rotating the PII keys under a running service: the ring holds a retired key and a new active one; rows sealed
 * under the retired key stay readable and findable, the re-sealing pass moves them (values, digests, history)
 * to the new keys without a version bump, and plaintext left from before sealing existed is sealed the same way.
 */
@QuarkusTest
@TestProfile(PiiKeyRotationTest.RetiredAndActiveKeys.class)
class PiiKeyRotationTest {

    static final String RETIRED = Base64.getEncoder().encodeToString("retired-key-retired-key-retired!".getBytes());
    static final String ACTIVE = Base64.getEncoder().encodeToString("the-active-key-the-active-key-ok".getBytes());
    static final String RETIRED_INDEX = Base64.getEncoder().encodeToString("retired-index-key-retired-index!".getBytes());
    static final String ACTIVE_INDEX = Base64.getEncoder().encodeToString("active-index-key-active-index-ok".getBytes());

    public static class RetiredAndActiveKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clientbook.pii.keys", "old:" + RETIRED + ",new:" + ACTIVE,
                    "clientbook.pii.active-key", "new",
                    "clientbook.pii.index-keys", "old-index:" + RETIRED_INDEX + ",new-index:" + ACTIVE_INDEX);
        }
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    PiiResealing resealing;

    private final PiiCipher retired = new PiiCipher(KeyRing.parse("k", List.of("old:" + RETIRED), Optional.empty(), 32, 32));
    private final BlindIndex retiredIndex = new BlindIndex(KeyRing.parse("i", List.of("old-index:" + RETIRED_INDEX), Optional.empty(), 32, 64));

    @Test
    void rowsUnderTheRetiredKeysStayReadableAndFindableAndAreMovedToTheNewOnes() throws SQLException {
        String email = "rot." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String id = as("admin").body("{\"displayName\": \"Rory Rotate\", \"emails\": [{\"address\": \"" + email
                        + "\"}], \"phones\": [{\"number\": \"+14155550142\"}], \"birthday\": \"1975-12-01\"}")
                .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
        as("admin").header("If-Match", etag(id)).contentType("application/merge-patch+json")
                .body("{\"birthday\": \"1975-12-02\"}").when().patch("/api/v1/customers/{id}", id).then().statusCode(200);
        assertTrue(column(id, "emails_sealed").startsWith("v1:new:"), "new writes use the active key");
        assertTrue(column(id, "email_digests").startsWith("{new-index:"));

        // as it was written before the rotation: everything under the retired keys
        sql("update customer set emails_sealed = ?, phones_sealed = ?, birthday_sealed = ?, email_digests = array[?], phone_digests = array[?] where id = ?",
                retired.seal("[{\"address\":\"" + email + "\",\"label\":null,\"primary\":false}]", "customer.emails"),
                retired.seal("[{\"number\":\"+14155550142\",\"label\":null,\"primary\":false,\"valid\":true}]", "customer.phones"),
                retired.seal("1975-12-02", "customer.birthday"),
                retiredIndex.digest(BlindIndex.EMAIL, email), retiredIndex.digest(BlindIndex.PHONE, "+14155550142"), UUID.fromString(id));
        sql("update customer_history set changes = jsonb_build_array(jsonb_build_object('field', 'birthday', 'oldValue', ?, 'newValue', ?)) "
                        + "where customer_id = ? and version = 1",
                retired.seal("\"1975-12-01\"", "customer_history.birthday"), retired.seal("\"1975-12-02\"", "customer_history.birthday"),
                UUID.fromString(id));
        String etag = etag(id);

        readableAndFindable(id, email);

        PiiResealing.Pass pass = resealing.resealAll();
        assertTrue(pass.resealed("customer") >= 1 && pass.resealed("customer_history") >= 1 && pass.unreadable() == 0, pass.toString());
        for (String column : List.of("emails_sealed", "phones_sealed", "addresses_sealed", "birthday_sealed")) {
            assertTrue(column(id, column).startsWith("v1:new:"), column + " is under the new key");
        }
        assertTrue(column(id, "email_digests").matches("\\{new-index:[^,]+}"), column(id, "email_digests"));
        assertTrue(column(id, "phone_digests").matches("\\{new-index:[^,]+}"), column(id, "phone_digests"));
        assertFalse(history(id).contains("v1:old:"), "the history is under the new key");
        assertEquals(etag, etag(id), "re-sealing is no change: same version, no event");
        readableAndFindable(id, email);
        assertEquals(0, resealing.resealAll().resealed("customer"), "a second pass finds nothing left");
    }

    @Test
    void plaintextFromBeforeSealingIsSealedAndKeepsWorking() throws SQLException {
        String email = "legacy." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        UUID id = UUID.randomUUID();
        sql("""
                insert into customer (id, display_name, legacy_emails, legacy_phones, legacy_addresses, legacy_birthday,
                                      created_at, updated_at, version, search_text)
                values (?, 'Lena Legacy', cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), date '1960-02-29', now(), now(), 3, 'lena legacy')""",
                id, "[{\"address\": \"" + email + "\", \"label\": \"home\", \"primary\": true}]",
                "[{\"number\": \"+14155550177\", \"label\": null, \"primary\": false, \"valid\": true}]",
                "[{\"label\": null, \"line1\": \"1 Old Road\", \"line2\": null, \"city\": \"Oldtown\", \"region\": null, \"postalCode\": null, \"country\": \"GB\"}]");

        String snapshot = "{\"displayName\": \"Lena Legacy\", \"emails\": [{\"address\": \"" + email + "\", \"primary\": true}]}";
        UUID merge = UUID.randomUUID();
        sql("""
                insert into customer_merge (id, survivor_id, merged_id, merged_at, survivor_before, merged_before, survivor_after, unmerged_at)
                values (?, ?, ?, now(), ?, ?, ?, now())""", merge, id, id, snapshot, snapshot, snapshot);

        PiiResealing.Pass pass = resealing.resealAll();

        assertTrue(pass.resealed("customer") >= 1 && pass.resealed("customer_merge") >= 1, pass.toString());
        String lineage = text("select m::text from customer_merge m where id = ?", merge);
        assertFalse(lineage.contains(email), lineage);
        assertTrue(text("select survivor_before from customer_merge where id = ?", merge).startsWith("v1:new:"));
        assertNull(column(id.toString(), "legacy_emails"));
        assertNull(column(id.toString(), "legacy_birthday"));
        assertTrue(column(id.toString(), "addresses_sealed").startsWith("v1:new:"));
        assertFalse(row(id).contains("Old Road") || row(id).contains(email) || row(id).contains("1960"), row(id));
        as("admin").when().get("/api/v1/customers/{id}", id).then().statusCode(200)
                .header("ETag", equalTo("\"3\""))
                .body("emails[0].address", equalTo(email))
                .body("emails[0].label", equalTo("home"))
                .body("phones[0].number", equalTo("+14155550177"))
                .body("addresses[0].line1", equalTo("1 Old Road"))
                .body("birthday", equalTo("1960-02-29"));
        as("admin").queryParam("email", email).when().get("/api/v1/customers").then().statusCode(200)
                .body("items.id", contains(id.toString()));
    }

    private void readableAndFindable(String id, String email) {
        as("admin").when().get("/api/v1/customers/{id}", id).then().statusCode(200)
                .body("emails[0].address", equalTo(email))
                .body("phones[0].number", equalTo("+14155550142"))
                .body("birthday", equalTo("1975-12-02"));
        as("admin").queryParam("email", email).when().get("/api/v1/customers").then().statusCode(200)
                .body("items.id", contains(id));
        as("admin").queryParam("phone", "+1 415 555 0142").when().get("/api/v1/customers").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(id));
        as("admin").when().get("/api/v1/customers/{id}/history", id).then().statusCode(200)
                .body("items[0].changes[0].field", equalTo("birthday"))
                .body("items[0].changes[0].oldValue", equalTo("1975-12-01"))
                .body("items[0].changes[0].newValue", equalTo("1975-12-02"));
    }

    private void sql(String statement, Object... parameters) throws SQLException {
        try (var c = dataSource.getConnection(); var s = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            assertEquals(1, s.executeUpdate(), statement);
        }
    }

    private String column(String id, String column) throws SQLException {
        return text("select " + column + "::text from customer where id = ?", UUID.fromString(id));
    }

    private String row(UUID id) throws SQLException {
        return text("select c::text from customer c where id = ?", id);
    }

    private String history(String id) throws SQLException {
        return text("select string_agg(changes::text, ' ') from customer_history where customer_id = ?", UUID.fromString(id));
    }

    private String text(String query, UUID id) throws SQLException {
        try (var c = dataSource.getConnection(); var s = c.prepareStatement(query)) {
            s.setObject(1, id);
            try (var rows = s.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}
