package io.clientbook.interaction.rule;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.clientbook.interaction.care.CareEvents.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

/** Rules as data: the seed policy, validation by field, changes with If-Match, who may write them. */
@QuarkusTest
class RuleResourceTest {

    @Test
    void theSeedPolicyIsThere() {
        given().auth().oauth2(token("manager")).queryParam("limit", 200).when().get("/api/v1/follow-up-rules")
                .then().statusCode(200)
                .body("items.name", hasItems("Post-purchase callback", "Post-purchase e-mail", "VIP visit", "Regular customer e-mail",
                        "Reactivation offer", "Birthday greeting", "New Year greeting", "Win-back call"))
                .body("items.find { it.name == 'Post-purchase callback' }.delayDays", equalTo(30))
                .body("items.find { it.name == 'Post-purchase callback' }.trigger.event", equalTo("order.recorded"))
                .body("items.find { it.name == 'Win-back call' }.trigger.type", equalTo("churn-risk-changed"))
                .body("items.find { it.name == 'VIP visit' }.condition.tiers", hasItem("vip"));
    }

    @Test
    void aRuleThatCouldNotRunIsRefusedByField() {
        given().auth().oauth2(token("manager")).contentType("application/json")
                .body("{\"name\":\"Broken " + UUID.randomUUID() + "\",\"trigger\":{\"type\":\"holiday\",\"date\":\"13-45\"},"
                        + "\"action\":{\"kind\":\"message\",\"channel\":\"visit\",\"purpose\":\"gossip\"}}")
                .when().post("/api/v1/follow-up-rules")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("trigger.date", "trigger.name", "action.channel", "action.templateKey", "action.purpose"));
        given().auth().oauth2(token("manager")).contentType("application/json")
                .body("{\"name\":\"x\",\"trigger\":{\"type\":\"sometimes\"},\"action\":{\"kind\":\"task\",\"type\":\"callback\"}}")
                .when().post("/api/v1/follow-up-rules").then().statusCode(400);
    }

    @Test
    void aManagerCreatesChangesAndDeletesARuleSalesMayNot() {
        String name = "Renewal call " + UUID.randomUUID();
        String body = "{\"name\":\"" + name + "\",\"trigger\":{\"type\":\"tier-changed\",\"to\":\"VIP\"},\"delayDays\":3,"
                + "\"action\":{\"kind\":\"task\",\"type\":\"renewal\",\"channel\":\"phone\",\"purpose\":\"service\"}}";
        given().auth().oauth2(token("sales")).contentType("application/json").body(body).when().post("/api/v1/follow-up-rules")
                .then().statusCode(403);
        var created = given().auth().oauth2(token("manager")).contentType("application/json").body(body)
                .when().post("/api/v1/follow-up-rules")
                .then().statusCode(201).body("enabled", equalTo(true)).body("trigger.to", equalTo("vip"))
                .body("condition.tiers", equalTo(java.util.List.of())).extract();
        String id = created.path("id");
        given().auth().oauth2(token("manager")).contentType("application/json").body(body).when().post("/api/v1/follow-up-rules")
                .then().statusCode(409);
        given().auth().oauth2(token("manager")).header("If-Match", created.header("ETag")).contentType("application/merge-patch+json")
                .body("{\"enabled\":false,\"delayDays\":5}").when().patch("/api/v1/follow-up-rules/{id}", id)
                .then().statusCode(200).body("enabled", equalTo(false)).body("delayDays", equalTo(5))
                .body("action.type", equalTo("renewal"));
        given().auth().oauth2(token("manager")).header("If-Match", created.header("ETag")).contentType("application/merge-patch+json")
                .body("{\"enabled\":true}").when().patch("/api/v1/follow-up-rules/{id}", id).then().statusCode(412);
        given().auth().oauth2(token("manager")).header("If-Match", "*").contentType("application/merge-patch+json")
                .body("{\"trigger\":{\"to\":null}}").when().patch("/api/v1/follow-up-rules/{id}", id)
                .then().statusCode(400).body("errors.field", hasItem("trigger.to"));
        given().auth().oauth2(token("manager")).header("If-Match", "*").when().delete("/api/v1/follow-up-rules/{id}", id).then().statusCode(204);
        given().auth().oauth2(token("manager")).when().get("/api/v1/follow-up-rules/{id}", id).then().statusCode(404);
    }
}
