package io.clientbook.customer.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.clientbook.customer.Fixtures.as;
import static io.clientbook.customer.Fixtures.customer;
import static io.clientbook.customer.Fixtures.etag;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outgoing webhooks to a receiver on loopback: signed, retried, in order per customer, dead-lettered, filtered, guarded. */
@QuarkusTest
class WebhookSubscriptionsTest {

    @jakarta.inject.Inject
    SendLogRetention retention;

    private static LocalReceiver receiver;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new LocalReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    private static JsonPath subscribe(String path, String types, String extra) {
        return as("admin").body("{\"url\": \"" + receiver.url(path) + "\", \"eventTypes\": " + types + ", \"allowPrivateNetwork\": true" + extra + "}")
                .when().post("/api/v1/webhook-subscriptions")
                .then().statusCode(201).extract().jsonPath();
    }

    private static boolean signedBy(String secret, LocalReceiver.Received request) throws Exception {
        String timestamp = request.headers().get("x-clientbook-timestamp");
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "v1=" + java.util.Base64.getEncoder().encodeToString(mac.doFinal((timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
        return List.of(request.headers().get("x-clientbook-signature").split(",")).contains(expected);
    }

    @Test
    void aNewCustomerIsPostedSignedWithTheSubscriptionsSecret() throws Exception {
        String path = "/created-" + UUID.randomUUID();
        JsonPath subscription = subscribe(path, "[\"customer.created\"]", "");
        String secret = subscription.getString("secret");
        assertTrue(secret.startsWith("whsec_"));
        as("integrator").when().get("/api/v1/webhook-subscriptions/" + subscription.getString("id")).then().statusCode(200)
                .body("secret", org.hamcrest.Matchers.nullValue()).body("secrets.size()", equalTo(1));

        String id = customer("Webhook Ann");
        await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.at(path).isEmpty());
        LocalReceiver.Received request = receiver.at(path).getFirst();
        JsonPath body = JsonPath.from(request.body());
        assertEquals("customer.created", body.getString("type"));
        assertEquals(id, body.getString("subject"));
        assertEquals(id, body.getString("data.customerId"));
        assertEquals(body.getString("id"), request.headers().get("x-clientbook-event-id"));
        assertTrue(signedBy(secret, request), "signed over timestamp.body with the secret");
        assertTrue(Math.abs(Long.parseLong(request.headers().get("x-clientbook-timestamp")) - System.currentTimeMillis() / 1000) < 60);
        assertEquals(1, receiver.at(path).size(), "only the subscribed type");
    }

    @Test
    void aFailingReceiverGetsACustomersEventsInOrderOnceItRecovers() {
        String path = "/ordered-" + UUID.randomUUID();
        // only this test's events: analytics classifies other customers meanwhile (customer.updated of tier and stage)
        String subscription = subscribe(path, "[\"customer.created\", \"customer.updated\"]", ", \"changedFields\": [\"occupation\"]")
                .getString("id");
        receiver.fail(path, 3);
        String id = customer("Webhook Order");
        for (String occupation : List.of("baker", "brewer")) {
            as("admin").contentType("application/merge-patch+json").header("If-Match", etag(id)).body("{\"occupation\": \"" + occupation + "\"}")
                    .when().patch("/api/v1/customers/" + id).then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at(path).stream().map(r -> JsonPath.from(r.body()))
                .filter(b -> id.equals(b.getString("subject")) && b.getString("type").equals("customer.updated")).count() == 2);
        List<String> seen = receiver.at(path).stream().map(r -> JsonPath.from(r.body())).filter(b -> id.equals(b.getString("subject")))
                .map(b -> b.getString("type") + (b.getString("type").equals("customer.updated") ? " " + b.getString("data.changes[0].newValue") : ""))
                .toList();
        assertEquals(List.of("customer.created", "customer.created", "customer.created", "customer.created", "customer.updated baker",
                "customer.updated brewer"), seen, "the first event retried until it went through, then the others, in order");
        as("integrator").queryParam("status", "delivered").when().get("/api/v1/webhook-subscriptions/" + subscription + "/deliveries")
                .then().statusCode(200).body("items.size()", equalTo(3)).body("items.find { it.eventType == 'customer.created' }.attempts", equalTo(4));
    }

    @Test
    void aDeliveryThatNeverSucceedsIsDeadLetteredAndCanBeRedelivered() {
        String path = "/dead-" + UUID.randomUUID();
        String subscription = subscribe(path, "[\"customer.created\"]", "").getString("id");
        receiver.fail(path, Integer.MAX_VALUE);
        customer("Webhook Dead");
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> as("integrator").queryParam("status", "dead")
                .when().get("/api/v1/webhook-subscriptions/" + subscription + "/deliveries")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].lastStatus", equalTo(500)));
        String delivery = as("integrator").when().get("/api/v1/webhook-subscriptions/" + subscription + "/deliveries")
                .then().extract().path("items[0].id");
        receiver.fail(path, 0);
        as("integrator").when().post("/api/v1/webhook-subscriptions/" + subscription + "/deliveries/" + delivery + "/redeliver")
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("integrator").queryParam("status", "delivered")
                .when().get("/api/v1/webhook-subscriptions/" + subscription + "/deliveries")
                .then().body("items.size()", equalTo(1)));

        // the log keeps finished deliveries for a while, then forgets them
        assertEquals(0, retention.forgetFinishedBefore(java.time.Instant.now().minus(Duration.ofHours(1))), "nothing this young is forgotten");
        assertTrue(retention.forgetFinishedBefore(java.time.Instant.now().plus(Duration.ofMinutes(1))) >= 1);
        as("integrator").when().get("/api/v1/webhook-subscriptions/" + subscription + "/deliveries").then().body("items.size()", equalTo(0));
    }

    @Test
    void aChangedFieldFilterSendsOnlyTheUpdatesThatTouchThoseFieldsAndRotationSignsWithBothSecrets() throws Exception {
        String path = "/filtered-" + UUID.randomUUID();
        JsonPath subscription = subscribe(path, "[\"customer.updated\"]", ", \"changedFields\": [\"occupation\"]");
        String id = customer("Webhook Filter");
        as("admin").contentType("application/merge-patch+json").header("If-Match", etag(id)).body("{\"gender\": \"female\"}")
                .when().patch("/api/v1/customers/" + id).then().statusCode(200);
        String newSecret = as("integrator").when().post("/api/v1/webhook-subscriptions/" + subscription.getString("id") + "/secrets")
                .then().statusCode(200).body("secrets.size()", equalTo(2)).extract().path("secret");
        as("admin").contentType("application/merge-patch+json").header("If-Match", etag(id)).body("{\"occupation\": \"pilot\"}")
                .when().patch("/api/v1/customers/" + id).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.at(path).isEmpty());
        Thread.sleep(500);
        assertEquals(1, receiver.at(path).size(), "the gender change was not sent");
        LocalReceiver.Received request = receiver.at(path).getFirst();
        assertTrue(JsonPath.from(request.body()).getList("data.changes.field").contains("occupation"));
        assertTrue(signedBy(subscription.getString("secret"), request) && signedBy(newSecret, request), "both active secrets sign");
    }

    @Test
    void privateAddressesAreRefusedUnlessAnAdminAllowsThem() {
        for (String url : List.of("http://127.0.0.1:9/x", "http://localhost/x", "http://169.254.169.254/latest/meta-data", "https://10.1.2.3/x",
                "http://[::1]/x", "ftp://example.com/x")) {
            as("admin").body("{\"url\": \"" + url + "\", \"eventTypes\": [\"*\"]}").when().post("/api/v1/webhook-subscriptions")
                    .then().statusCode(400).body("errors[0].field", equalTo("url"));
        }
        as("integrator").body("{\"url\": \"http://127.0.0.1:9/x\", \"eventTypes\": [\"*\"], \"allowPrivateNetwork\": true}")
                .when().post("/api/v1/webhook-subscriptions").then().statusCode(400).body("errors[0].field", equalTo("allowPrivateNetwork"));
        as("admin").body("{\"url\": \"https://hooks.example.com/x\", \"eventTypes\": [\"customer updated\"]}")
                .when().post("/api/v1/webhook-subscriptions").then().statusCode(400);
        as("sales").body("{\"url\": \"https://hooks.example.com/x\", \"eventTypes\": [\"*\"]}")
                .when().post("/api/v1/webhook-subscriptions").then().statusCode(403);
    }
}
