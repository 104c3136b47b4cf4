package io.clientbook.customer.customer;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.clientbook.customer.Fixtures.as;
import static io.clientbook.customer.Fixtures.email;
import static io.clientbook.customer.Fixtures.etag;
import static io.clientbook.customer.Fixtures.externalId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** GET /customers/{id}/history: who changed which field, when, old -> new, through which channel. */
@QuarkusTest
class CustomerHistoryTest {

    @Test
    void everyChangeIsThereNewestFirstWithWhoWhenChannelAndOldAndNewValues() {
        String key = externalId();
        String id = as("sales").body("""
                {"displayName": "Hal History", "emails": [{"address": "%s"}], "tags": ["newsletter"],
                 "externalIds": [{"source": "erp", "externalId": "%s"}]}""".formatted(email(), key))
                .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
        as("sales").header("If-Match", etag(id)).contentType("application/merge-patch+json")
                .body("{\"tags\": [\"newsletter\", \"vip-event\"]}").when().patch("/api/v1/customers/{id}", id)
                .then().statusCode(200);
        as("integrator").body("{\"occupation\": \"baker\"}")
                .when().put("/api/v1/customers/by-external-id/erp/{key}", key).then().statusCode(200);
        // a sync that changes nothing leaves no trace
        as("integrator").body("{\"occupation\": \"baker\"}")
                .when().put("/api/v1/customers/by-external-id/erp/{key}", key).then().statusCode(200);

        as("manager").when().get("/api/v1/customers/{id}/history", id)
                .then().statusCode(200)
                .body("items", hasSize(3))
                .body("items.version", contains(2, 1, 0))
                .body("items.kind", contains("updated", "updated", "created"))
                .body("items.channel", contains("sync", "api", "api"))
                .body("items.changedBy", contains("dev-integrator", "dev-sales", "dev-sales"))
                .body("items[0].changes.field", contains("occupation"))
                .body("items[0].changes[0].oldValue", nullValue())
                .body("items[0].changes[0].newValue", equalTo("baker"))
                .body("items[1].changes.field", contains("tags"))
                .body("items[1].changes[0].oldValue", contains("newsletter"))
                .body("items[1].changes[0].newValue", contains("newsletter", "vip-event"))
                .body("items[2].changes", empty())
                .body("items[0].changedAt", notNullValue())
                .body("nextCursor", nullValue());
    }

    @Test
    void pagesWithACursorAndKeepsArchivedCustomers() {
        String id = io.clientbook.customer.Fixtures.customer("Paula Pages");
        for (String occupation : List.of("a", "b", "c")) {
            as("admin").header("If-Match", etag(id)).contentType("application/merge-patch+json")
                    .body("{\"occupation\": \"" + occupation + "\"}").when().patch("/api/v1/customers/{id}", id)
                    .then().statusCode(200);
        }
        as("admin").header("If-Match", etag(id)).when().delete("/api/v1/customers/{id}", id).then().statusCode(204);

        String cursor = as("admin").queryParam("limit", 2).when().get("/api/v1/customers/{id}/history", id)
                .then().statusCode(200)
                .body("items.kind", contains("archived", "updated"))
                .body("items[1].changes[0].newValue", equalTo("c"))
                .extract().path("nextCursor");
        cursor = as("admin").queryParam("limit", 2).queryParam("cursor", cursor).when().get("/api/v1/customers/{id}/history", id)
                .then().statusCode(200)
                .body("items.version", contains(2, 1))
                .extract().path("nextCursor");
        as("admin").queryParam("limit", 2).queryParam("cursor", cursor).when().get("/api/v1/customers/{id}/history", id)
                .then().statusCode(200)
                .body("items.kind", contains("created"))
                .body("nextCursor", nullValue());
    }

    @Test
    void unknownCustomersBadCursorsAndRolesThatMayNotReadIt() {
        as("admin").when().get("/api/v1/customers/{id}/history", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        String id = io.clientbook.customer.Fixtures.customer("Cora Cursor");
        as("admin").queryParam("cursor", "%%%").when().get("/api/v1/customers/{id}/history", id)
                .then().statusCode(400).body("errors.field", hasItem("cursor"));
        as("analyst").when().get("/api/v1/customers/{id}/history", id).then().statusCode(403);
    }
}
