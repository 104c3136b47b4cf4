package io.clientbook.customer.integration;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.UUID;

import static io.clientbook.customer.Fixtures.as;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connecting shops: the webhook URL to configure, a secret never shown and stored sealed, one live connection per shop. */
@QuarkusTest
class ShopConnectionsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aConnectedShopShowsItsWebhookUrlAndNeverItsSecret() throws SQLException {
        String domain = "store-" + ShopWebhooks.suffix() + ".myshopify.com";
        String secret = "shpss_" + UUID.randomUUID();
        String id = as("admin").body("{\"platform\": \"Shopify\", \"domain\": \"https://" + domain.toUpperCase() + "/\", \"webhookSecret\": \""
                        + secret + "\", \"currency\": \"EUR\"}")
                .when().post("/api/v1/integrations/shops")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/integrations/shops/"))
                .body("platform", equalTo("shopify"))
                .body("domain", equalTo(domain))
                .body("source", equalTo("shopify:" + domain))
                .body("webhookUrl", endsWith("/webhooks/shopify"))
                .body("topics", hasItem("orders/create"))
                .body("$", not(hasKey("webhookSecret")))
                .extract().path("id");
        as("integrator").when().get("/api/v1/integrations/shops/" + id).then().statusCode(200).header("ETag", "\"0\"")
                .body("$", not(hasKey("webhookSecret")));
        try (var connection = dataSource.getConnection();
             var rows = connection.prepareStatement("select webhook_secret from shop_connection where id = '" + id + "'").executeQuery()) {
            rows.next();
            assertTrue(rows.getString(1).startsWith("v1:"));
            assertFalse(rows.getString(1).contains(secret));
        }

        as("admin").body("{\"platform\": \"shopify\", \"domain\": \"" + domain + "\", \"webhookSecret\": \"another-secret\"}")
                .when().post("/api/v1/integrations/shops").then().statusCode(409);
        as("admin").contentType("application/merge-patch+json").body("{\"webhookSecret\": \"rotated-secret\"}")
                .when().patch("/api/v1/integrations/shops/" + id).then().statusCode(428);
        as("admin").contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"domain\": \"x.example.com\"}")
                .when().patch("/api/v1/integrations/shops/" + id).then().statusCode(400).body("errors[0].field", equalTo("domain"));
        as("admin").contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"webhookSecret\": \"rotated-secret\"}")
                .when().patch("/api/v1/integrations/shops/" + id).then().statusCode(200).header("ETag", "\"1\"");
    }

    @Test
    void badInputNamesTheFieldAndOtherRolesMayNotConnect() {
        as("admin").body("{\"platform\": \"magento\", \"domain\": \"a.example.com\", \"webhookSecret\": \"12345678\"}")
                .when().post("/api/v1/integrations/shops").then().statusCode(400).body("errors[0].field", equalTo("platform"));
        as("admin").body("{\"platform\": \"shopify\", \"domain\": \"not a host\", \"webhookSecret\": \"12345678\"}")
                .when().post("/api/v1/integrations/shops").then().statusCode(400).body("errors[0].field", equalTo("domain"));
        as("admin").body("{\"platform\": \"shopify\", \"domain\": \"b.example.com\", \"webhookSecret\": \"short\"}")
                .when().post("/api/v1/integrations/shops").then().statusCode(400).body("errors[0].field", equalTo("webhookSecret"));
        as("manager").body("{\"platform\": \"shopify\", \"domain\": \"c.example.com\", \"webhookSecret\": \"12345678\"}")
                .when().post("/api/v1/integrations/shops").then().statusCode(403);
        as("admin").queryParam("status", "lost").when().get("/api/v1/integrations/deliveries")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
    }
}
