package io.clientbook.customer.integration;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.clientbook.customer.Fixtures.as;
import static io.clientbook.customer.integration.ShopWebhooks.sample;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shopify's documented sample payloads through the webhook intake, signed as Shopify signs them: what they become,
 * duplicates, out-of-order updates, bad signatures and malformed bodies.
 */
@QuarkusTest
class ShopifyWebhooksTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aSignedCustomerCreateBecomesTheCustomerWithAddressTagsAndConsentAndIsStoredOnce() throws SQLException {
        ShopWebhooks shop = ShopWebhooks.connect("shopify");
        String event = UUID.randomUUID().toString();
        shop.shopify("customers/create", event, sample("shopify/customers-create.json")).statusCode(200).body("status", equalTo("accepted"));
        // Shopify sends it again (it did not hear our 200 in time): the same answer, nothing stored twice
        shop.shopify("customers/create", event, sample("shopify/customers-create.json")).statusCode(200).body("status", equalTo("duplicate"));

        JsonPath delivery = shop.delivery("customers/create");
        assertEquals("processed", delivery.getString("status"));
        assertEquals("706405506930370084", delivery.getString("objectId"));
        as("support").when().get("/api/v1/customers/by-external-id/" + shop.source() + "/706405506930370084")
                .then().statusCode(200)
                .body("displayName", equalTo("Bob Biller"))
                .body("givenName", equalTo("Bob"))
                .body("emails[0].address", equalTo("bob@biller.com"))
                .body("addresses[0].line1", equalTo("151 O'Connor Street"))
                .body("addresses[0].city", equalTo("Ottawa"))
                .body("addresses[0].region", equalTo("ON"))
                .body("addresses[0].postalCode", equalTo("K2P 2L8"))
                .body("addresses[0].country", equalTo("CA"))
                .body("tags", containsInAnyOrder("ice-cream", "loyal"))
                .body("consents[0].channel", equalTo("email"))
                .body("consents[0].purpose", equalTo("marketing"))
                .body("consents[0].granted", equalTo(true))
                .body("consents[0].at", equalTo("2022-01-01T00:00:00Z"))
                .body("acquisitionSource", equalTo(shop.source()))
                .body("sourceUpdatedAt", equalTo("2022-01-01T00:00:00Z"));

        try (var connection = dataSource.getConnection();
             var rows = connection.prepareStatement("select count(*), min(body) from webhook_delivery where delivery_key = '" + event + "'").executeQuery()) {
            rows.next();
            assertEquals(1, rows.getInt(1), "the duplicate is not stored again");
            assertTrue(rows.getString(2).startsWith("v1:"), "the raw body is sealed at rest");
            assertFalse(rows.getString(2).contains("biller"), "no contact detail in plaintext");
        }
    }

    @Test
    void anOlderUpdateArrivingAfterANewerOneChangesNothing() {
        ShopWebhooks shop = ShopWebhooks.connect("shopify");
        String created = sample("shopify/customers-create.json");
        String newer = created.replace("\"first_name\": \"Bob\"", "\"first_name\": \"Robert\"")
                .replace("\"updated_at\": \"2021-12-31T19:00:00-05:00\"", "\"updated_at\": \"2022-03-01T10:00:00-05:00\"");
        String older = created.replace("\"first_name\": \"Bob\"", "\"first_name\": \"Bobby\"")
                .replace("\"updated_at\": \"2021-12-31T19:00:00-05:00\"", "\"updated_at\": \"2022-02-01T10:00:00-05:00\"");
        shop.shopify("customers/update", UUID.randomUUID().toString(), newer).statusCode(200);
        shop.awaitQuiet();
        shop.shopify("customers/update", UUID.randomUUID().toString(), older).statusCode(200);

        JsonPath late = shop.delivery("customers/update");
        assertEquals("skipped", late.getString("status"));
        assertEquals("older than the version already applied", late.getString("outcome"));
        as("admin").when().get("/api/v1/customers/by-external-id/" + shop.source() + "/706405506930370084")
                .then().statusCode(200).body("givenName", equalTo("Robert")).body("displayName", equalTo("Robert Biller"));
    }

    @Test
    void aBadOrMissingSignatureOrAnUnknownShopIs401AndNothingIsStored() throws SQLException {
        ShopWebhooks shop = ShopWebhooks.connect("shopify");
        String body = sample("shopify/customers-create.json");
        String event = UUID.randomUUID().toString();
        String signature = WebhookSignature.sign("another secret".getBytes(), body.getBytes());
        shop.shopifySigned("customers/create", event, body, signature).statusCode(401)
                .contentType("application/problem+json").body("title", equalTo("Webhook not verified"));
        shop.shopifySigned("customers/create", event, body, null).statusCode(401);
        shop.shopifySigned("customers/create", event, body, "not base64!").statusCode(401);
        // signed over other bytes: one character of the body changed after signing
        String good = WebhookSignature.sign(shop.secret.getBytes(), body.getBytes());
        shop.shopifySigned("customers/create", event, body.replace("Bob", "Rob"), good).statusCode(401);
        ShopWebhooks unknown = ShopWebhooks.connect("shopify");
        as("admin").header("If-Match", "\"0\"").when().delete("/api/v1/integrations/shops/" + unknown.id).then().statusCode(204);
        unknown.shopify("customers/create", event, body).statusCode(401);

        try (var connection = dataSource.getConnection();
             var rows = connection.prepareStatement("select count(*) from webhook_delivery where delivery_key = '" + event + "'").executeQuery()) {
            rows.next();
            assertEquals(0, rows.getInt(1));
        }
        as("admin").when().get("/api/v1/customers/by-external-id/" + shop.source() + "/706405506930370084").then().statusCode(404);
    }

    @Test
    void theDocumentedCancelledTestOrderIsRecordedCancelledAndCreatesItsCustomer() {
        ShopWebhooks shop = ShopWebhooks.connect("shopify");
        shop.shopify("orders/create", UUID.randomUUID().toString(), sample("shopify/orders-create.json")).statusCode(200);
        assertEquals("processed", shop.delivery("orders/create").getString("status"));

        as("analyst").when().get("/api/v1/orders/by-external-id/" + shop.source() + "/820982911946154508")
                .then().statusCode(200)
                .body("status", equalTo("cancelled"))
                .body("total", equalTo("403.00"))
                .body("discountTotal", equalTo("20.00"))
                .body("currency", equalTo("USD"))
                .body("placedAt", equalTo("2022-01-01T00:00:00Z"))
                .body("lineItems.size()", equalTo(2))
                .body("lineItems[0].sku", equalTo("IPOD2008PINK"))
                .body("lineItems[0].unitPrice", equalTo("199.00"));
        as("admin").when().get("/api/v1/customers/by-external-id/" + shop.source() + "/115310627314723954")
                .then().statusCode(200)
                .body("displayName", equalTo("John Smith"))
                .body("emails[0].address", equalTo("john@example.com"))
                .body("addresses[0].country", equalTo("CA"))
                .body("consents[0].granted", equalTo(false));
    }

    @Test
    void aPaidOrderEarnsLoyaltyAndAFullRefundMakesItRefunded() {
        ShopWebhooks shop = ShopWebhooks.connect("shopify");
        String paid = sample("shopify/orders-create.json")
                .replace("\"cancelled_at\": \"2021-12-31T19:00:00-05:00\"", "\"cancelled_at\": null")
                .replace("\"financial_status\": \"voided\"", "\"financial_status\": \"paid\"");
        shop.shopify("orders/paid", UUID.randomUUID().toString(), paid).statusCode(200);
        assertEquals("processed", shop.delivery("orders/paid").getString("status"));
        String customerId = as("admin").when().get("/api/v1/orders/by-external-id/" + shop.source() + "/820982911946154508")
                .then().statusCode(200).body("status", equalTo("paid")).extract().path("customerId");
        // the order event reaches the loyalty ledger through the broker: a point per dollar of the 403.00 total
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("admin").when().get("/api/v1/customers/{id}/loyalty", customerId)
                .then().statusCode(200).body("lifetimePoints", greaterThan(0)));

        // two refunds of 199.00 and 204.00: refunded once they reach the total, each counted once
        String first = sample("shopify/refunds-create.json");
        shop.shopify("refunds/create", UUID.randomUUID().toString(), first).statusCode(200);
        shop.awaitQuiet();
        as("admin").when().get("/api/v1/orders/by-external-id/" + shop.source() + "/820982911946154508")
                .then().body("status", equalTo("paid"));
        shop.shopify("refunds/create", UUID.randomUUID().toString(), first).statusCode(200); // the same refund again
        shop.awaitQuiet();
        as("admin").when().get("/api/v1/orders/by-external-id/" + shop.source() + "/820982911946154508")
                .then().body("status", equalTo("paid"));
        String second = first.replace("890088186047892319", "890088186047892320").replace("\"subtotal\": 199.0", "\"subtotal\": 204.0");
        shop.shopify("refunds/create", UUID.randomUUID().toString(), second).statusCode(200);
        assertEquals("processed", shop.delivery("refunds/create").getString("status"));
        as("admin").when().get("/api/v1/orders/by-external-id/" + shop.source() + "/820982911946154508")
                .then().body("status", equalTo("refunded"));
    }

    @Test
    void aConsentUpdateWithdrawsTheEmailMarketingConsentKeepingTheRest() {
        ShopWebhooks shop = ShopWebhooks.connect("shopify");
        shop.shopify("customers/create", UUID.randomUUID().toString(), sample("shopify/customers-create.json")).statusCode(200);
        shop.awaitQuiet();
        shop.shopify("customers_email_marketing_consent/update", UUID.randomUUID().toString(),
                sample("shopify/customers-email-marketing-consent-update.json")).statusCode(200);
        assertEquals("processed", shop.delivery("customers_email_marketing_consent/update").getString("status"));
        as("admin").when().get("/api/v1/customers/by-external-id/" + shop.source() + "/706405506930370084")
                .then().statusCode(200)
                .body("consents.size()", equalTo(1))
                .body("consents[0].granted", equalTo(false))
                .body("consents[0].at", equalTo("2022-02-01T17:30:00Z"))
                .body("tags", hasItem("loyal"))
                .body("emails.size()", equalTo(1));
    }

    @Test
    void aMalformedDeliveryIsParkedWithItsReasonAndDoesNotBlockTheNext() {
        ShopWebhooks shop = ShopWebhooks.connect("shopify");
        shop.shopify("orders/create", UUID.randomUUID().toString(), "{\"id\": 5, \"created_at\": \"yesterday\"").statusCode(200);
        shop.shopify("orders/create", UUID.randomUUID().toString(), "{\"id\": 6, \"created_at\": \"2026-01-31T10:00:00Z\", \"currency\": \"USD\"}")
                .statusCode(200);
        shop.shopify("customers/create", UUID.randomUUID().toString(), sample("shopify/customers-create.json")).statusCode(200);
        shop.awaitQuiet();

        List<String> reasons = as("integrator").queryParam("shopId", shop.id).queryParam("status", "failed")
                .when().get("/api/v1/integrations/deliveries")
                .then().statusCode(200).body("items.size()", equalTo(2)).extract().path("items.lastError");
        assertTrue(reasons.contains("the body is not JSON"), reasons.toString());
        assertTrue(reasons.contains("total_price is missing or not a non-negative amount"), reasons.toString());
        assertEquals("processed", shop.delivery("customers/create").getString("status"));

        // a parked delivery can be sent through again; still malformed, it is parked again with its reason
        String failedId = as("integrator").queryParam("shopId", shop.id).queryParam("status", "failed").queryParam("limit", 1)
                .when().get("/api/v1/integrations/deliveries").then().extract().path("items[0].id");
        as("integrator").when().post("/api/v1/integrations/deliveries/" + failedId + "/retry")
                .then().statusCode(202).body("status", equalTo("pending")).header("Location", containsString(failedId));
        shop.awaitQuiet();
        as("integrator").when().get("/api/v1/integrations/deliveries/" + failedId)
                .then().statusCode(200).body("status", equalTo("failed")).body("attempts", equalTo(1)).body("lastError", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aBurstOfConcurrentDeliveriesSentTwiceIsStoredOnceEachAndAppliedWithAMalformedOneParkedAlone() throws Exception {
        // many requests at once share the intake's group commits, and the processor applies the stored ones together;
        // a malformed delivery in the burst must fail alone, and a delivery sent twice at the same moment count once
        ShopWebhooks shop = ShopWebhooks.connect("shopify");
        String order = sample("shopify/orders-create.json");
        int orders = 30;
        List<java.util.concurrent.Callable<String>> sends = new java.util.ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String body = order.replace("820982911946154508", String.valueOf(7_000_000 + i));
            String event = "burst-" + i;
            sends.add(() -> shop.shopify("orders/create", event, body).statusCode(200).extract().path("status"));
            sends.add(() -> shop.shopify("orders/create", event, body).statusCode(200).extract().path("status"));
        }
        sends.add(() -> shop.shopify("orders/create", "burst-malformed", "{\"id\": 5, \"created_at\": \"2026-01-31T10:00:00Z\"}")
                .statusCode(200).extract().path("status"));
        List<String> answers = new java.util.ArrayList<>();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            for (var answer : pool.invokeAll(sends)) {
                answers.add(answer.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(orders + 1, answers.stream().filter("accepted"::equals).count(), answers.toString());
        assertEquals(orders, answers.stream().filter("duplicate"::equals).count(), answers.toString());

        shop.awaitQuiet();
        try (var connection = dataSource.getConnection();
             var rows = connection.prepareStatement("select status, count(*) from webhook_delivery where connection_id = '" + shop.id
                     + "' group by status order by status").executeQuery()) {
            java.util.Map<String, Integer> byStatus = new java.util.TreeMap<>();
            while (rows.next()) {
                byStatus.put(rows.getString(1), rows.getInt(2));
            }
            assertEquals(java.util.Map.of("failed", 1, "processed", orders), byStatus, "each delivery stored once; only the malformed one failed");
        }
        as("integrator").queryParam("shopId", shop.id).queryParam("status", "failed").when().get("/api/v1/integrations/deliveries")
                .then().statusCode(200).body("items[0].deliveryKey", equalTo("burst-malformed")).body("items[0].attempts", equalTo(1))
                .body("items[0].lastError", equalTo("total_price is missing or not a non-negative amount"));
        for (int i = 0; i < orders; i += 7) {
            as("analyst").when().get("/api/v1/orders/by-external-id/" + shop.source() + "/" + (7_000_000 + i))
                    .then().statusCode(200).body("total", equalTo("403.00"));
        }
    }

    @Test
    void aTextThatCouldNotBeStoredIsParkedAtOnceNamingItsField() {
        // found by WebhookFuzzTest: a NUL reached the database and the delivery was retried as if the database were away
        ShopWebhooks shop = ShopWebhooks.connect("shopify");
        shop.shopify("customers/create", UUID.randomUUID().toString(), sample("shopify/customers-create.json")
                .replace("\"first_name\": \"Bob\"", "\"first_name\": \"Bo\\u0000b\"")).statusCode(200);
        JsonPath parked = shop.delivery("customers/create");
        assertEquals("failed", parked.getString("status"));
        assertEquals(1, parked.getInt("attempts"));
        assertEquals("first_name must not contain NUL characters or unpaired surrogates", parked.getString("lastError"));
    }

    @Test
    void aDeletedShopCustomerKnownOnlyToTheShopIsArchivedAndARedactErasesThePerson() {
        ShopWebhooks shop = ShopWebhooks.connect("shopify");
        shop.shopify("customers/create", UUID.randomUUID().toString(), sample("shopify/customers-create.json")).statusCode(200);
        shop.awaitQuiet();
        String customerId = as("admin").when().get("/api/v1/customers/by-external-id/" + shop.source() + "/706405506930370084")
                .then().statusCode(200).extract().path("id");
        shop.shopify("customers/delete", UUID.randomUUID().toString(), "{\"id\": 706405506930370084, \"tax_exemptions\": []}").statusCode(200);
        assertEquals("archived customer " + customerId, shop.delivery("customers/delete").getString("outcome"));
        as("admin").when().get("/api/v1/customers/" + customerId).then().statusCode(404);

        String redact = sample("shopify/customers-redact.json").replace("{shop}.myshopify.com", shop.domain);
        shop.shopify("customers/create", UUID.randomUUID().toString(), sample("shopify/customers-create.json")
                .replace("706405506930370084", "191167")).statusCode(200);
        shop.awaitQuiet();
        String redacted = as("admin").when().get("/api/v1/customers/by-external-id/" + shop.source() + "/191167")
                .then().statusCode(200).extract().path("id");
        shop.shopify("customers/redact", UUID.randomUUID().toString(), redact).statusCode(200);
        assertTrue(shop.delivery("customers/redact").getString("outcome").endsWith("of customer " + redacted));
        as("admin").when().get("/api/v1/customers/" + redacted).then().statusCode(404);
        as("admin").when().get("/api/v1/customers/by-external-id/" + shop.source() + "/191167").then().statusCode(404);
    }

    @Test
    void aGuestOrderBelongsToTheCustomerWithItsEmail() {
        ShopWebhooks shop = ShopWebhooks.connect("shopify");
        String email = "guest-" + ShopWebhooks.suffix() + "@example.com";
        String existing = as("admin").body("{\"displayName\": \"Guest Buyer\", \"emails\": [{\"address\": \"" + email + "\"}]}")
                .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
        String body = sample("shopify/orders-create.json").replace("jon@example.com", email);
        int customerStart = body.indexOf("\"customer\": {");
        int customerEnd = body.indexOf("\"line_items\"");
        String guest = body.substring(0, customerStart) + body.substring(customerEnd);
        shop.shopify("orders/create", UUID.randomUUID().toString(), guest).statusCode(200);
        assertEquals("processed", shop.delivery("orders/create").getString("status"));
        as("admin").when().get("/api/v1/orders/by-external-id/" + shop.source() + "/820982911946154508")
                .then().statusCode(200).body("customerId", equalTo(existing)).body("status", equalTo("cancelled"));
    }
}
