package io.clientbook.customer.order;

import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.devstack.testing.TopicProbe;
import io.clientbook.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.clientbook.customer.Fixtures.as;
import static io.clientbook.customer.Fixtures.customer;
import static io.clientbook.customer.Fixtures.externalId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;


/** Purchase history: orders by external id, a customer created by its first order, events, batches. */
@QuarkusTest
class OrderResourceTest {

    private static String order(String customerJson, String status, String total, String placedAt) {
        return """
                {"customer": %s, "placedAt": "%s", "status": "%s", "currency": "USD", "total": "%s",
                 "discountTotal": "0.00", "channel": "online",
                 "lineItems": [{"sku": "TEA-1", "name": "Green tea", "category": "tea", "quantity": "2", "unitPrice": "14.67"}]}"""
                .formatted(customerJson, placedAt, status, total);
    }

    @Test
    void anOrderForAnUnknownShopCustomerCreatesTheCustomerAndIsRecorded() {
        String shopCustomer = externalId();
        String orderId = externalId();
        String customerRef = "{\"source\": \"shopify:store-a.myshopify.com\", \"externalId\": \"" + shopCustomer + "\"}";
        try (var probe = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.CUSTOMERS)) {
            String customerId = as("integrator").body(order(customerRef, "paid", "29.3", "2026-01-31T10:00:00Z"))
                    .when().put("/api/v1/orders/by-external-id/shopify:store-a.myshopify.com/" + orderId)
                    .then().statusCode(201)
                    .body("total", equalTo("29.30"))
                    .body("status", equalTo("paid"))
                    .body("lineItems[0].sku", equalTo("TEA-1"))
                    .extract().path("customerId");

            as("support").when().get("/api/v1/customers/by-external-id/shopify:store-a.myshopify.com/" + shopCustomer)
                    .then().statusCode(200).body("id", equalTo(customerId));
            var recorded = probe.await(r -> customerId.equals(r.key())
                    && "clientbook.order.recorded.v1".equals(TopicProbe.headers(r).get("ce_type")), Duration.ofSeconds(30));
            assertEquals("29.30", JsonPath.from(recorded.value()).getString("total"));

            as("integrator").body(order(customerRef, "refunded", "29.30", "2026-01-31T10:00:00Z"))
                    .when().put("/api/v1/orders/by-external-id/shopify:store-a.myshopify.com/" + orderId)
                    .then().statusCode(200).body("status", equalTo("refunded")).header("ETag", "\"1\"");
            var updated = probe.await(r -> customerId.equals(r.key())
                    && "clientbook.order.updated.v1".equals(TopicProbe.headers(r).get("ce_type")), Duration.ofSeconds(30));
            assertEquals("paid", JsonPath.from(updated.value()).getString("previousStatus"));

            // the same order again changes nothing and publishes nothing
            as("integrator").body(order(customerRef, "refunded", "29.3", "2026-01-31T10:00:00Z"))
                    .when().put("/api/v1/orders/by-external-id/shopify:store-a.myshopify.com/" + orderId)
                    .then().statusCode(200).header("ETag", "\"1\"");
            long orderEvents = probe.drain(Duration.ofSeconds(2)).stream()
                    .filter(r -> customerId.equals(r.key()) && TopicProbe.headers(r).get("ce_type").startsWith("clientbook.order."))
                    .count();
            assertEquals(2, orderEvents);
        }
        as("analyst").when().get("/api/v1/orders/by-external-id/shopify:store-a.myshopify.com/" + orderId)
                .then().statusCode(200).body("status", equalTo("refunded"));
    }

    @Test
    void aCustomersOrdersComeNewestFirstInPages() {
        String customerId = customer("Order History");
        String ref = "{\"id\": \"" + customerId + "\"}";
        List<String> placed = List.of("2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z", "2026-02-01T00:00:00Z");
        for (String at : placed) {
            as("integrator").body(order(ref, "placed", "10", at))
                    .when().put("/api/v1/orders/by-external-id/erp/" + externalId())
                    .then().statusCode(201);
        }
        List<String> seen = new ArrayList<>();
        var first = as("support").queryParam("limit", 2).when().get("/api/v1/customers/{id}/orders", customerId)
                .then().statusCode(200).body("items", hasSize(2)).extract().jsonPath();
        seen.addAll(first.getList("items.placedAt"));
        as("support").queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor"))
                .when().get("/api/v1/customers/{id}/orders", customerId)
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("nextCursor", nullValue())
                .extract().jsonPath().getList("items.placedAt", String.class).forEach(seen::add);
        assertEquals(List.of("2026-03-01T00:00:00Z", "2026-02-01T00:00:00Z", "2026-01-01T00:00:00Z"), seen);
    }

    @Test
    void badOrdersNameTheirField() {
        String ref = "{\"id\": \"" + customer("Bad Orders") + "\"}";
        as("integrator").body(order(ref, "paid", "-1.00", "2026-01-31T10:00:00Z"))
                .when().put("/api/v1/orders/by-external-id/erp/" + externalId())
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("total"));
        as("integrator").body(order(ref, "paid", "1.00", "2026-01-31T10:00:00Z").replace("USD", "XYZ"))
                .when().put("/api/v1/orders/by-external-id/erp/" + externalId())
                .then().statusCode(400).body("errors[0].field", equalTo("currency"));
        as("integrator").body(order(ref, "shipped-to-mars", "1.00", "2026-01-31T10:00:00Z"))
                .when().put("/api/v1/orders/by-external-id/erp/" + externalId())
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        as("integrator").body(order("{\"id\": \"00000000-0000-0000-0000-000000000000\"}", "paid", "0", "2026-01-31T10:00:00Z"))
                .when().put("/api/v1/orders/by-external-id/erp/" + externalId())
                .then().statusCode(400).body("errors[0].field", equalTo("customer.id"));
        as("sales").body(order(ref, "paid", "1.00", "2026-01-31T10:00:00Z"))
                .when().put("/api/v1/orders/by-external-id/erp/" + externalId())
                .then().statusCode(403);
    }

    @Test
    void anOrderBatchReportsEachRow() {
        String ref = "{\"id\": \"" + customer("Batch Orders") + "\"}";
        String good = order(ref, "paid", "5.00", "2026-01-31T10:00:00Z");
        String items = "{\"items\": ["
                + good.replaceFirst("\\{", "{\"source\": \"erp\", \"externalId\": \"" + externalId() + "\", ") + ","
                + good + ","
                + good.replace("\"5.00\"", "\"abc\"").replaceFirst("\\{", "{\"source\": \"erp\", \"externalId\": \"" + externalId() + "\", ")
                + "]}";
        as("integrator").body(items)
                .when().post("/api/v1/orders/batch-upsert")
                .then().statusCode(207)
                .body("results.status", contains("created", "error", "error"))
                .body("results[1].errors[0].field", equalTo("source"))
                .body("results[2].errors[0].field", equalTo("total"));
    }
}
