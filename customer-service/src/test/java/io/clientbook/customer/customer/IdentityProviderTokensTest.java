package io.clientbook.customer.customer;

import io.clientbook.devstack.auth.DevTokens;
import io.clientbook.devstack.testing.EmbeddedStack;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Tokens as an OIDC provider such as Keycloak issues them, with roles under {@code realm_access.roles}: an
 * integrator's client-credentials token syncs customers and is refused what its role may not do, and what it
 * writes is recorded under the token's {@code sub} (the service account's id), not its {@code preferred_username}.
 */
@QuarkusTest
@TestProfile(IdentityProviderTokensTest.KeycloakRoles.class)
class IdentityProviderTokensTest {

    public static class KeycloakRoles implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("smallrye.jwt.path.groups", "realm_access/roles");
        }
    }

    private static DevTokens tokens() {
        return EmbeddedStack.get().tokens();
    }

    @Test
    void anIntegratorsClientCredentialsTokenSyncsCustomersAndNoMore() {
        String serviceAccount = UUID.randomUUID().toString();
        String shop = tokens().clientCredentials("shop-sync", serviceAccount, Set.of("integrator", "offline_access"), Duration.ofMinutes(5));
        String key = "idp-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(shop).contentType(ContentType.JSON).body("{\"displayName\": \"Ivy Provider\"}")
                .when().put("/api/v1/customers/by-external-id/erp/{key}", key)
                .then().statusCode(201);
        String id = given().auth().oauth2(shop).when().get("/api/v1/customers/by-external-id/erp/{key}", key)
                .then().statusCode(200).body("displayName", equalTo("Ivy Provider")).extract().path("id");
        given().auth().oauth2(shop).contentType(ContentType.JSON).body("{\"duplicateIds\": [\"" + UUID.randomUUID() + "\"]}")
                .when().post("/api/v1/customers/{id}/merge", id)
                .then().statusCode(403);
        // the change is recorded as the service account's
        given().auth().oauth2(tokens().clientCredentials("admin-ui", UUID.randomUUID().toString(), Set.of("admin"), Duration.ofMinutes(5)))
                .when().get("/api/v1/customers/{id}/history", id)
                .then().statusCode(200).body("items[0].changedBy", equalTo(serviceAccount));
    }
}
