package io.clientbook.customer.loyalty;

import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.devstack.testing.TopicProbe;
import io.clientbook.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.clientbook.customer.Fixtures.as;
import static io.clientbook.customer.Fixtures.customer;
import static io.clientbook.customer.Fixtures.externalId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Loyalty: earning on paid orders, redemption within the balance, reversal on refunds, expiry, levels, referrals. */
@QuarkusTest
class LoyaltyTest {

    @Inject
    LoyaltyService loyalty;

    private static void order(String customer, String key, String status, String total) {
        as("integrator").body("""
                {"customer": {"id": "%s"}, "placedAt": "2026-01-31T10:00:00Z", "status": "%s", "currency": "USD", "total": "%s"}"""
                .formatted(customer, status, total)).when().put("/api/v1/orders/by-external-id/erp/{id}", key)
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    private static JsonPath standing(String customer) {
        return as("support").when().get("/api/v1/customers/{id}/loyalty", customer).then().statusCode(200).extract().jsonPath();
    }

    /** The ledger follows order events: wait until it shows {@code balance}. */
    private static void awaitBalance(String customer, long balance) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> standing(customer).getLong("balance") == balance);
    }

    private static io.restassured.response.ValidatableResponse redeem(String customer, long points) {
        return as("support").body("{\"type\": \"redeem\", \"points\": " + points + ", \"reason\": \"voucher\"}")
                .when().post("/api/v1/customers/{id}/loyalty/transactions", customer).then();
    }

    @Test
    void paidOrdersEarnRedemptionBeyondTheBalanceIsRefusedAndARefundTakesThePointsBack() {
        String customer = customer("Lola Loyal");
        String key = externalId();
        order(customer, key, "placed", "123.45");
        // the customer's events apply in order: once a later paid order has earned, the placed one was seen
        order(customer, externalId(), "paid", "1.00");
        awaitBalance(customer, 1);
        as("support").when().get("/api/v1/customers/{id}/loyalty", customer).then()
                .body("transactions.items.points", contains(1)); // the placed order earned nothing
        try (var probe = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.CUSTOMERS)) {
            order(customer, key, "paid", "123.45");
            var event = probe.await(r -> customer.equals(r.key())
                    && "clientbook.loyalty.changed.v1".equals(TopicProbe.headers(r).get("ce_type"))
                    && JsonPath.from(r.value()).getLong("points") == 123, Duration.ofSeconds(30));
            assertEquals("earn", JsonPath.from(event.value()).getString("type"));
            assertEquals(124, JsonPath.from(event.value()).getLong("balance"));
        }
        awaitBalance(customer, 124);
        as("support").when().get("/api/v1/customers/{id}/loyalty", customer).then().statusCode(200)
                .body("balance", equalTo(124)).body("lifetimePoints", equalTo(124)).body("level", equalTo("member"))
                .body("nextLevel.name", equalTo("silver")).body("nextLevel.pointsNeeded", equalTo(876))
                .body("transactions.items.type", contains("earn", "earn"));

        redeem(customer, 100).statusCode(201).body("points", equalTo(-100)).body("balanceAfter", equalTo(24));
        redeem(customer, 50).statusCode(409).contentType("application/problem+json")
                .body("errors.field", hasItem("points")).body("balance", equalTo(24));
        assertEquals(24, standing(customer).getLong("balance"));

        order(customer, key, "refunded", "123.45");
        order(customer, key, "refunded", "123.45"); // written again: nothing more to take back
        order(customer, externalId(), "paid", "1.00"); // a later event of the same customer: the ones before are applied
        awaitBalance(customer, -98);
        as("support").when().get("/api/v1/customers/{id}/loyalty", customer).then()
                .body("lifetimePoints", equalTo(2))
                .body("transactions.items.type", contains("earn", "reverse", "redeem", "earn", "earn"))
                .body("transactions.items[1].points", equalTo(-123));
    }

    @Test
    void concurrentRedemptionsNeverSpendTheSamePointsTwice() throws Exception {
        String customer = customer("Rhea Race");
        order(customer, externalId(), "paid", "100.00");
        awaitBalance(customer, 100);
        var pool = Executors.newFixedThreadPool(5);
        List<Future<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            attempts.add(pool.submit((Callable<Integer>) () -> redeem(customer, 30).extract().statusCode()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> attempt : attempts) {
            statuses.add(attempt.get());
        }
        pool.shutdown();
        assertEquals(3, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(2, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(10, standing(customer).getLong("balance"));
    }

    @Test
    void levelsFollowLifetimePointsAndAreWrittenOnTheCustomerRecord() {
        String customer = customer("Gil Gold");
        order(customer, externalId(), "fulfilled", "5000.00");
        awaitBalance(customer, 5000);
        as("admin").when().get("/api/v1/customers/{id}/loyalty", customer).then()
                .body("level", equalTo("gold")).body("nextLevel.name", equalTo("platinum"));
        as("admin").when().get("/api/v1/customers/{id}", customer).then().body("membershipLevel", equalTo("gold"));
        as("admin").when().get("/api/v1/customers/{id}/history", customer).then()
                .body("items[0].channel", equalTo("loyalty"))
                .body("items[0].changes[0].field", equalTo("membershipLevel"));
        // redeeming never lowers the level
        redeem(customer, 4000).statusCode(201);
        as("admin").when().get("/api/v1/customers/{id}/loyalty", customer).then().body("level", equalTo("gold"));
    }

    @Test
    void onlyManagersAdjustAndAlwaysWithAReason() {
        String customer = customer("Ada Adjust");
        as("support").body("{\"type\": \"adjust\", \"points\": 50, \"reason\": \"goodwill\"}")
                .when().post("/api/v1/customers/{id}/loyalty/transactions", customer)
                .then().statusCode(400).body("errors.field", hasItem("type"));
        as("manager").body("{\"type\": \"adjust\", \"points\": 50}")
                .when().post("/api/v1/customers/{id}/loyalty/transactions", customer)
                .then().statusCode(400).body("errors.field", hasItem("reason"));
        as("manager").body("{\"type\": \"earn\", \"points\": 50, \"reason\": \"x\"}")
                .when().post("/api/v1/customers/{id}/loyalty/transactions", customer)
                .then().statusCode(400).body("errors.field", hasItem("type"));
        as("manager").body("{\"type\": \"adjust\", \"points\": 50, \"reason\": \"goodwill\"}")
                .when().post("/api/v1/customers/{id}/loyalty/transactions", customer)
                .then().statusCode(201).body("balanceAfter", equalTo(50)).body("createdBy", equalTo("dev-manager"));
        as("manager").body("{\"type\": \"adjust\", \"points\": -80, \"reason\": \"correction\"}")
                .when().post("/api/v1/customers/{id}/loyalty/transactions", customer)
                .then().statusCode(409);
    }

    @Test
    void whatIsLeftOfExpiredPointsIsWrittenOff() {
        String customer = customer("Eve Expire");
        order(customer, externalId(), "paid", "100.00");
        awaitBalance(customer, 100);
        redeem(customer, 30).statusCode(201);
        loyalty.expireDue(Instant.now().plus(Duration.ofDays(800)));
        as("admin").when().get("/api/v1/customers/{id}/loyalty", customer).then()
                .body("balance", equalTo(0))
                .body("lifetimePoints", equalTo(100))
                .body("transactions.items.type", contains("expire", "redeem", "earn"))
                .body("transactions.items[0].points", equalTo(-70));
    }

    @Test
    void aReferrerIsRewardedOnceWhenTheReferredCustomersFirstOrderIsPaid() {
        String referrer = customer("Rob Referrer");
        String referred = customer("Rae Referred");
        as("manager").body("{\"referredCustomerId\": \"" + referrer + "\"}")
                .when().post("/api/v1/customers/{id}/loyalty/referrals", referrer)
                .then().statusCode(400).body("errors.field", hasItem("referredCustomerId"));
        as("manager").body("{\"referredCustomerId\": \"" + referred + "\"}")
                .when().post("/api/v1/customers/{id}/loyalty/referrals", referrer)
                .then().statusCode(200).body("referredBy", equalTo(referrer));
        as("manager").body("{\"referredCustomerId\": \"" + referred + "\"}")
                .when().post("/api/v1/customers/{id}/loyalty/referrals", customer("Other Referrer"))
                .then().statusCode(409);

        order(referred, externalId(), "paid", "20.00");
        order(referred, externalId(), "paid", "30.00");
        awaitBalance(referred, 50);
        as("admin").when().get("/api/v1/customers/{id}/loyalty", referrer).then()
                .body("balance", equalTo(500))
                .body("transactions.items", hasSize(1))
                .body("transactions.items[0].type", equalTo("referral"))
                .body("transactions.items[0].relatedCustomerId", equalTo(referred));
        as("admin").when().get("/api/v1/customers/{id}/loyalty", referred).then().body("balance", equalTo(50));
    }

    @Test
    void aCustomerWithoutActivityHasAnEmptyStanding() {
        String customer = customer("Nia New");
        as("admin").when().get("/api/v1/customers/{id}/loyalty", customer).then().statusCode(200)
                .body("balance", equalTo(0)).body("level", equalTo("member")).body("referredBy", nullValue())
                .body("transactions.items", hasSize(0));
        as("analyst").when().get("/api/v1/customers/{id}/loyalty", customer).then().statusCode(403);
    }
}
