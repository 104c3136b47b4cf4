package io.clientbook.customer.integration;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.clientbook.customer.Fixtures.as;
import static io.clientbook.customer.integration.ShopWebhooks.sample;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** WooCommerce's documented Customer and Order through the webhook intake, signed as WooCommerce signs them. */
@QuarkusTest
class WooCommerceWebhooksTest {

    @Test
    void theCreationPingIsAnsweredWithoutASignature() {
        given().contentType("application/x-www-form-urlencoded").body("webhook_id=31")
                .when().post("/webhooks/woocommerce").then().statusCode(200).body("status", equalTo("ping"));
    }

    @Test
    void aCustomerAndThenAGuestOrderWithItsEmailLandOnOneCustomer() {
        ShopWebhooks shop = ShopWebhooks.connect("woocommerce");
        String email = "john-" + ShopWebhooks.suffix() + "@example.com";
        shop.wooCommerce("customer.created", UUID.randomUUID().toString(), sample("woocommerce/customer-created.json")
                .replace("john.doe@example.com", email)).statusCode(200).body("status", equalTo("accepted"));
        assertEquals("processed", shop.delivery("customer.created").getString("status"));
        String customerId = as("admin").when().get("/api/v1/customers/by-external-id/" + shop.source() + "/25")
                .then().statusCode(200)
                .body("displayName", equalTo("John Doe"))
                .body("emails[0].address", equalTo(email))
                .body("phones[0].number", equalTo("(555) 555-5555"))
                .body("phones[0].valid", equalTo(false))
                .body("addresses.size()", equalTo(1))
                .body("addresses[0].label", equalTo("billing"))
                .body("addresses[0].region", equalTo("CA"))
                .body("sourceUpdatedAt", equalTo("2017-03-21T19:09:30Z"))
                .extract().path("id");

        String delivery = UUID.randomUUID().toString();
        String order = sample("woocommerce/order-created.json").replace("john.doe@example.com", email);
        shop.wooCommerce("order.created", delivery, order).statusCode(200);
        shop.wooCommerce("order.created", delivery, order).statusCode(200).body("status", equalTo("duplicate"));
        assertEquals("processed", shop.delivery("order.created").getString("status"));
        as("admin").when().get("/api/v1/orders/by-external-id/" + shop.source() + "/727")
                .then().statusCode(200)
                .body("customerId", equalTo(customerId))
                .body("status", equalTo("paid"))
                .body("total", equalTo("29.35"))
                .body("placedAt", equalTo("2017-03-22T19:28:02Z"))
                .body("lineItems[0].quantity", equalTo("2"))
                .body("lineItems[0].unitPrice", equalTo("3"));

        // completed, then an older "processing" arriving late: the order stays fulfilled
        String completed = order.replace("\"status\": \"processing\"", "\"status\": \"completed\"")
                .replace("\"date_modified_gmt\": \"2017-03-22T19:28:08\"", "\"date_modified_gmt\": \"2017-03-23T09:00:00\"");
        shop.wooCommerce("order.updated", UUID.randomUUID().toString(), completed).statusCode(200);
        shop.awaitQuiet();
        shop.wooCommerce("order.updated", UUID.randomUUID().toString(), order).statusCode(200);
        assertEquals("skipped", shop.delivery("order.updated").getString("status"));
        as("admin").when().get("/api/v1/orders/by-external-id/" + shop.source() + "/727")
                .then().body("status", equalTo("fulfilled"));

        shop.wooCommerce("order.deleted", UUID.randomUUID().toString(), "{\"id\": 727}").statusCode(200);
        assertEquals("processed", shop.delivery("order.deleted").getString("status"));
        as("admin").when().get("/api/v1/orders/by-external-id/" + shop.source() + "/727")
                .then().body("status", equalTo("cancelled"));
    }

    @Test
    void aDeliveryFromAnUnknownSourceOrWithAWrongSignatureIs401() {
        ShopWebhooks shop = ShopWebhooks.connect("woocommerce");
        String body = sample("woocommerce/customer-created.json");
        given().contentType("application/json").body(body)
                .header("X-WC-Webhook-Source", "https://" + shop.domain + "/").header("X-WC-Webhook-Topic", "customer.created")
                .header("X-WC-Webhook-Delivery-ID", "1")
                .header("X-WC-Webhook-Signature", WebhookSignature.sign("wrong".getBytes(), body.getBytes()))
                .when().post("/webhooks/woocommerce").then().statusCode(401);
        given().contentType("application/json").body(body)
                .header("X-WC-Webhook-Source", "https://unknown-" + shop.domain + "/").header("X-WC-Webhook-Topic", "customer.created")
                .header("X-WC-Webhook-Signature", WebhookSignature.sign(shop.secret.getBytes(), body.getBytes()))
                .when().post("/webhooks/woocommerce").then().statusCode(401);
    }
}
