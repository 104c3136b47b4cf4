package io.clientbook.customer.customer;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.clientbook.customer.Fixtures.as;
import static io.clientbook.customer.Fixtures.email;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** GET /customers: text search, exact contact lookups, filters, sorting and cursors. */
@QuarkusTest
class CustomerSearchTest {

    private static String create(String json) {
        return as("admin").body(json).when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
    }

    @Test
    void namesMatchByPrefixAndWithSmallTyposContactsExactly() {
        String marker = "Q" + UUID.randomUUID().toString().substring(0, 6);
        String address = email();
        String id = create("""
                {"displayName": "Maximilian Östergaard %s", "companyName": "Nordlicht GmbH",
                 "emails": [{"address": "%s"}], "phones": [{"number": "+4930901820"}], "tags": ["%s"]}"""
                .formatted(marker, address, marker));
        create("{\"displayName\": \"Someone Different " + marker + "\", \"tags\": [\"" + marker + "\"]}");

        for (String q : List.of("maximil", "ostergaard", "Maximillian", "nordlicht", address.toUpperCase(), "+49 30 901820")) {
            as("support").queryParam("q", q).queryParam("tag", marker).when().get("/api/v1/customers")
                    .then().statusCode(200)
                    .body("items.id", contains(id));
        }
        as("support").queryParam("email", address).when().get("/api/v1/customers")
                .then().body("items.id", contains(id));
        as("support").queryParam("phone", "+49 30 901820").when().get("/api/v1/customers")
                .then().body("items.id", contains(id));
        as("analyst").queryParam("q", "zzzzqqqq").queryParam("tag", marker).when().get("/api/v1/customers")
                .then().body("items", hasSize(0));
    }

    @Test
    void filtersCombineAndCustomAttributesMatchByValue() {
        String marker = "F" + UUID.randomUUID().toString().substring(0, 6);
        String gold = create("{\"displayName\": \"Gold " + marker + "\", \"tags\": [\"" + marker + "\"], "
                + "\"customAttributes\": {\"cardLevel\": \"gold\", \"visits\": 12}, "
                + "\"externalIds\": [{\"source\": \"woocommerce:shop.example.com\", \"externalId\": \"" + marker + "\"}]}");
        String silver = create("{\"displayName\": \"Silver " + marker + "\", \"tags\": [\"" + marker + "\"], "
                + "\"customAttributes\": {\"cardLevel\": \"silver\", \"visits\": 3}}");

        as("manager").queryParam("tag", marker).queryParam("attr.cardLevel", "gold").when().get("/api/v1/customers")
                .then().body("items.id", contains(gold));
        as("manager").queryParam("tag", marker).queryParam("attr.visits", "3").when().get("/api/v1/customers")
                .then().body("items.id", contains(silver));
        as("manager").queryParam("tag", marker).queryParam("source", "woocommerce:shop.example.com").when().get("/api/v1/customers")
                .then().body("items.id", contains(gold));
        as("manager").queryParam("tag", marker).queryParam("ownerId", "dev-admin").queryParam("createdAfter", "2020-01-01T00:00:00Z")
                .when().get("/api/v1/customers")
                .then().body("items", hasSize(2));
        as("manager").queryParam("tag", marker).queryParam("createdBefore", "2020-01-01T00:00:00Z").when().get("/api/v1/customers")
                .then().body("items", hasSize(0));
    }

    @Test
    void pagesInEverySortOrderSeeEachCustomerOnce() {
        String marker = "P" + UUID.randomUUID().toString().substring(0, 6);
        List<String> created = new ArrayList<>();
        for (String name : List.of("Delta", "alpha", "Charlie", "Bravo", "Echo", "Alpha")) {
            created.add(create("{\"displayName\": \"" + name + " " + marker + "\", \"tags\": [\"" + marker + "\"]}"));
        }
        for (String sort : List.of("displayName", "-displayName", "createdAt", "-createdAt", "-updatedAt")) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            do {
                var request = as("admin").queryParam("tag", marker).queryParam("sort", sort).queryParam("limit", 4);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                var page = request.when().get("/api/v1/customers").then().statusCode(200).extract().jsonPath();
                seen.addAll(page.getList("items.id"));
                cursor = page.getString("nextCursor");
            } while (cursor != null);
            assertEquals(6, seen.size(), sort);
            assertEquals(6, seen.stream().distinct().count(), sort);
            if (sort.equals("createdAt")) {
                assertEquals(created, seen);
            }
        }
        as("admin").queryParam("sort", "shoeSize").when().get("/api/v1/customers")
                .then().statusCode(400).body("errors[0].field", equalTo("sort"));
        as("admin").queryParam("limit", 500).when().get("/api/v1/customers")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        as("admin").queryParam("lifecycleStage", "sleepy").when().get("/api/v1/customers")
                .then().statusCode(400).body("errors[0].field", equalTo("lifecycleStage"));
        as("admin").queryParam("tag", marker).queryParam("q", "charlie").when().get("/api/v1/customers")
                .then().body("items.displayName", hasItem("Charlie " + marker))
                .body("items.displayName", not(hasItem("Delta " + marker)));
    }
}
