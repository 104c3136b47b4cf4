package io.clientbook.interaction;

import io.agroal.api.AgroalDataSource;
import io.clientbook.devstack.testing.BadBodies;
import io.clientbook.devstack.testing.EmbeddedStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Randomly generated bad bodies ({@link BadBodies}) for each of interaction-service's write endpoints: never a
 * 5xx, a refusal is problem+json without a stack trace, and a refused request records no event. 1,000 bodies
 * per endpoint ({@code -Dclientbook.fuzz.count}, {@code -Dclientbook.fuzz.seed}).
 *
 * <p>Each endpoint's field names are mixed into the bodies so mutations reach real validation. For the
 * configuration endpoints (teams, rules, SLA policies, calendars) one required field is left out of the list on
 * purpose: a random body can then never be valid, so the run creates no configuration that would change how the
 * other tests' tickets and rules behave.
 */
@QuarkusTest
class WriteFuzzTest {

    private static final Map<String, List<String>> FIELDS = Map.ofEntries(
            Map.entry("POST /api/v1/interactions", List.of("customerId", "channel", "direction", "occurredAt", "durationSeconds",
                    "subject", "summary", "outcome", "agentId", "orderId", "ticketId", "id")),
            Map.entry("POST /api/v1/follow-ups", List.of("customerId", "type", "channel", "dueAt", "assigneeId", "teamId", "note")),
            Map.entry("PATCH /api/v1/follow-ups/{followUp}", List.of("status", "dueAt", "snoozedUntil", "assigneeId", "teamId", "note",
                    "outcome", "customerId", "id", "version")),
            Map.entry("POST /api/v1/tickets", List.of("customerId", "type", "priority", "channel", "subject", "description",
                    "assigneeId", "teamId")),
            Map.entry("PATCH /api/v1/tickets/{ticket}", List.of("status", "priority", "assigneeId", "teamId", "subject",
                    "description", "resolution", "customerId", "id", "version")),
            Map.entry("POST /api/v1/tickets/{ticket}/comments", List.of("body", "public", "authorId")),
            Map.entry("POST /api/v1/teams", List.of("managerId", "members", "memberIds", "id")), // no name: never valid
            Map.entry("POST /api/v1/follow-up-rules", List.of("name", "description", "enabled", "condition", "delayDays", "action",
                    "teamId", "event", "type")), // no trigger
            Map.entry("POST /api/v1/sla-policies", List.of("name", "rank", "enabled", "condition", "firstResponseMinutes",
                    "calendarId", "priority", "type")), // no resolutionMinutes
            Map.entry("POST /api/v1/business-calendars", List.of("name", "hours", "holidays", "days", "from", "to")), // no timeZone
            Map.entry("POST /api/v1/surveys", List.of("name", "kind", "question", "channel")),
            Map.entry("POST /api/v1/survey-responses", List.of("surveyId", "customerId", "score", "comment", "interactionId", "ticketId")),
            Map.entry("PUT /api/v1/customers/{customer}/plans/2026", List.of("ownerId", "goals", "notes", "revenue", "visits",
                    "satisfaction", "amount", "kind", "touches", "quarter", "channel", "count", "note")),
            Map.entry("POST /api/v1/messages/{message}/outcome", List.of("outcome", "permanent", "at")),
            Map.entry("PUT /api/v1/teams/{team}", List.of("managerId", "members", "id", "version")), // no name
            Map.entry("PATCH /api/v1/follow-up-rules/{rule}", List.of("name", "description", "trigger", "condition", "delayDays",
                    "action", "teamId", "type", "to", "id", "version")), // no enabled: the target rule stays off
            Map.entry("PUT /api/v1/sla-policies/{policy}", List.of("name", "rank", "enabled", "condition", "firstResponseMinutes",
                    "calendarId", "id", "version")), // no resolutionMinutes
            Map.entry("PUT /api/v1/business-calendars/{calendar}", List.of("name", "workingHours", "holidays", "monday", "from",
                    "to", "id")));  // no timeZone

    /** Replacements and patches of an existing object: they carry its current ETag. */
    private static final java.util.Set<String> NEEDS_IF_MATCH = java.util.Set.of("PATCH /api/v1/follow-ups/{followUp}",
            "PATCH /api/v1/tickets/{ticket}", "PUT /api/v1/teams/{team}", "PATCH /api/v1/follow-up-rules/{rule}",
            "PUT /api/v1/sla-policies/{policy}", "PUT /api/v1/business-calendars/{calendar}");

    @Inject
    AgroalDataSource dataSource;

    private final UUID customer = UUID.randomUUID();
    private String followUp;
    private String ticket;
    private String team;
    private String rule;
    private String policy;
    private String calendar;

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(EmbeddedStack.get().tokens().forRole(role)).contentType("application/json");
    }

    @BeforeEach
    void targets() {
        followUp = as("manager").body("{\"customerId\": \"" + customer + "\", \"type\": \"callback\", \"channel\": \"phone\", "
                + "\"dueAt\": \"2030-05-01T09:00:00Z\"}").when().post("/api/v1/follow-ups").then().statusCode(201).extract().path("id");
        ticket = as("manager").body("{\"customerId\": \"" + customer + "\", \"type\": \"complaint\", \"priority\": \"normal\", "
                + "\"channel\": \"phone\", \"subject\": \"Fuzz target\"}").when().post("/api/v1/tickets").then().statusCode(201)
                .extract().path("id");
        String tag = UUID.randomUUID().toString();
        team = as("admin").body("{\"name\": \"Fuzz team " + tag + "\", \"managerId\": \"u-fuzz\", \"members\": [\"u-fuzz\"]}")
                .when().post("/api/v1/teams").then().statusCode(201).extract().path("id");
        rule = as("admin").body("{\"name\": \"Fuzz rule " + tag + "\", \"enabled\": false, \"trigger\": {\"type\": \"tier-changed\", "
                        + "\"to\": \"VIP\"}, \"delayDays\": 3, \"action\": {\"kind\": \"task\", \"type\": \"renewal\", "
                        + "\"channel\": \"phone\", \"purpose\": \"service\"}}")
                .when().post("/api/v1/follow-up-rules").then().statusCode(201).extract().path("id");
        policy = as("admin").body("{\"name\": \"Fuzz policy " + tag + "\", \"rank\": 1000000, \"enabled\": false, "
                        + "\"firstResponseMinutes\": 60, \"resolutionMinutes\": 120}")
                .when().post("/api/v1/sla-policies").then().statusCode(201).extract().path("id");
        calendar = as("admin").body("{\"name\": \"Fuzz calendar " + tag + "\", \"timeZone\": \"UTC\", "
                        + "\"workingHours\": {\"monday\": [{\"from\": \"09:00\", \"to\": \"17:00\"}]}}")
                .when().post("/api/v1/business-calendars").then().statusCode(201).extract().path("id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST /api/v1/interactions", "POST /api/v1/follow-ups", "PATCH /api/v1/follow-ups/{followUp}",
            "POST /api/v1/tickets", "PATCH /api/v1/tickets/{ticket}", "POST /api/v1/tickets/{ticket}/comments", "POST /api/v1/teams",
            "POST /api/v1/follow-up-rules", "POST /api/v1/sla-policies", "POST /api/v1/business-calendars", "POST /api/v1/surveys",
            "POST /api/v1/survey-responses", "PUT /api/v1/customers/{customer}/plans/2026", "POST /api/v1/messages/{message}/outcome",
            "PUT /api/v1/teams/{team}", "PATCH /api/v1/follow-up-rules/{rule}", "PUT /api/v1/sla-policies/{policy}",
            "PUT /api/v1/business-calendars/{calendar}"})
    void noBodyGivesA5xxAStackTraceOrAnEvent(String endpoint) throws SQLException {
        BadBodies bodies = new BadBodies(FIELDS.get(endpoint), endpoint);
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1).replace("{followUp}", followUp).replace("{ticket}", ticket)
                .replace("{customer}", customer.toString()).replace("{message}", UUID.randomUUID().toString())
                .replace("{team}", team).replace("{rule}", rule).replace("{policy}", policy).replace("{calendar}", calendar);
        String etag = NEEDS_IF_MATCH.contains(endpoint) ? as("admin").when().get(path).then().statusCode(200).extract().header("ETag") : null;
        for (int i = 0; i < BadBodies.COUNT; i++) {
            String body = bodies.next();
            long eventsBefore = events();
            RequestSpecification request = as("admin").body(body);
            if (etag != null) {
                request = request.header("If-Match", etag);
                if (method.equals("PATCH")) {
                    request = request.contentType("application/merge-patch+json");
                }
            }
            Response response = request.request(method, path);
            if (etag != null && response.statusCode() < 300) { // only an accepted write moves the version
                etag = as("admin").when().get(path).then().statusCode(200).extract().header("ETag");
            }
            String answer = response.asString();
            String context = endpoint + " #" + i + " (seed " + BadBodies.SEED + ") body " + BadBodies.abbreviate(body) + " -> "
                    + response.statusCode() + " " + BadBodies.abbreviate(answer);
            assertEquals(java.util.Optional.empty(), BadBodies.fault(response.statusCode(), response.contentType(), answer), context);
            if (response.statusCode() >= 400) {
                assertEquals(eventsBefore, events(), "a refused request recorded an event: " + context);
            }
        }
    }

    private long events() throws SQLException {
        return BadBodies.events(dataSource);
    }
}
