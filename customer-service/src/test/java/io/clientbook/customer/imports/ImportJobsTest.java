package io.clientbook.customer.imports;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.clientbook.customer.Fixtures.as;
import static io.clientbook.customer.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bulk imports end to end: upload, the job's progress, refused rows, idempotency, CSV mappings, cancelling. */
@QuarkusTest
class ImportJobsTest {

    private static String source() {
        return "import-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonPath upload(String query, String contentType, byte[] file, String idempotencyKey, int status) {
        return upload(query, null, contentType, file, idempotencyKey, status);
    }

    private static JsonPath upload(String query, String mapping, String contentType, byte[] file, String idempotencyKey, int status) {
        var request = given().auth().oauth2(token("integrator")).contentType(contentType).body(file);
        if (mapping != null) {
            request.queryParam("mapping", mapping);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.when().post("/api/v1/import-jobs" + query).then().statusCode(status).extract().jsonPath();
    }

    private static JsonPath finished(String id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                as("integrator").when().get("/api/v1/import-jobs/" + id).then().statusCode(200)
                        .body("state", anyOf(equalTo("completed"), equalTo("failed"), equalTo("cancelled"))));
        return as("integrator").when().get("/api/v1/import-jobs/" + id).then().extract().jsonPath();
    }

    @Test
    void anNdjsonFileImportsEveryGoodRowAndListsTheBadOnesByLine() {
        String source = source();
        StringBuilder file = new StringBuilder();
        for (int i = 1; i <= 2500; i++) {
            if (i == 7) {
                file.append("{\"displayName\": \"Broken\", \"emails\": [{\"address\": \"not-an-address\"}], \"externalIds\": [{\"source\": \"")
                        .append(source).append("\", \"externalId\": \"c7\"}]}\n");
            } else if (i == 1200) {
                file.append("this is not json\n");
            } else {
                file.append("{\"displayName\": \"Imported ").append(i).append("\", \"tags\": [\"").append(source)
                        .append("\"], \"externalIds\": [{\"source\": \"").append(source).append("\", \"externalId\": \"c").append(i).append("\"}]}\n");
            }
        }
        JsonPath accepted = upload("?kind=customers", "application/x-ndjson", file.toString().getBytes(StandardCharsets.UTF_8), null, 202);
        assertEquals(2500, accepted.getInt("total"));
        assertEquals("queued", accepted.getString("state"));
        String id = accepted.getString("id");

        JsonPath done = finished(id);
        assertEquals("completed", done.getString("state"));
        assertEquals(2500, done.getInt("processed"));
        assertEquals(2498, done.getInt("succeeded"));
        assertEquals(2, done.getInt("failed"));
        assertEquals(0, done.getInt("etaSeconds"));

        String errors = as("integrator").accept("application/x-ndjson").when().get("/api/v1/import-jobs/" + id + "/errors")
                .then().statusCode(200).extract().asString();
        List<String> lines = errors.lines().toList();
        assertEquals(2, lines.size(), errors);
        assertTrue(lines.get(0).startsWith("{\"line\":7,") && lines.get(0).contains("emails[0].address"), errors);
        assertTrue(lines.get(1).startsWith("{\"line\":1200,") && lines.get(1).contains("is not JSON"), errors);
        assertTrue(!errors.contains("not-an-address"), "errors name fields, never values");

        as("admin").when().get("/api/v1/customers/by-external-id/" + source + "/c2500").then().statusCode(200)
                .body("displayName", equalTo("Imported 2500"));
        as("admin").queryParam("tag", source).queryParam("limit", 1).when().get("/api/v1/customers").then().statusCode(200)
                .body("items.size()", equalTo(1));
    }

    @Test
    void theSameFileWithTheSameKeyIsOneJobAndAnotherFileUnderItIs422() {
        String source = source();
        String key = "import-" + UUID.randomUUID();
        byte[] file = ("{\"displayName\": \"Once\", \"externalIds\": [{\"source\": \"" + source + "\", \"externalId\": \"1\"}]}\n"
                + "{\"displayName\": \"Twice\"}\n").getBytes(StandardCharsets.UTF_8);
        String first = upload("?kind=customers", "application/x-ndjson", file, key, 202).getString("id");
        finished(first);
        String again = given().auth().oauth2(token("integrator")).contentType("application/x-ndjson").header("Idempotency-Key", key).body(file)
                .when().post("/api/v1/import-jobs?kind=customers")
                .then().statusCode(202).header("Idempotent-Replayed", "true").body("state", equalTo("completed")).extract().path("id");
        assertEquals(first, again);
        upload("?kind=customers", "application/x-ndjson", "{\"displayName\": \"Other\"}\n".getBytes(StandardCharsets.UTF_8), key, 422);
    }

    @Test
    void aCsvWithAMappingImportsOrdersAndCreatesTheirCustomers() {
        String source = source();
        String customers = "Source,Shop id,First,Last,E-mail,Tags,Note\r\n"
                + source + ",1,Ann,Lee,ann-" + source + "@example.com,vip;newsletter,\"likes tea, green\"\r\n"
                + source + ",2,\"Bo \"\"The Boss\"\"\",Chan,bo-" + source + "@example.com,,\"two\nlines\"\r\n";
        String mapping = "{\"Source\": \"externalSource\", \"Shop id\": \"externalId\", \"First\": \"givenName\","
                + " \"Last\": \"familyName\", \"E-mail\": \"email\", \"Tags\": \"tags\"}"; // RestAssured encodes it
        String customerJob = upload("?kind=customers", mapping, "text/csv", customers.getBytes(StandardCharsets.UTF_8), null, 202)
                .getString("id");
        JsonPath done = finished(customerJob);
        assertEquals(2, done.getInt("succeeded"), done.prettify());
        as("admin").when().get("/api/v1/customers/by-external-id/" + source + "/2").then().statusCode(200)
                .body("displayName", equalTo("Bo \"The Boss\" Chan"));
        as("admin").when().get("/api/v1/customers/by-external-id/" + source + "/1").then().statusCode(200)
                .body("emails[0].address", equalTo("ann-" + source + "@example.com")).body("tags", org.hamcrest.Matchers.contains("vip", "newsletter"));

        String orders = """
                source,externalId,customerSource,customerExternalId,placedAt,status,currency,total
                %1$s,o1,%1$s,1,2026-01-31T10:00:00Z,paid,USD,29.34
                %1$s,o2,%1$s,3,2026-02-01T10:00:00Z,paid,USD,10.00
                %1$s,o3,%1$s,3,2026-02-02T10:00:00Z,paid,USD,-5
                """.formatted(source);
        String orderJob = upload("?kind=orders", "text/csv", orders.getBytes(StandardCharsets.UTF_8), null, 202).getString("id");
        JsonPath ordersDone = finished(orderJob);
        assertEquals(2, ordersDone.getInt("succeeded"));
        assertEquals(1, ordersDone.getInt("failed"));
        as("admin").when().get("/api/v1/customers/by-external-id/" + source + "/3").then().statusCode(200); // created by its order
        as("admin").when().get("/api/v1/orders/by-external-id/" + source + "/o1").then().statusCode(200).body("total", equalTo("29.34"));
        as("integrator").when().get("/api/v1/import-jobs/" + orderJob + "/errors").then().statusCode(200)
                .body(containsString("\"line\":4")).body(containsString("total"));
    }

    @Test
    void badUploadsAreRefusedNamingWhatIsWrongAndLeaveNoJob() {
        as("integrator").contentType("text/csv").body("a,b\n1,2\n").when().post("/api/v1/import-jobs")
                .then().statusCode(400).body("errors[0].field", equalTo("kind"));
        as("integrator").contentType("text/csv").body("x,y\n1,2\n").queryParam("mapping", "{\"x\": \"shoeSize\"}")
                .when().post("/api/v1/import-jobs?kind=customers")
                .then().statusCode(400).body("errors[0].field", equalTo("mapping"));
        as("integrator").contentType("text/csv").body("displayName,email\n\"unclosed,a@b.c\n").when().post("/api/v1/import-jobs?kind=customers")
                .then().statusCode(400).body("errors[0].field", equalTo("body")).body("errors[0].message", containsString("line 2"));
        as("integrator").contentType("application/octet-stream").body("{}".getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/import-jobs?kind=customers")
                .then().statusCode(400).body("errors[0].field", equalTo("format"));
        as("sales").contentType("application/x-ndjson").body("{}".getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/import-jobs?kind=customers").then().statusCode(403);
        as("integrator").when().get("/api/v1/import-jobs/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aLargeFileStreamsInAndAJobCanBeCancelled() {
        String source = source();
        // about 16 MB, more than the HTTP body limit of the other endpoints: the upload is streamed, never held whole
        StringBuilder file = new StringBuilder();
        String padding = "x".repeat(200);
        for (int i = 1; i <= 60_000; i++) {
            file.append("{\"displayName\": \"Bulk ").append(i).append("\", \"occupation\": \"").append(padding, 0, 90)
                    .append("\", \"externalIds\": [{\"source\": \"").append(source).append("\", \"externalId\": \"").append(i).append("\"}]}\n");
        }
        JsonPath accepted = upload("?kind=customers&format=ndjson", "application/octet-stream", file.toString().getBytes(StandardCharsets.UTF_8), null, 202);
        assertEquals(60_000, accepted.getInt("total"));
        String id = accepted.getString("id");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as("integrator").when().get("/api/v1/import-jobs/" + id)
                .then().body("state", equalTo("running")).body("processed", org.hamcrest.Matchers.greaterThan(0)).body("etaSeconds", notNullValue()));
        as("integrator").when().post("/api/v1/import-jobs/" + id + "/cancel").then().statusCode(200).body("state", equalTo("cancelled"));
        JsonPath cancelled = finished(id);
        assertEquals("cancelled", cancelled.getString("state"));
        long processed = cancelled.getLong("processed");
        assertTrue(processed < 60_000, "stopped before the end: " + processed);
        // nothing moves after the cancel: no chunk is half imported and none goes on
        long stored = as("admin").queryParam("limit", 1).when().get("/api/v1/import-jobs/" + id).then().extract().jsonPath().getLong("processed");
        assertEquals(processed, stored);
    }
}
