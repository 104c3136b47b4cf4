package io.clientbook.customer.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientbook.devstack.testing.BadBodies;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.clientbook.customer.Fixtures.as;
import static io.clientbook.customer.integration.ShopWebhooks.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Signed but hostile shop payloads: the documented samples with one to three fields (top level or nested) replaced
 * by wrong types, out-of-range numbers, impossible dates, NULs, huge texts, plus random documents and broken JSON.
 * Each is taken in (200: it is signed) and then applied, skipped or parked with a reason — never retried for an
 * unexpected exception, which is how a bug in the mapping would show (a 5xx has no caller here to see it).
 */
@QuarkusTest
class WebhookFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COUNT = Math.max(50, BadBodies.COUNT / 4);
    private static final String[] HOSTILE = {"null", "true", "-1", "1e309", "12345678901234567890123", "\"\"", "\"-5.00\"",
            "\"" + "x".repeat(5000) + "\"", "\"a\\u0000b\"", "\"\\uD800\"", "\"2026-02-30T25:61:00Z\"", "[]", "{}", "[null]", "\"abc\"",
            "\"2026-01-31T10:00:00\"", "0", "\"🙂\""};

    @ParameterizedTest
    @CsvSource({"shopify, customers/create, shopify/customers-create.json", "shopify, orders/create, shopify/orders-create.json",
            "shopify, refunds/create, shopify/refunds-create.json",
            "shopify, customers_email_marketing_consent/update, shopify/customers-email-marketing-consent-update.json",
            "woocommerce, customer.updated, woocommerce/customer-created.json", "woocommerce, order.updated, woocommerce/order-created.json"})
    void everyHostilePayloadIsAppliedSkippedOrParkedWithAReason(String platform, String topic, String sampleName) throws Exception {
        ShopWebhooks shop = ShopWebhooks.connect(platform);
        JsonNode sampleBody = JSON.readTree(sample(sampleName));
        BadBodies random = new BadBodies(fieldsOf(sampleBody), platform + " " + topic);
        Random dice = random.random();
        for (int i = 0; i < COUNT; i++) {
            String body = dice.nextInt(5) == 0 ? random.next() : mutate((ObjectNode) sampleBody.deepCopy(), dice);
            var answer = platform.equals("shopify") ? shop.shopify(topic, UUID.randomUUID().toString(), body)
                    : shop.wooCommerce(topic, UUID.randomUUID().toString(), body);
            answer.statusCode(200);
        }
        shop.awaitQuiet();

        List<Map<String, Object>> retried = new ArrayList<>();
        String cursor = null;
        int seen = 0;
        do {
            var page = as("integrator").queryParam("shopId", shop.id).queryParam("limit", 200)
                    .queryParam("cursor", cursor == null ? "" : cursor).when().get("/api/v1/integrations/deliveries")
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            seen += items.size();
            items.stream().filter(d -> ((Integer) d.get("attempts")) != 1 || String.valueOf(d.get("lastError")).contains("will be retried"))
                    .forEach(retried::add);
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(COUNT, seen, "every signed delivery is stored once");
        assertEquals(List.of(), retried, "deliveries that met an unexpected exception (seed " + BadBodies.SEED + ")");
    }

    private static String mutate(ObjectNode body, Random dice) throws Exception {
        int changes = 1 + dice.nextInt(3);
        for (int c = 0; c < changes; c++) {
            ObjectNode target = body;
            // now and then a nested object: the order's customer, an address, a line item, a consent
            List<ObjectNode> nested = new ArrayList<>();
            collect(body, nested);
            if (!nested.isEmpty() && dice.nextBoolean()) {
                target = nested.get(dice.nextInt(nested.size()));
            }
            List<String> names = new ArrayList<>();
            target.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty()) {
                continue;
            }
            String name = names.get(dice.nextInt(names.size()));
            if (dice.nextInt(8) == 0) {
                target.remove(name);
            } else {
                target.set(name, JSON.readTree(HOSTILE[dice.nextInt(HOSTILE.length)]));
            }
        }
        return JSON.writeValueAsString(body);
    }

    private static void collect(JsonNode node, List<ObjectNode> into) {
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            JsonNode child = it.next();
            if (child instanceof ObjectNode object) {
                into.add(object);
                collect(object, into);
            } else if (child instanceof ArrayNode array) {
                collect(array, into);
            }
        }
    }

    private static List<String> fieldsOf(JsonNode sample) {
        List<String> names = new ArrayList<>();
        sample.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
