package io.clientbook.customer.customer;

import io.clientbook.devstack.testing.EmbeddedStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.clientbook.customer.Fixtures.as;
import static io.clientbook.customer.Fixtures.email;
import static io.clientbook.customer.Fixtures.externalId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** A sales user sees only the customers it owns: the others answer 404 everywhere, as if they did not exist. */
@QuarkusTest
class OwnershipTest {

    private static RequestSpecification salesUser(String subject) {
        String token = EmbeddedStack.get().tokens().sign("sales", subject, Duration.ofMinutes(10));
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void anotherOwnersCustomerIsInvisibleInReadsWritesListsAndLookups() {
        String seller = "seller-" + UUID.randomUUID();
        String name = "Owen Owned " + UUID.randomUUID().toString().substring(0, 8);
        String mail = email();
        String key = externalId();
        String theirs = as("admin").body("""
                {"displayName": "%s", "ownerId": "someone-else", "emails": [{"address": "%s"}],
                 "externalIds": [{"source": "erp", "externalId": "%s"}]}""".formatted(name, mail, key))
                .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
        as("integrator").body("""
                {"customer": {"id": "%s"}, "placedAt": "2026-01-31T10:00:00Z", "status": "placed", "currency": "USD", "total": "5.00"}"""
                .formatted(theirs)).when().put("/api/v1/orders/by-external-id/erp/{key}", "o-" + key).then().statusCode(201);
        String mine = salesUser(seller).body("{\"displayName\": \"" + name + " (mine)\"}")
                .when().post("/api/v1/customers").then().statusCode(201).body("ownerId", equalTo(seller)).extract().path("id");

        salesUser(seller).when().get("/api/v1/customers/{id}", theirs).then().statusCode(404).contentType("application/problem+json");
        salesUser(seller).header("If-Match", "\"0\"").contentType("application/merge-patch+json").body("{\"occupation\": \"x\"}")
                .when().patch("/api/v1/customers/{id}", theirs).then().statusCode(404);
        salesUser(seller).when().get("/api/v1/customers/by-external-id/erp/{key}", key).then().statusCode(404);
        salesUser(seller).when().get("/api/v1/orders/by-external-id/erp/{key}", "o-" + key).then().statusCode(404);
        for (String path : new String[] {"/orders", "/history", "/loyalty", "/duplicates"}) {
            salesUser(seller).when().get("/api/v1/customers/{id}" + path, theirs).then().statusCode(404);
        }
        salesUser(seller).queryParam("q", name).when().get("/api/v1/customers")
                .then().statusCode(200).body("items.id", contains(mine));
        salesUser(seller).queryParam("email", mail).when().get("/api/v1/customers")
                .then().statusCode(200).body("items", empty());

        // what a seller owns it sees; another seller does not
        salesUser(seller).when().get("/api/v1/customers/{id}", mine).then().statusCode(200);
        salesUser(seller).when().get("/api/v1/customers/{id}/history", mine).then().statusCode(200);
        salesUser("seller-" + UUID.randomUUID()).when().get("/api/v1/customers/{id}", mine).then().statusCode(404);
        // roles that serve every customer see both
        as("support").queryParam("q", name).when().get("/api/v1/customers")
                .then().statusCode(200).body("items.id", hasItem(theirs)).body("items.id", hasItem(mine));
    }

    @Test
    void analystsReadCustomersWithTheirContactDetailsMasked() {
        String mail = "anna.lytic-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        String id = as("admin").body("""
                {"displayName": "Anna Lytic", "emails": [{"address": "%s"}], "phones": [{"number": "+14155550123"}],
                 "addresses": [{"line1": "1 Main St", "postalCode": "94105", "city": "San Francisco", "country": "US"}]}"""
                .formatted(mail)).when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
        as("analyst").when().get("/api/v1/customers/{id}", id).then().statusCode(200)
                .body("emails[0].address", equalTo("a***@example.com"))
                .body("phones[0].number", equalTo("+1******0123"))
                .body("addresses[0].line1", equalTo("***"))
                .body("addresses[0].postalCode", equalTo("***"))
                .body("addresses[0].city", equalTo("San Francisco"))
                .body("displayName", equalTo("Anna Lytic"));
        as("analyst").queryParam("q", "Anna Lytic").when().get("/api/v1/customers").then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.emails[0].address", equalTo("a***@example.com"));
        as("support").when().get("/api/v1/customers/{id}", id).then().statusCode(200).body("emails[0].address", equalTo(mail));
        // nor can an analyst learn a contact by searching for it
        as("analyst").queryParam("email", mail).when().get("/api/v1/customers").then().statusCode(400)
                .body("errors.field", hasItem("email"));
        as("analyst").queryParam("q", mail).when().get("/api/v1/customers").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        as("support").queryParam("q", mail).when().get("/api/v1/customers").then().statusCode(200)
                .body("items.id", hasItem(id));
    }

    @Test
    void aSellersDuplicateCheckNeverNamesAnotherOwnersCustomer() {
        String seller = "seller-" + UUID.randomUUID();
        String mail = email();
        String theirs = as("admin").body("{\"displayName\": \"Dora Dup\", \"ownerId\": \"someone-else\", \"emails\": [{\"address\": \"" + mail + "\"}]}")
                .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
        String mine = salesUser(seller).body("{\"displayName\": \"Dora D.\", \"emails\": [{\"address\": \"" + mail + "\"}]}")
                .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
        salesUser(seller).when().get("/api/v1/customers/{id}/duplicates", mine)
                .then().statusCode(200).body("items.id", not(hasItem(theirs)));
        as("manager").when().get("/api/v1/customers/{id}/duplicates", mine)
                .then().statusCode(200).body("items.id", hasItem(theirs));
    }
}
