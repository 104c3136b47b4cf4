package io.clientbook.interaction.timeline;

import io.clientbook.devstack.testing.OwnershipScenario;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/** A sales user reads only its own customers here too; ownership follows customer.created and customer.updated. */
@QuarkusTest
class OwnedTimelineTest {

    @Test
    void onlyTheOwnerAmongSellersSeesTheCustomerAndOwnershipMovesWithUpdates() {
        OwnershipScenario.run((token, customer) ->
                given().auth().oauth2(token).when().get("/api/v1/customers/{id}/timeline", customer).then().extract().statusCode());
    }
}
