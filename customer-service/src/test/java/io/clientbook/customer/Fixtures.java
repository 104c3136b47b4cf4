package io.clientbook.customer;

import io.clientbook.devstack.testing.EmbeddedStack;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Builders for the customer-service tests: callers with a role, and unique contact details. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String token(String role) {
        return EmbeddedStack.get().tokens().forRole(role);
    }

    public static RequestSpecification as(String role) {
        return given().auth().oauth2(token(role)).contentType(ContentType.JSON);
    }

    /** A fresh e-mail address, so tests never collide on duplicate detection. */
    public static String email() {
        return "c-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    /** A fresh external id value. */
    public static String externalId() {
        return UUID.randomUUID().toString().substring(0, 13);
    }

    /** A customer created by an admin; returns its id. */
    public static String customer(String displayName) {
        return as("admin").body("{\"displayName\": \"" + displayName + "\", \"emails\": [{\"address\": \"" + email() + "\"}]}")
                .when().post("/api/v1/customers")
                .then().statusCode(201).extract().path("id");
    }

    public static String etag(String id) {
        return as("admin").when().get("/api/v1/customers/{id}", id).then().statusCode(200).extract().header("ETag");
    }
}
