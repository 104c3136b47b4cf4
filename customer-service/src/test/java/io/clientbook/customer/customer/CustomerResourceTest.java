package io.clientbook.customer.customer;

import io.clientbook.devstack.testing.EmbeddedStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class CustomerResourceTest {

    static String token(String role) {
        return EmbeddedStack.get().tokens().forRole(role);
    }

    static String ann() {
        return """
                {"displayName": "Ann Lee", "emails": [{"address": "%s", "primary": true}]}""".formatted(
                io.clientbook.customer.Fixtures.email().replace("@example.com", "@Example.COM"));
    }

    @Test
    void createsACustomerAndReadsItBack() {
        String id = given().auth().oauth2(token("sales")).contentType(ContentType.JSON).body(ann())
                .when().post("/api/v1/customers")
                .then().statusCode(201)
                .header("Location", notNullValue())
                .body("id", notNullValue())
                .body("displayName", equalTo("Ann Lee"))
                .body("emails[0].address", org.hamcrest.Matchers.endsWith("@example.com"))
                .body("emails[0].primary", equalTo(true))
                .body("ownerId", equalTo("dev-sales"))
                .extract().path("id");

        given().auth().oauth2(token("support"))
                .when().get("/api/v1/customers/{id}", id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("displayName", equalTo("Ann Lee"))
                .body("createdAt", notNullValue());
    }

    @Test
    void locationNamesTheNewCustomer() {
        var response = given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body(ann())
                .when().post("/api/v1/customers")
                .then().statusCode(201).extract();
        String id = response.path("id");
        org.hamcrest.MatcherAssert.assertThat(response.header("Location"), endsWith("/api/v1/customers/" + id));
    }

    @Test
    void invalidFieldsAreNamedInAProblem() {
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON)
                .body("""
                        {"displayName": "  ", "emails": [{"address": "not-an-address"}]}""")
                .when().post("/api/v1/customers")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", notNullValue())
                .body("instance", equalTo("/api/v1/customers"))
                .body("errors.field", containsInAnyOrder("displayName", "emails[0].address"));
    }

    @Test
    void twoPrimaryAddressesAreRefused() {
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON)
                .body("""
                        {"displayName": "Bo", "emails": [{"address": "a@example.com", "primary": true},
                                                          {"address": "b@example.com", "primary": true}]}""")
                .when().post("/api/v1/customers")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("emails"));
    }

    @Test
    void malformedJsonIsAProblemWithoutInternals() {
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body("{\"displayName\": ")
                .when().post("/api/v1/customers")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"))
                .body(not(containsString("jackson")))
                .body(not(containsString("Exception")));
    }

    @Test
    void wrongTypeNamesTheField() {
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON)
                .body("""
                        {"displayName": "Cy", "emails": [{"address": "c@example.com", "primary": "perhaps"}]}""")
                .when().post("/api/v1/customers")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("emails[0].primary"));
    }

    @Test
    void anonymousCallsAreUnauthenticated() {
        given().contentType(ContentType.JSON).body(ann())
                .when().post("/api/v1/customers")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() throws Exception {
        var otherKeys = io.clientbook.devstack.auth.DevKeys.loadOrCreate(java.nio.file.Files.createTempDirectory("other-keys"));
        String forged = new io.clientbook.devstack.auth.DevTokens(otherKeys).forRole("admin");
        given().auth().oauth2(forged)
                .when().get("/api/v1/customers/{id}", java.util.UUID.randomUUID())
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aRoleWithoutTheRightIsForbidden() {
        given().auth().oauth2(token("analyst")).contentType(ContentType.JSON).body(ann())
                .when().post("/api/v1/customers")
                .then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void anUnknownCustomerIsNotFound() {
        given().auth().oauth2(token("admin"))
                .when().get("/api/v1/customers/{id}", java.util.UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void theRequestIdIsEchoed() {
        given().auth().oauth2(token("admin")).header("X-Request-Id", "req-42")
                .when().get("/api/v1/customers/{id}", java.util.UUID.randomUUID())
                .then().statusCode(404)
                .header("X-Request-Id", "req-42")
                .body("requestId", equalTo("req-42"));
    }
}
