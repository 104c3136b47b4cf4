package io.clientbook.devstack.launcher;

import io.clientbook.devstack.auth.DevTokens;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The Java side of {@code ./crm}: {@code up [-d]}, {@code down}, {@code status}, {@code token} and {@code import}. The shell
 * script finds a JDK and builds what is stale; this starts, watches and stops the processes.
 */
public final class Crm {

    private static final String USAGE = """
            Usage: ./crm COMMAND
              up [-d]            build what is stale, start PostgreSQL, Kafka and the four services; -d: detached
              down               stop everything ./crm started and wait until it has exited
              status             each component's state, port, pid and resident memory
              token --role ROLE [--subject ID] [--ttl DURATION]
                                 print a signed development JWT (roles: admin, manager, sales, support,
                                 analyst, integrator; ttl like 12h, 30m, 2d or PT1H; default 12h)
              import FILE [--orders] [--mapping JSON]
                                 import an NDJSON or CSV file of customers (or orders) into the running suite,
                                 with a progress bar; refused rows go to FILE.errors.ndjson
            Environment: CRM_HOME (state, default .crm), CRM_HTTP_PORT (gateway, default 8080),
                         CRM_HTTP_HOST (gateway bind address, default 127.0.0.1), CRM_JAVA_OPTS (service JVMs)""";

    private static final java.util.concurrent.atomic.AtomicBoolean STOPPING = new java.util.concurrent.atomic.AtomicBoolean();

    private Crm() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println(USAGE);
            System.exit(2);
        }
        Path root = Path.of(System.getProperty("clientbook.root", ".")).toAbsolutePath().normalize();
        String homeSetting = System.getenv().getOrDefault("CRM_HOME", ".crm");
        Path home = root.resolve(homeSetting).normalize();
        int port = Integer.parseInt(System.getenv().getOrDefault("CRM_HTTP_PORT", "8080"));
        String host = System.getenv().getOrDefault("CRM_HTTP_HOST", "127.0.0.1");
        Suite suite = new Suite(root, home, host, port, line -> System.err.println(line));
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        int exit = switch (args[0]) {
            case "up" -> up(suite, rest.contains("-d") || rest.contains("--detach"));
            case "down" -> down(suite);
            case "status" -> status(suite);
            case "token" -> token(suite, rest);
            case "import" -> ImportCommand.run(suite, rest);
            case "help", "-h", "--help" -> {
                System.out.println(USAGE);
                yield 0;
            }
            default -> {
                System.err.println("Unknown command '" + args[0] + "'.\n" + USAGE);
                yield 2;
            }
        };
        System.exit(exit);
    }

    /** What {@code ./crm up} prints once the suite is ready: where the API, its docs and the metrics are. */
    public static String whereToLook(Suite suite, String adminToken) {
        StringBuilder out = new StringBuilder();
        out.append("Gateway:     ").append(suite.gatewayUrl()).append('\n');
        out.append("Swagger UI:  ").append(suite.gatewayUrl()).append("/q/swagger-ui\n");
        out.append("Metrics:     ").append(suite.gatewayUrl()).append("/q/metrics  (Prometheus text, the gateway's)\n");
        for (String service : List.of(Suite.CUSTOMER_SERVICE, Suite.INTERACTION_SERVICE, Suite.ANALYTICS_SERVICE)) {
            out.append(String.format("             http://localhost:%d/q/metrics  (%s)%n", suite.port(service), service));
        }
        out.append("Admin token: ").append(adminToken).append('\n');
        return out.toString();
    }

    private static int up(Suite suite, boolean detached) {
        List<String> before = suite.running();
        try {
            suite.start();
        } catch (LaunchException e) {
            System.err.println();
            System.err.println("Clientbook did not start: " + e.getMessage());
            System.err.println("  component: " + e.component());
            System.err.println("  log:       " + e.log());
            return 1;
        } catch (RuntimeException e) {
            System.err.println("Clientbook did not start: " + e.getMessage());
            return 1;
        }
        String adminToken = new DevTokens(suite.keys()).forRole("admin");
        System.err.println();
        System.err.println(before.size() == Suite.COMPONENTS.size() ? "Clientbook was already running." : "Clientbook is ready.");
        System.out.print(whereToLook(suite, adminToken));
        System.err.println("Try:  curl -H \"Authorization: Bearer $(./crm token --role admin)\" " + suite.gatewayUrl() + "/api/v1/customers/<id>");
        if (detached) {
            System.err.println("Running in the background; ./crm status shows it, ./crm down stops it.");
            return 0;
        }
        System.err.println("Press Ctrl-C to stop.");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            STOPPING.set(true);
            System.err.println();
            suite.stop();
            System.err.println("Clientbook stopped.");
            stopped.countDown();
        }, "crm-stop"));
        watch(suite, stopped);
        return 0;
    }

    /** In the foreground: says so when a component exits on its own. */
    private static void watch(Suite suite, CountDownLatch stopped) {
        List<String> expected = suite.running();
        try {
            while (!stopped.await(2, TimeUnit.SECONDS)) {
                List<String> now = suite.running();
                for (String name : expected) {
                    if (!now.contains(name) && !STOPPING.get()) {
                        System.err.println(name + " exited; see " + suite.home().resolve("logs/" + name + ".log"));
                    }
                }
                expected = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int down(Suite suite) {
        if (suite.running().isEmpty()) {
            System.err.println("Nothing is running.");
        }
        suite.stop();
        System.err.println("Clientbook stopped.");
        return 0;
    }

    /** {@code ./crm import}, for the end-to-end tests: the exit code. */
    public static int importFile(Suite suite, List<String> args) {
        return ImportCommand.run(suite, args);
    }

    private static int status(Suite suite) {
        long total = 0;
        System.out.printf("%-20s %-8s %-13s %-8s %10s%n", "COMPONENT", "STATE", "PORT", "PID", "RSS");
        for (Suite.ComponentStatus s : suite.status()) {
            String ports = s.ports().isEmpty() ? "-" : String.join(",", s.ports().stream().map(String::valueOf).toList());
            System.out.printf("%-20s %-8s %-13s %-8s %10s%n", s.name(), s.state(), ports,
                    s.pid() == null ? "-" : s.pid(), s.pid() == null ? "-" : Processes.formatBytes(s.residentBytes()));
            total += s.residentBytes();
        }
        System.out.printf("%-20s %-8s %-13s %-8s %10s%n", "total", "", "", "", Processes.formatBytes(total));
        return 0;
    }

    private static int token(Suite suite, List<String> args) {
        String role = null;
        String subject = null;
        Duration ttl = DevTokens.DEFAULT_TTL;
        try {
            for (int i = 0; i < args.size(); i++) {
                String value = i + 1 < args.size() ? args.get(i + 1) : null;
                switch (args.get(i)) {
                    case "--role" -> role = required("--role", value);
                    case "--subject" -> subject = required("--subject", value);
                    case "--ttl" -> ttl = parseDuration(required("--ttl", value));
                    default -> throw new IllegalArgumentException("unknown option " + args.get(i));
                }
                i++;
            }
            if (role == null) {
                throw new IllegalArgumentException("--role is required");
            }
            System.out.println(new DevTokens(suite.keys()).sign(role, subject == null ? "dev-" + role : subject, ttl));
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("crm token: " + e.getMessage());
            return 2;
        }
    }

    private static String required(String option, String value) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /** {@code 90s}, {@code 30m}, {@code 12h}, {@code 2d} or an ISO-8601 duration such as {@code PT1H}. */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            long amount = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new IllegalArgumentException("bad duration '" + text + "' (use 90s, 30m, 12h, 2d or PT1H)");
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("bad duration '" + text + "' (use 90s, 30m, 12h, 2d or PT1H)");
        }
    }
}
