package io.clientbook.customer.customer;

import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.devstack.testing.TopicProbe;
import io.clientbook.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.clientbook.customer.Fixtures.as;
import static io.clientbook.customer.Fixtures.customer;
import static io.clientbook.customer.Fixtures.email;
import static io.clientbook.customer.Fixtures.etag;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The full customer record: shape, normalisation, rules on restricted fields, duplicates, PATCH and archive. */
@QuarkusTest
class CustomerRecordTest {

    private static String fullRecord(String email) {
        return """
                {"displayName": "Ann Lee", "givenName": "Ann", "familyName": "Lee", "kind": "PERSON",
                 "emails": [{"address": " %s ", "label": "work", "primary": true}],
                 "phones": [{"number": "(415) 555-0100", "label": "mobile", "primary": true}],
                 "addresses": [{"line1": "1 Main St", "city": "San Francisco", "country": "US", "primary": true}],
                 "birthday": "1990-04-01", "language": "en-US", "timeZone": "America/Los_Angeles",
                 "preferences": {"preferredChannel": "Email", "productCategories": ["tea"]},
                 "tags": ["newsletter", "newsletter", "vip-event"],
                 "customAttributes": {"loyaltyCard": "A-1", "visits": 3, "student": false},
                 "externalIds": [{"source": "shopify:store-a.myshopify.com", "externalId": "%s"}],
                 "consents": [{"channel": "EMAIL", "purpose": "marketing", "granted": true, "basis": "legitimate-interest",
                               "at": "2026-01-31T10:00:00Z"}]}""".formatted(email.toUpperCase(), io.clientbook.customer.Fixtures.externalId());
    }

    @Test
    void theWholeRecordIsStoredNormalisedAndReadBackWithItsEtag() {
        String address = email();
        var created = as("admin").body(fullRecord(address))
                .when().post("/api/v1/customers")
                .then().log().ifValidationFails().statusCode(201)
                .header("ETag", "\"0\"")
                .body("version", equalTo(0))
                .body("kind", equalTo("person"))
                .body("emails[0].address", equalTo(address))
                .body("emails[0].label", equalTo("work"))
                .body("phones[0].number", equalTo("+14155550100"))
                .body("phones[0].valid", equalTo(true))
                .body("preferences.preferredChannel", equalTo("email"))
                .body("tags", contains("newsletter", "vip-event"))
                .body("customAttributes.visits", equalTo(3))
                .body("consents[0].channel", equalTo("email"))
                .body("consents[0].basis", equalTo("legitimate-interest"))
                .body("tier", nullValue())
                .body("lifecycleStage", equalTo("prospect")) // no purchase yet
                .body("createdAt", notNullValue())
                .extract();
        String id = created.path("id");
        as("support").when().get("/api/v1/customers/{id}", id)
                .then().statusCode(200)
                .header("ETag", "\"0\"")
                .body("birthday", equalTo("1990-04-01"))
                .body("addresses[0].city", equalTo("San Francisco"))
                .body("ownerId", equalTo("dev-admin"));
    }

    @Test
    void unknownAndReadOnlyFieldsAreRefusedByName() {
        as("admin").body("{\"displayName\": \"X\", \"favouriteColour\": \"red\"}")
                .when().post("/api/v1/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("favouriteColour"))
                .body("errors[0].message", equalTo("is not a known field"));
        as("admin").body("{\"displayName\": \"X\", \"version\": 7}")
                .when().post("/api/v1/customers")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("version"))
                .body("errors[0].message", equalTo("is read-only"));
    }

    @Test
    void enumsAreAcceptedInAnyCaseAndABadOneNamesItsField() {
        as("admin").body("{\"displayName\": \"Acme Ltd\", \"kind\": \"Company\"}")
                .when().post("/api/v1/customers")
                .then().statusCode(201).body("kind", equalTo("company"));
        as("admin").body("{\"displayName\": \"X\", \"kind\": \"robot\"}")
                .when().post("/api/v1/customers")
                .then().statusCode(400).body("errors[0].field", equalTo("kind"));
    }

    @Test
    void aUsersInvalidPhoneIsAFieldError() {
        as("admin").body("{\"displayName\": \"X\", \"phones\": [{\"number\": \"12\"}]}")
                .when().post("/api/v1/customers")
                .then().statusCode(400).body("errors[0].field", equalTo("phones[0].number"));
    }

    @Test
    void salesOwnWhatTheyCreateAndMayNotClassify() {
        as("sales").body("{\"displayName\": \"X\", \"tier\": \"vip\", \"ownerId\": \"someone-else\"}")
                .when().post("/api/v1/customers")
                .then().statusCode(400)
                .body("errors.field", hasItem("ownerId"));
        as("sales").body("{\"displayName\": \"X\", \"tier\": \"vip\"}")
                .when().post("/api/v1/customers")
                .then().statusCode(400)
                .body("errors.field", contains("tier"));
        as("sales").body("{\"displayName\": \"X\"}")
                .when().post("/api/v1/customers")
                .then().statusCode(201).body("ownerId", equalTo("dev-sales"));
        as("manager").body("{\"displayName\": \"X\", \"tier\": \"vip\", \"ownerId\": \"u-7\"}")
                .when().post("/api/v1/customers")
                .then().statusCode(201)
                .body("tier", equalTo("vip"))
                .body("tierPinned", equalTo(true))
                .body("ownerId", equalTo("u-7"));
    }

    @Test
    void aSecondCustomerWithTheSameEmailIsAConflictUnlessAllowed() {
        String address = email();
        String first = as("admin").body("{\"displayName\": \"Bo\", \"emails\": [{\"address\": \"" + address + "\"}]}")
                .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
        String sameAddressOtherCase = address.toUpperCase();
        as("admin").body("{\"displayName\": \"Bo Two\", \"emails\": [{\"address\": \"" + sameAddressOtherCase + "\"}]}")
                .when().post("/api/v1/customers")
                .then().statusCode(409).contentType("application/problem+json")
                .body("candidates[0].id", equalTo(first))
                .body("candidates[0].matchedOn", contains("email"));
        as("admin").queryParam("allowDuplicate", true)
                .body("{\"displayName\": \"Bo Two\", \"emails\": [{\"address\": \"" + sameAddressOtherCase + "\"}]}")
                .when().post("/api/v1/customers")
                .then().statusCode(201);
    }

    @Test
    void aSimilarNameInTheSameCompanyIsAWarning() {
        String company = as("admin").body("{\"displayName\": \"Globex\", \"kind\": \"company\"}")
                .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
        as("admin").body("{\"displayName\": \"Katherine Smith\", \"companyId\": \"" + company + "\"}")
                .when().post("/api/v1/customers").then().statusCode(201);
        as("admin").body("{\"displayName\": \"Katharine Smith\", \"companyId\": \"" + company + "\"}")
                .when().post("/api/v1/customers")
                .then().statusCode(201)
                .body("warnings[0].code", equalTo("similar-name"));
        as("admin").body("{\"displayName\": \"Jo\", \"companyId\": \"" + customer("Not A Company") + "\"}")
                .when().post("/api/v1/customers")
                .then().statusCode(400).body("errors[0].field", equalTo("companyId"));
    }

    @Test
    void patchNeedsIfMatchAndAppliesAMergePatchWithAnEvent() {
        String id = as("admin").body("{\"displayName\": \"Cy\", \"occupation\": \"baker\", \"tags\": [\"a\", \"b\"]}")
                .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");

        as("admin").contentType("application/merge-patch+json").body("{\"tags\": [\"c\"]}")
                .when().patch("/api/v1/customers/{id}", id)
                .then().statusCode(428).contentType("application/problem+json");
        as("admin").contentType("application/merge-patch+json").header("If-Match", "\"99\"").body("{\"tags\": [\"c\"]}")
                .when().patch("/api/v1/customers/{id}", id)
                .then().statusCode(412);

        try (var probe = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.CUSTOMERS)) {
            as("admin").contentType("application/merge-patch+json").header("If-Match", etag(id))
                    .body("{\"tags\": [\"c\"], \"occupation\": null, \"givenName\": \"Cyrus\"}")
                    .when().patch("/api/v1/customers/{id}", id)
                    .then().statusCode(200)
                    .header("ETag", "\"1\"")
                    .body("tags", contains("c"))
                    .body("occupation", nullValue())
                    .body("givenName", equalTo("Cyrus"))
                    .body("displayName", equalTo("Cy"));

            var event = probe.await(r -> id.equals(r.key())
                    && "clientbook.customer.updated.v1".equals(TopicProbe.headers(r).get("ce_type")), Duration.ofSeconds(30));
            JsonPath data = JsonPath.from(event.value());
            assertEquals(1, data.getInt("version"));
            List<Map<String, Object>> changes = data.getList("changes");
            assertEquals(List.of("givenName", "occupation", "tags"), changes.stream().map(c -> (String) c.get("field")).sorted().toList());
            Map<String, Object> tags = changes.stream().filter(c -> c.get("field").equals("tags")).findFirst().orElseThrow();
            assertEquals(List.of("a", "b"), tags.get("oldValue"));
            assertEquals(List.of("c"), tags.get("newValue"));
        }
        as("admin").contentType("application/merge-patch+json").header("If-Match", etag(id)).body("{\"id\": \"x\"}")
                .when().patch("/api/v1/customers/{id}", id)
                .then().statusCode(400).body("errors[0].field", equalTo("id"));
    }

    @Test
    void ofTwoConcurrentPatchesWithTheSameIfMatchExactlyOneWins() throws Exception {
        String id = customer("Race");
        String tag = etag(id);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Integer>> outcomes = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(2)) {
            for (String name : List.of("Left", "Right")) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return as("admin").contentType("application/merge-patch+json").header("If-Match", tag)
                            .body("{\"displayName\": \"" + name + "\"}")
                            .when().patch("/api/v1/customers/{id}", id)
                            .then().extract().statusCode();
                }));
            }
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> outcome : outcomes) {
            statuses.add(outcome.get());
        }
        org.hamcrest.MatcherAssert.assertThat(statuses, containsInAnyOrder(200, 412));
        as("admin").when().get("/api/v1/customers/{id}", id).then().header("ETag", "\"1\"");
    }

    @Test
    void deleteArchivesTheCustomer() {
        String id = customer("Gone Soon");
        as("manager").when().delete("/api/v1/customers/{id}", id).then().statusCode(428);
        as("sales").header("If-Match", etag(id)).when().delete("/api/v1/customers/{id}", id).then().statusCode(403);
        try (var probe = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.CUSTOMERS)) {
            as("manager").header("If-Match", etag(id)).when().delete("/api/v1/customers/{id}", id).then().statusCode(204);
            probe.await(r -> id.equals(r.key()) && "clientbook.customer.archived.v1".equals(TopicProbe.headers(r).get("ce_type")),
                    Duration.ofSeconds(30));
        }
        as("admin").when().get("/api/v1/customers/{id}", id).then().statusCode(404);
        as("admin").queryParam("q", "Gone Soon").when().get("/api/v1/customers")
                .then().statusCode(200).body("items.id", org.hamcrest.Matchers.not(hasItem(id)));
    }

    @Test
    void searchItemsAreCustomers() {
        String id = customer("Zebediah Quill");
        as("analyst").queryParam("q", "zebed").when().get("/api/v1/customers")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(id))
                .body("nextCursor", nullValue());
    }
}
