package io.clientbook.analytics.projection;

import io.clientbook.devstack.testing.OwnershipScenario;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/** A sales user reads only its own customers here too; ownership follows customer.created and customer.updated. */
@QuarkusTest
class OwnedFiguresTest {

    @Test
    void onlyTheOwnerAmongSellersSeesTheCustomerAndOwnershipMovesWithUpdates() {
        OwnershipScenario.run((token, customer) ->
                given().auth().oauth2(token).when().get("/api/v1/analytics/customers/{id}", customer).then().extract().statusCode());
    }
}
