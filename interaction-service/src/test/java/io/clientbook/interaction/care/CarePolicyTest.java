package io.clientbook.interaction.care;

import io.agroal.api.AgroalDataSource;
import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.devstack.testing.TopicProbe;
import io.clientbook.events.Topics;
import io.clientbook.interaction.rule.CareCalendar;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.clientbook.interaction.care.CareEvents.ALL_CONSENTS;
import static io.clientbook.interaction.care.CareEvents.token;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed care policy running on real events, the real database and the real broker, with a movable clock. */
@QuarkusTest
class CarePolicyTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    CareCalendar calendar;

    private static JsonPath agenda(UUID customerId) {
        return given().auth().oauth2(token("manager")).queryParam("customerId", customerId)
                .when().get("/api/v1/follow-ups").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void oneOrderDeliveredTwiceCreatesOneCallbackAt30DaysAndOneEmailTaskAt90() throws SQLException {
        UUID customer = UUID.randomUUID();
        Instant placed = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CareEvents.customerCreated(customer, "u-owner", null, null, null, ALL_CONSENTS);
        UUID orderEvent = UUID.randomUUID();
        CareEvents.orderRecorded(orderEvent, customer, placed);
        CareEvents.orderRecorded(orderEvent, customer, placed); // redelivered: same event id

        await().atMost(Duration.ofSeconds(30)).until(() -> agenda(customer).getList("items").size() == 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> agenda(customer).getList("items").size() == 2);
        JsonPath page = agenda(customer);
        assertEquals("callback", page.getString("items[0].type"));
        assertEquals("phone", page.getString("items[0].channel"));
        assertEquals(placed.plus(30, ChronoUnit.DAYS).toString(), page.getString("items[0].dueAt"));
        assertEquals("u-owner", page.getString("items[0].assigneeId"));
        assertEquals("open", page.getString("items[0].status"));
        assertEquals(false, page.getBoolean("items[0].overdue"));
        assertEquals("7c1e0a52-0001-4c6e-9a10-5e1b2c3d4e01", page.getString("items[0].ruleId"));
        assertEquals("care", page.getString("items[1].type"));
        assertEquals("email", page.getString("items[1].channel"));
        assertEquals(placed.plus(90, ChronoUnit.DAYS).toString(), page.getString("items[1].dueAt"));
        // and the NPS invitation 30 days after the purchase (a message, not a task)
        await().atMost(Duration.ofSeconds(10)).until(() -> firings(customer).size() == 3);
        assertEquals(List.of("created", "created", "created"), firings(customer));
        assertEquals(List.of("SCHEDULED"), messageStatuses(customer));

        // a second, different order is another occurrence: two more tasks
        CareEvents.orderRecorded(UUID.randomUUID(), customer, placed.plusSeconds(60));
        await().atMost(Duration.ofSeconds(30)).until(() -> agenda(customer).getList("items").size() == 4);
        // the timeline shows the first purchase once and the follow-ups
        given().auth().oauth2(token("manager")).queryParam("kind", "customer-event")
                .when().get("/api/v1/customers/{id}/timeline", customer)
                .then().statusCode(200).body("items.type", org.hamcrest.Matchers.hasItem("customer.first-purchase"))
                .body("items.findAll { it.type == 'customer.first-purchase' }", hasSize(1));
    }

    @Test
    void anImportOfOldOrdersFloodsNoAgenda() throws SQLException {
        UUID customer = UUID.randomUUID();
        CareEvents.customerCreated(customer, "u-owner", null, null, null, ALL_CONSENTS);
        CareEvents.orderRecorded(UUID.randomUUID(), customer, Instant.now().minus(200, ChronoUnit.DAYS));
        await().atMost(Duration.ofSeconds(30)).until(() -> firings(customer).size() == 3);
        assertEquals(List.of("skipped-stale", "skipped-stale", "skipped-stale"), firings(customer)); // no survey about a purchase long gone either
        assertEquals(0, agenda(customer).getList("items").size());
        // the purchase itself is still the first one on the timeline
        given().auth().oauth2(token("manager")).queryParam("kind", "customer-event")
                .when().get("/api/v1/customers/{id}/timeline", customer)
                .then().statusCode(200).body("items.type", org.hamcrest.Matchers.hasItem("customer.first-purchase"));
    }

    @Test
    void aSegmentChangeFiresASegmentRuleForTheCustomersItNames() throws SQLException {
        String segment = "hibernating-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(token("manager")).contentType("application/json")
                .body("{\"name\":\"Wake up " + segment + "\",\"trigger\":{\"type\":\"segment-changed\",\"to\":\"" + segment + "\"},"
                        + "\"condition\":{\"segments\":[\"" + segment + "\"]},\"delayDays\":1,"
                        + "\"action\":{\"kind\":\"task\",\"type\":\"win-back\",\"channel\":\"visit\"}}")
                .when().post("/api/v1/follow-up-rules").then().statusCode(201);
        UUID customer = UUID.randomUUID();
        CareEvents.customerCreated(customer, "u-owner", null, null, null, "[]");
        Instant changedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        UUID event = UUID.randomUUID();
        String data = "{\"customerId\":\"" + customer + "\",\"previousSegment\":\"loyal\",\"segment\":\"" + segment.toUpperCase()
                + "\",\"changedAt\":\"" + changedAt + "\"}";
        CareEvents.send(Topics.ANALYTICS, customer, event, "clientbook.customer.segment.changed.v1", data);
        CareEvents.send(Topics.ANALYTICS, customer, event, "clientbook.customer.segment.changed.v1", data);
        await().atMost(Duration.ofSeconds(30)).until(() -> agenda(customer).getList("items").size() == 1);
        assertEquals("win-back", agenda(customer).getString("items[0].type"));
        assertEquals(changedAt.plus(1, ChronoUnit.DAYS).toString(), agenda(customer).getString("items[0].dueAt"));
        assertEquals(List.of("created"), firings(customer));
    }

    @Test
    void withoutConsentNoContactIsPlannedAndTheFiringSaysWhy() throws SQLException {
        UUID customer = UUID.randomUUID();
        // e-mail for service only: the callback (phone) is suppressed, the e-mail task created
        CareEvents.customerCreated(customer, "u-owner", null, null, null,
                "[{\"channel\":\"email\",\"purpose\":\"service\",\"granted\":true},{\"channel\":\"phone\",\"purpose\":\"service\",\"granted\":false}]");
        CareEvents.orderRecorded(UUID.randomUUID(), customer, Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> firings(customer).size() == 3);
        // the callback needs phone/service, the NPS invitation e-mail/marketing: neither granted
        assertEquals(List.of("created", "suppressed-no-consent", "suppressed-no-consent"), firings(customer).stream().sorted().toList());
        JsonPath page = agenda(customer);
        assertEquals(1, page.getList("items").size());
        assertEquals("email", page.getString("items[0].channel"));
    }

    @Test
    void aBirthdayFiresOnceOnTheDayInTheCustomersTimeZone() throws SQLException {
        // 12:00 UTC on 22 November is already 23 November in Auckland (UTC+13) and still the 22nd in Los Angeles
        MovableClock clock = new MovableClock(Instant.parse("2026-11-22T12:00:00Z"));
        QuarkusMock.installMockForType(clock, CareClock.class);
        UUID kiwi = UUID.randomUUID();
        UUID angeleno = UUID.randomUUID();
        UUID noConsent = UUID.randomUUID();
        CareEvents.customerCreated(kiwi, null, null, "11-23", "Pacific/Auckland", ALL_CONSENTS);
        CareEvents.customerCreated(angeleno, null, null, "11-23", "America/Los_Angeles", ALL_CONSENTS);
        CareEvents.customerCreated(noConsent, null, null, "11-23", "Pacific/Auckland", "[]");
        await().atMost(Duration.ofSeconds(30)).until(() -> profileCount(kiwi, angeleno, noConsent) == 3);

        calendar.run();
        calendar.run(); // a second pass in the same day changes nothing
        assertEquals(List.of("created"), firings(kiwi));
        assertEquals(List.of(), firings(angeleno));
        assertEquals(List.of("suppressed-no-consent"), firings(noConsent));
        // due at 09:00 in Auckland (20:00 UTC the day before): scheduled until then
        assertEquals(List.of("SCHEDULED"), messageStatuses(kiwi));

        try (TopicProbe messages = new TopicProbe(EmbeddedStack.get().bootstrapServers(), Topics.MESSAGES)) {
            clock.set(Instant.parse("2026-11-22T20:00:00Z"));
            calendar.run();
            assertEquals(List.of("REQUESTED"), messageStatuses(kiwi));
            var record = messages.await(r -> r.key().equals(kiwi.toString()), Duration.ofSeconds(30));
            JsonPath requested = JsonPath.from(record.value());
            assertEquals("birthday-greeting", requested.getString("templateKey"));
            assertEquals("marketing", requested.getString("purpose"));
            assertEquals("email", requested.getString("channel"));
        }

        // 23 November in Los Angeles: the angeleno's turn; the kiwi's birthday is over and fired once
        clock.set(Instant.parse("2026-11-23T09:00:00Z"));
        calendar.run();
        assertEquals(List.of("created"), firings(angeleno));
        assertEquals(1, messageStatuses(kiwi).size());
        clock.set(Instant.parse("2026-11-24T12:00:00Z"));
        calendar.run();
        assertEquals(1, messageStatuses(kiwi).size());
        assertEquals(1, messageStatuses(angeleno).size());
    }

    @Test
    void aVipVisitCadenceNeverStacksOnAnOpenVisit() throws SQLException {
        MovableClock clock = new MovableClock(Instant.parse("2027-03-10T08:00:00Z"));
        QuarkusMock.installMockForType(clock, CareClock.class);
        UUID vip = UUID.randomUUID();
        CareEvents.customerCreated(vip, "u-owner", "VIP", null, "Europe/Berlin", ALL_CONSENTS);
        await().atMost(Duration.ofSeconds(30)).until(() -> profileCount(vip) == 1);

        calendar.run();
        assertEquals(1, agenda(vip).getList("items").size());
        assertEquals("visit", agenda(vip).getString("items[0].type"));
        clock.advance(Duration.ofDays(31)); // the next period, the visit still open
        calendar.run();
        assertEquals(1, agenda(vip).getList("items").size());
        assertTrue(firings(vip).contains("skipped-open-task"), firings(vip).toString());

        String id = agenda(vip).getString("items[0].id");
        String etag = given().auth().oauth2(token("manager")).when().get("/api/v1/follow-ups/{id}", id).then().statusCode(200)
                .extract().header("ETag");
        given().auth().oauth2(token("manager")).header("If-Match", etag).contentType("application/merge-patch+json")
                .body("{\"status\": \"done\", \"outcome\": \"visited; new order expected\"}")
                .when().patch("/api/v1/follow-ups/{id}", id).then().statusCode(200).body("status", equalTo("done"));
        calendar.run(); // same period: it was skipped for this period and stays so
        assertEquals(1, agenda(vip).getList("items").size());
        clock.advance(Duration.ofDays(30));
        calendar.run();
        assertEquals(2, agenda(vip).getList("items").size());
    }

    private List<String> firings(UUID customer) throws SQLException {
        List<String> outcomes = new ArrayList<>();
        try (var c = dataSource.getConnection(); var s = c.prepareStatement(
                "select outcome from rule_firing where customer_id = ? order by fired_at, outcome")) {
            s.setObject(1, customer);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    outcomes.add(rs.getString(1));
                }
            }
        }
        return outcomes;
    }

    private List<String> messageStatuses(UUID customer) throws SQLException {
        List<String> statuses = new ArrayList<>();
        try (var c = dataSource.getConnection(); var s = c.prepareStatement("select status from outbound_message where customer_id = ?")) {
            s.setObject(1, customer);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    statuses.add(rs.getString(1));
                }
            }
        }
        return statuses;
    }

    private int profileCount(UUID... customers) throws SQLException {
        try (var c = dataSource.getConnection(); var s = c.prepareStatement("select count(*) from customer_profile where customer_id = any(?)")) {
            s.setArray(1, c.createArrayOf("uuid", customers));
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
