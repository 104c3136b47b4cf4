package io.clientbook.e2e;

import io.clientbook.devstack.auth.DevTokens;
import io.clientbook.devstack.infra.FreePorts;
import io.clientbook.devstack.infra.PostgresServer;
import io.clientbook.devstack.launcher.Suite;
import io.clientbook.devstack.testing.TopicProbe;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of interaction-service on one database and one broker, as a Deployment with two replicas
 * runs them: they migrate the schema together, share the consumer group's partitions, publish each outbox
 * row once between them, run each scheduled job on one of them, and hand the job over when that one stops,
 * turning unready before it stops serving.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesE2ETest {

    private static final String FIRST = Suite.INTERACTION_SERVICE;
    private static final String SECOND = Suite.instanceName(Suite.INTERACTION_SERVICE, 2);
    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);

    private static Suite suite;
    private static String adminToken;
    private static final List<String> customers = new ArrayList<>();
    private static final List<String> interactions = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startTwoInstances() throws Exception {
        Path root = Path.of(System.getProperty("clientbook.root", "..")).toAbsolutePath().normalize();
        Path home = Files.createTempDirectory(root.resolve("e2e-tests/target"), "crm-two");
        // a shutdown delay as in the cluster (leases keep their default: a graceful stop releases them at once)
        System.setProperty("clientbook.suite.java-opts", "-Dquarkus.shutdown.delay=3s");
        suite = new Suite(root, home, "127.0.0.1", FreePorts.pick(), line -> System.out.println("[two] " + line));
        suite.launch(Suite.POSTGRES);
        suite.launch(Suite.KAFKA);
        suite.launch(Suite.CUSTOMER_SERVICE);
        // both instances at once on an empty database: Flyway's lock lets one migrate while the other waits
        suite.launchInstances(Suite.INTERACTION_SERVICE, 1, 2);
        adminToken = new DevTokens(suite.keys()).forRole("admin");
    }

    @AfterAll
    static void stopAll() {
        System.clearProperty("clientbook.suite.java-opts");
        if (suite != null) {
            suite.stop();
        }
    }

    @Test
    @Order(1)
    void bothInstancesStartedOnOneSchemaMigratedOnce() throws SQLException {
        try (Connection db = database(); ResultSet rows = db.createStatement().executeQuery("""
                select count(*), count(distinct version), bool_and(success) from flyway_schema_history where version is not null""")) {
            rows.next();
            assertTrue(rows.getInt(1) > 5, "the migrations ran");
            assertEquals(rows.getInt(1), rows.getInt(2), "each migration applied once");
            assertTrue(rows.getBoolean(3), "every migration succeeded");
        }
        for (String instance : List.of(FIRST, SECOND)) {
            given().get(base(instance) + "/q/health/ready").then().statusCode(200);
        }
    }

    @Test
    @Order(2)
    void theInstancesShareTheCustomerTopicsPartitions() throws Exception {
        String customerService = "http://127.0.0.1:" + suite.port(Suite.CUSTOMER_SERVICE);
        Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, suite.kafkaBootstrapServers());
        try (Admin kafka = Admin.create(admin)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                ConsumerGroupDescription group = kafka.describeConsumerGroups(List.of("interaction-service")).all()
                        .get(10, TimeUnit.SECONDS).get("interaction-service");
                List<Set<Integer>> customerPartitions = new ArrayList<>();
                for (MemberDescription member : group.members()) {
                    Set<Integer> partitions = member.assignment().topicPartitions().stream()
                            .filter(p -> p.topic().equals("clientbook.customers")).map(TopicPartition::partition)
                            .collect(Collectors.toSet());
                    if (!partitions.isEmpty()) {
                        assertEquals("kafka-consumer-customer-events", member.clientId());
                        customerPartitions.add(partitions);
                    }
                }
                assertEquals(2, customerPartitions.size(), "one customer-events consumer per instance holds partitions: " + customerPartitions);
                assertTrue(Collections.disjoint(customerPartitions.get(0), customerPartitions.get(1)), "no partition twice");
                Set<Integer> all = new HashSet<>(customerPartitions.get(0));
                all.addAll(customerPartitions.get(1));
                assertEquals(Set.of(0, 1, 2), all, "every partition of the topic has its consumer");
            });
        }
        // only once both hold partitions: written earlier, the events could all go to whichever instance joined first
        for (int i = 0; i < 30; i++) {
            customers.add(given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                    .body("{\"displayName\": \"Two Instances " + i + "\"}")
                    .post(customerService + "/api/v1/customers").then().statusCode(201).extract().path("id"));
        }
        // and each instance takes its share of the 30 customer.created events
        for (String instance : List.of(FIRST, SECOND)) {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    sum(metrics(instance), "kafka_consumer_fetch_manager_records_consumed_total",
                            "client_id=\"kafka-consumer-customer-events\"") > 0);
        }
    }

    @Test
    @Order(3)
    void eachOutboxRowIsPublishedOnceWhicheverInstanceWroteIt() throws Exception {
        int perInstance = 60;
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        try (var writers = Executors.newFixedThreadPool(4)) {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < 2 * perInstance; i++) {
                String instance = i % 2 == 0 ? FIRST : SECOND;
                String customer = customers.get(i % customers.size());
                work.add(writers.submit(() -> written.add(logCall(instance, customer))));
            }
            for (Future<?> w : work) {
                w.get(90, TimeUnit.SECONDS);
            }
        }
        assertEquals(2 * perInstance, new HashSet<>(written).size());
        interactions.addAll(written);

        try (TopicProbe probe = new TopicProbe(suite.kafkaBootstrapServers(), "clientbook.interactions")) {
            Set<String> wanted = new HashSet<>(written);
            await().atMost(Duration.ofSeconds(60)).until(() -> logged(probe.drain(Duration.ofMillis(500))).keySet().containsAll(wanted));
            // a while longer: a second publication of any row would arrive now
            Map<String, List<String>> byInteraction = logged(probe.drain(Duration.ofSeconds(3)));
            for (String id : written) {
                assertEquals(1, byInteraction.get(id).size(), "interaction " + id + " was published " + byInteraction.get(id).size() + " times");
            }
            List<String> eventIds = probe.seen().stream().map(r -> TopicProbe.headers(r).get("ce_id")).toList();
            assertEquals(eventIds.size(), new HashSet<>(eventIds).size(), "no event id on the topic twice");
        }
        // the metrics agree: recorded where written (after commit), published by whichever relay held the lock
        for (String counter : List.of("clientbook_events_recorded_total", "clientbook_events_published_total")) {
            double total = sum(metrics(FIRST), counter, "type=\"interaction.logged\"")
                    + sum(metrics(SECOND), counter, "type=\"interaction.logged\"");
            assertEquals(2.0 * perInstance, total, counter);
        }
        assertEquals((double) perInstance, sum(metrics(FIRST), "clientbook_events_recorded_total", "type=\"interaction.logged\""));
        try (Connection db = database(); ResultSet rows = db.createStatement().executeQuery(
                "select count(*) filter (where published_at is null), count(*) from outbox where type = 'interaction.logged'")) {
            rows.next();
            assertEquals(0, rows.getInt(1), "every row published");
            assertEquals(2 * perInstance, rows.getInt(2));
        }
    }

    @Test
    @Order(4)
    void aScheduledJobRunsOnOneInstanceAndMovesWhenThatOneStops() throws Exception {
        // the SLA watch ticks every second on both; one holds its lease and runs, the other skips
        await().atMost(Duration.ofSeconds(60)).until(() ->
                slaWatch(FIRST, "ran") + slaWatch(SECOND, "ran") >= 3 && slaWatch(FIRST, "skipped") + slaWatch(SECOND, "skipped") >= 3);
        String leader = slaWatch(FIRST, "ran") > 0 ? FIRST : SECOND;
        String follower = leader.equals(FIRST) ? SECOND : FIRST;
        assertEquals(0.0, slaWatch(follower, "ran"), "the follower never ran the job");
        assertTrue(slaWatch(follower, "skipped") > 0);
        try (Connection db = database(); ResultSet rows = db.createStatement().executeQuery(
                "select count(*) from job_lease where job = 'sla-watch' and expires_at > now()")) {
            rows.next();
            assertEquals(1, rows.getInt(1));
        }

        // a rolling update stops the leader: it turns unready at once but keeps answering through the delay
        String interaction = interactions.getFirst();
        ProcessHandle process = ProcessHandle.of(suite.pid(leader).orElseThrow()).orElseThrow();
        process.destroy(); // SIGTERM, as the kubelet sends
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).until(() ->
                given().get(base(leader) + "/q/health/ready").statusCode() == 503);
        given().auth().oauth2(adminToken).get(base(leader) + "/api/v1/interactions/" + interaction).then().statusCode(200);
        process.onExit().get(40, TimeUnit.SECONDS);

        // the lease was released on the way out: the other instance runs the job from its next tick
        await().atMost(Duration.ofSeconds(15)).until(() -> slaWatch(follower, "ran") > 0);
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static String logCall(String instance, String customer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var response = given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                    .body("{\"customerId\": \"" + customer + "\", \"channel\": \"phone\", \"direction\": \"outbound\", \"subject\": \"Callback\"}")
                    .post(base(instance) + "/api/v1/interactions");
            if (response.statusCode() == 201) {
                return response.path("id");
            }
            // the instance may not have applied this customer's customer.created yet
            if (response.statusCode() != 404 || System.nanoTime() > deadline) {
                throw new AssertionError(instance + " answered " + response.statusCode() + ": " + response.asString());
            }
            sleep(200);
        }
    }

    /** interaction.logged events on the topic, by interaction id. */
    private static Map<String, List<String>> logged(List<ConsumerRecord<String, String>> records) {
        Map<String, List<String>> byInteraction = new HashMap<>();
        Pattern id = Pattern.compile("\"interactionId\"\\s*:\\s*\"([^\"]+)\"");
        for (ConsumerRecord<String, String> record : records) {
            if (!"clientbook.interaction.logged.v1".equals(TopicProbe.headers(record).get("ce_type"))) {
                continue;
            }
            Matcher m = id.matcher(record.value());
            if (m.find()) {
                byInteraction.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(TopicProbe.headers(record).get("ce_id"));
            }
        }
        return byInteraction;
    }

    private static double slaWatch(String instance, String outcome) {
        try {
            return sum(metrics(instance), "clientbook_scheduled_job_runs_total", "job=\"sla-watch\"", "outcome=\"" + outcome + "\"");
        } catch (RuntimeException unreachable) {
            return 0;
        }
    }

    private static String metrics(String instance) {
        return given().get(base(instance) + "/q/metrics").then().statusCode(200).extract().asString();
    }

    /** Sum of a Prometheus metric's samples whose labels contain every one of {@code labels}. */
    private static double sum(String exposition, String metric, String... labels) {
        double total = 0;
        Matcher sample = SAMPLE.matcher(exposition);
        while (sample.find()) {
            if (sample.group(1).equals(metric) && List.of(labels).stream().allMatch(sample.group(2)::contains)) {
                total += Double.parseDouble(sample.group(3));
            }
        }
        return total;
    }

    private static String base(String instance) {
        return "http://127.0.0.1:" + suite.port(instance);
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(suite.jdbcUrl("interaction"), PostgresServer.USER, "");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
