package io.clientbook.customer.customer;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.clientbook.customer.Fixtures.as;
import static io.clientbook.customer.Fixtures.email;
import static io.clientbook.customer.Fixtures.etag;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

/** GET /customers/{id}/duplicates: candidates with the rule, the matched fields and a score. */
@QuarkusTest
class DuplicatesTest {

    private static String create(String body) {
        return as("admin").queryParam("allowDuplicate", true).body(body)
                .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
    }

    @Test
    void sameEmailPhoneOrBothAreCandidatesMostLikelyFirst() {
        String mail = email();
        String phone = "+1415" + (5_000_000 + (int) (Math.random() * 999_999));
        String ann = create("""
                {"displayName": "Ann Dupe", "emails": [{"address": "%s"}], "phones": [{"number": "%s"}]}""".formatted(mail, phone));
        String sameEmail = create("""
                {"displayName": "A. Dupe", "emails": [{"address": "%s"}]}""".formatted(mail.toUpperCase()));
        String samePhone = create("""
                {"displayName": "Annie", "phones": [{"number": "%s"}]}""".formatted(phone));
        String both = create("""
                {"displayName": "Ann D.", "emails": [{"address": "%s"}], "phones": [{"number": "%s"}]}""".formatted(mail, phone));
        create("""
                {"displayName": "Someone Else", "emails": [{"address": "%s"}]}""".formatted(email()));

        as("support").when().get("/api/v1/customers/{id}/duplicates", ann)
                .then().statusCode(200)
                .body("items.id", contains(both, sameEmail, samePhone))
                .body("items.rule", contains("same-email", "same-email", "same-phone"))
                .body("items[0].matchedFields", contains("email", "phone"))
                .body("items.score", contains(0.95f, 0.9f, 0.8f))
                .body("items[1].displayName", equalTo("A. Dupe"))
                .body("nextCursor", equalTo(null));

        // archived customers are no longer candidates
        as("admin").header("If-Match", etag(both)).when().delete("/api/v1/customers/{id}", both).then().statusCode(204);
        as("admin").when().get("/api/v1/customers/{id}/duplicates", ann)
                .then().statusCode(200).body("items.id", not(hasItem(both))).body("items", hasSize(2));
    }

    @Test
    void similarNamesInTheSameCompanyAreCandidatesScoredByHowSimilar() {
        String company = create("""
                {"displayName": "Dupe Works %s", "kind": "company", "companyName": "Dupe Works"}""".formatted(UUID.randomUUID()));
        String jonathan = create("""
                {"displayName": "Jonathan Smithers", "companyId": "%s"}""".formatted(company));
        String jonathon = create("""
                {"displayName": "Jonathon Smithers", "companyId": "%s"}""".formatted(company));
        create("""
                {"displayName": "Maria Gonzales", "companyId": "%s"}""".formatted(company));
        create("""
                {"displayName": "Jonathan Smithers"}""");

        as("admin").when().get("/api/v1/customers/{id}/duplicates", jonathan)
                .then().statusCode(200)
                .body("items.id", contains(jonathon))
                .body("items[0].rule", equalTo("similar-name-in-company"))
                .body("items[0].matchedFields", contains("name"));
    }

    @Test
    void aCustomerWithoutDuplicatesHasAnEmptyListAndUnknownOnesAre404() {
        String alone = create("""
                {"displayName": "Unique Person %s", "emails": [{"address": "%s"}]}""".formatted(UUID.randomUUID(), email()));
        as("admin").when().get("/api/v1/customers/{id}/duplicates", alone).then().statusCode(200).body("items", empty());
        as("admin").when().get("/api/v1/customers/{id}/duplicates", UUID.randomUUID()).then().statusCode(404);
        as("analyst").when().get("/api/v1/customers/{id}/duplicates", alone).then().statusCode(403);
    }
}
