package io.clientbook.devstack.launcher;

import io.clientbook.devstack.auth.DevKeys;
import io.clientbook.devstack.auth.DevPiiKeys;
import io.clientbook.devstack.infra.FreePorts;
import io.clientbook.devstack.infra.PostgresServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The whole Clientbook suite on the embedded stack: PostgreSQL, Kafka and the four services, each its own
 * process, with state under a home directory ({@code .crm/}). Used by {@code ./crm} and by the end-to-end
 * tests, so both start the suite the same way.
 */
public final class Suite {

    public static final String POSTGRES = "postgres";
    public static final String KAFKA = "kafka";
    public static final String CUSTOMER_SERVICE = "customer-service";
    public static final String INTERACTION_SERVICE = "interaction-service";
    public static final String ANALYTICS_SERVICE = "analytics-service";
    public static final String GATEWAY = "gateway";
    /** Start order; stopping goes the other way. */
    public static final List<String> COMPONENTS =
            List.of(POSTGRES, KAFKA, CUSTOMER_SERVICE, INTERACTION_SERVICE, ANALYTICS_SERVICE, GATEWAY);
    private static final List<String> BACKEND_SERVICES = List.of(CUSTOMER_SERVICE, INTERACTION_SERVICE, ANALYTICS_SERVICE);
    /** Each service owns one database. */
    public static final Map<String, String> DATABASES = Map.of(
            CUSTOMER_SERVICE, "customer", INTERACTION_SERVICE, "interaction", ANALYTICS_SERVICE, "analytics");

    private static final Duration INFRA_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(150);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Path root;
    private final Path home;
    private final Path runDir;
    private final Path logDir;
    private final String httpHost;
    private final int gatewayPort;
    private final Consumer<String> progress;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param root        the repository (where the services' built jars are)
     * @param home        where state lives ({@code .crm/}: data, keys, logs, pid records)
     * @param gatewayPort the one fixed port; every other port is picked free and remembered
     * @param progress    receives one line per step, for people watching
     */
    public Suite(Path root, Path home, String httpHost, int gatewayPort, Consumer<String> progress) {
        this.root = root.toAbsolutePath().normalize();
        this.home = home.toAbsolutePath().normalize();
        this.runDir = this.home.resolve("run");
        this.logDir = this.home.resolve("logs");
        this.httpHost = httpHost;
        this.gatewayPort = gatewayPort;
        this.progress = progress;
    }

    public Path home() {
        return home;
    }

    public DevKeys keys() {
        return DevKeys.loadOrCreate(home.resolve("keys"));
    }

    public String gatewayUrl() {
        return "http://" + ("127.0.0.1".equals(httpHost) || "0.0.0.0".equals(httpHost) ? "localhost" : httpHost) + ":" + gatewayPort;
    }

    /** The port a component listens on (picked on first start, kept while free). */
    public int port(String component) {
        Integer port = ports().get(component);
        return port != null ? port : instancePort(component);
    }

    public String jdbcUrl(String database) {
        return PostgresServer.jdbcUrl(port(POSTGRES), database);
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + port(KAFKA);
    }

    /** Names of the components whose process runs now. */
    public List<String> running() {
        return COMPONENTS.stream().filter(c -> RunRecord.load(runDir, c).flatMap(RunRecord::process).isPresent()).toList();
    }

    /** Starts every component that is not running yet, in order, waiting for each to be ready. */
    public void start() throws LaunchException {
        requireBuilt();
        List<String> running = running();
        if (!running.contains(GATEWAY) && !FreePorts.isFree(gatewayPort)) {
            throw new LaunchException(GATEWAY, logFile(GATEWAY), "port " + gatewayPort
                    + " is taken by another program; set CRM_HTTP_PORT to a free port");
        }
        keys();
        List<String> started = new ArrayList<>();
        try {
            for (String infra : List.of(POSTGRES, KAFKA)) {
                if (!running.contains(infra)) {
                    started.add(infra);
                    launch(infra);
                }
            }
            List<String> services = BACKEND_SERVICES.stream().filter(s -> !running.contains(s)).toList();
            started.addAll(services);
            services.forEach(this::launchProcess);
            awaitAll(services);
            if (!running.contains(GATEWAY)) {
                started.add(GATEWAY);
                launch(GATEWAY);
            }
        } catch (LaunchException | RuntimeException e) {
            progress.accept("Stopping what was started ...");
            stop(started);
            throw e;
        }
    }

    /** Starts one component (that is not running) and waits until it is ready. */
    public void launch(String name) throws LaunchException {
        launchProcess(name);
        awaitAll(List.of(name));
    }

    /**
     * Starts further instances of a backend service beside the first, all at once, and waits until each is
     * ready: names are {@code <service>-2}, {@code <service>-3} ..., each with its own free port and log, the
     * same database and Kafka. For scaling tests; {@link #stop(String)} stops one.
     */
    public List<String> launchInstances(String service, int... numbers) throws LaunchException {
        if (!DATABASES.containsKey(service)) {
            throw new IllegalArgumentException(service + " is not a backend service");
        }
        List<String> names = java.util.Arrays.stream(numbers).mapToObj(n -> instanceName(service, n)).toList();
        names.forEach(this::launchProcess);
        awaitAll(names);
        return names;
    }

    /** The component name of a service's n-th instance (the first is the service's own name). */
    public static String instanceName(String service, int number) {
        return number <= 1 ? service : service + "-" + number;
    }

    /**
     * The environment the launcher gives a component: for a service, the settings it reads from its
     * environment on the embedded stack (what a Kubernetes Deployment must provide too).
     */
    public Map<String, String> environment(String name) {
        return Map.copyOf(component(name).environment());
    }

    /** The process id of a running component or instance. */
    public Optional<Long> pid(String name) {
        return RunRecord.load(runDir, name).flatMap(RunRecord::process).map(ProcessHandle::pid);
    }

    /** Stops one component or instance gracefully (SIGTERM, then the grace period) and waits until it exited. */
    public void stop(String name) {
        stopOne(name);
    }

    /** Stops every component, in reverse start order, and returns once their processes have exited. */
    public void stop() {
        List<String> all = new ArrayList<>(COMPONENTS);
        all.addAll(instancePorts.keySet());
        stop(all);
    }

    private void stop(List<String> names) {
        // Front door first, then the services together, then Kafka, then PostgreSQL: each layer may still
        // need the next while it shuts down (services flush their relay and commit offsets).
        List<String> backends = new ArrayList<>(BACKEND_SERVICES);
        backends.addAll(instancePorts.keySet());
        List<List<String>> layers = List.of(List.of(GATEWAY), backends, List.of(KAFKA), List.of(POSTGRES));
        for (List<String> layer : layers) {
            List<String> stopping = layer.stream().filter(names::contains).toList();
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                stopping.forEach(name -> executor.submit(() -> stopOne(name)));
            }
        }
    }

    private void stopOne(String name) {
        Optional<RunRecord> record = RunRecord.load(runDir, name);
        if (record.isEmpty()) {
            return;
        }
        record.get().process().ifPresent(process -> {
            long started = System.nanoTime();
            Processes.stop(process, STOP_GRACE);
            progress.accept(String.format("Stopped %s (pid %d) in %.1f s", name, process.pid(), (System.nanoTime() - started) / 1e9));
        });
        awaitPortsClosed(record.get());
        RunRecord.delete(runDir, name);
    }

    /** Kills a component at once (SIGKILL), as a crash would. For failure tests. */
    public void kill(String name) {
        RunRecord.load(runDir, name).flatMap(RunRecord::process).ifPresent(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.onExit().join();
        });
        RunRecord.load(runDir, name).ifPresent(this::awaitPortsClosed);
        RunRecord.delete(runDir, name);
    }

    public record ComponentStatus(String name, String state, List<Integer> ports, Long pid, long residentBytes, Path log) {
    }

    public List<ComponentStatus> status() {
        List<ComponentStatus> result = new ArrayList<>();
        for (String name : COMPONENTS) {
            Optional<RunRecord> record = RunRecord.load(runDir, name);
            Optional<ProcessHandle> process = record.flatMap(RunRecord::process);
            if (process.isEmpty()) {
                result.add(new ComponentStatus(name, record.isPresent() ? "exited" : "stopped", List.of(), null, 0, logFile(name)));
                continue;
            }
            boolean ready = component(name).ready().getAsBoolean();
            result.add(new ComponentStatus(name, ready ? "ready" : "starting", record.get().ports(),
                    process.get().pid(), Processes.residentBytes(process.get()), logFile(name)));
        }
        return result;
    }

    // --- starting -------------------------------------------------------------------------------------

    private void requireBuilt() throws LaunchException {
        for (String service : List.of(CUSTOMER_SERVICE, INTERACTION_SERVICE, ANALYTICS_SERVICE, GATEWAY)) {
            if (!Files.exists(quarkusRunJar(service))) {
                throw new LaunchException(service, quarkusRunJar(service), service + " is not built: run ./mvnw package -DskipTests");
            }
        }
    }

    private Path quarkusRunJar(String service) {
        return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private Path logFile(String name) {
        return logDir.resolve(name + ".log");
    }

    private void launchProcess(String name) {
        Component component = component(name);
        for (int port : component.ports()) {
            if (!FreePorts.isFree(port)) {
                throw new UncheckedIOException(new IOException(name + ": port " + port + " is taken"));
            }
        }
        try {
            Files.createDirectories(logDir);
            Path log = logFile(name);
            Files.writeString(log, "=== " + Instant.now() + " starting " + name + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            List<String> command = new ArrayList<>();
            if (new File("/usr/bin/setsid").canExecute()) {
                command.add("/usr/bin/setsid"); // its own session: a terminal's Ctrl-C reaches only the launcher
            }
            command.addAll(component.command());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(component.workingDirectory().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(component.environment());
            Process process = builder.start();
            new RunRecord(name, process.pid(), process.info().startInstant().orElse(Instant.EPOCH), component.ports(), log)
                    .save(runDir);
            progress.accept("Starting " + name + " (pid " + process.pid() + ", port " + component.port() + ", log "
                    + home.getParent().relativize(log) + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    private void awaitAll(List<String> names) throws LaunchException {
        if (names.isEmpty()) {
            return;
        }
        progress.accept("Waiting for " + String.join(", ", names) + " to be ready ...");
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Map<String, Future<?>> waits = new LinkedHashMap<>();
            for (String name : names) {
                waits.put(name, executor.submit(() -> {
                    awaitReady(name);
                    return null;
                }));
            }
            for (var wait : waits.entrySet()) {
                try {
                    wait.getValue().get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof LaunchException launch) {
                        throw launch;
                    }
                    throw new LaunchException(wait.getKey(), logFile(wait.getKey()), String.valueOf(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LaunchException(wait.getKey(), logFile(wait.getKey()), "interrupted");
                }
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private void awaitReady(String name) throws LaunchException, InterruptedException {
        Component component = component(name);
        long started = System.nanoTime();
        long deadline = started + component.startTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            if (RunRecord.load(runDir, name).flatMap(RunRecord::process).isEmpty()) {
                throw new LaunchException(name, logFile(name), name + " exited while starting");
            }
            if (component.ready().getAsBoolean()) {
                progress.accept(String.format("  %s ready in %.1f s", name, (System.nanoTime() - started) / 1e9));
                return;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new LaunchException(name, logFile(name), name + " was not ready within " + component.startTimeout().toSeconds() + " s");
    }

    private void awaitPortsClosed(RunRecord record) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        for (int port : record.ports()) {
            while (FreePorts.isListening(port) && System.nanoTime() < deadline) {
                try {
                    TimeUnit.MILLISECONDS.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (FreePorts.isListening(port)) {
                progress.accept("Warning: port " + port + " of " + record.name() + " is still open");
            }
        }
    }

    // --- what each component is ------------------------------------------------------------------------

    Component component(String name) {
        Map<String, Integer> ports = ports();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        List<String> extraOptions = javaOptions();
        return switch (name) {
            case POSTGRES -> {
                int port = ports.get(POSTGRES);
                List<String> command = new ArrayList<>(List.of(java, "-Xmx160m", "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1", "-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=20"));
                command.addAll(List.of("-cp", classpath, PostgresMain.class.getName(),
                        home.resolve("postgres/data").toString(), Integer.toString(port)));
                command.addAll(DATABASES.values().stream().sorted().toList());
                yield new Component(POSTGRES, List.of(port), command, Map.of(), home,
                        () -> DATABASES.values().stream().allMatch(db -> canConnect(port, db)), INFRA_TIMEOUT);
            }
            case KAFKA -> {
                int port = ports.get(KAFKA);
                int controller = ports.get("kafka-controller");
                List<String> command = new ArrayList<>(List.of(java, "-Xms64m", "-Xmx320m", "-XX:+UseSerialGC",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "-Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info",
                        "-cp", classpath, KafkaMain.class.getName(), home.resolve("kafka/data").toString(),
                        Integer.toString(port), Integer.toString(controller)));
                yield new Component(KAFKA, List.of(port, controller), command, Map.of(), home,
                        () -> kafkaAnswers(port), INFRA_TIMEOUT);
            }
            case GATEWAY -> service(GATEWAY, gatewayPort, java, extraOptions, Map.of(
                    "GATEWAY_SERVICES_CUSTOMER", "http://127.0.0.1:" + ports.get(CUSTOMER_SERVICE),
                    "GATEWAY_SERVICES_INTERACTION", "http://127.0.0.1:" + ports.get(INTERACTION_SERVICE),
                    "GATEWAY_SERVICES_ANALYTICS", "http://127.0.0.1:" + ports.get(ANALYTICS_SERVICE),
                    "KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers(),
                    "QUARKUS_HTTP_HOST", httpHost));
            default -> {
                java.util.regex.Matcher instance = INSTANCE.matcher(name);
                if (instance.matches() && DATABASES.containsKey(instance.group(1))) {
                    String service = instance.group(1);
                    yield service(name, service, instancePort(name), java, extraOptions, Map.of(
                            "QUARKUS_HTTP_HOST", "127.0.0.1",
                            "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(DATABASES.get(service)),
                            "QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER,
                            "KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers()));
                }
                if (!DATABASES.containsKey(name)) {
                    throw new IllegalArgumentException("no component named " + name + "; components are " + COMPONENTS);
                }
                yield service(name, ports.get(name), java, extraOptions, Map.of(
                        "QUARKUS_HTTP_HOST", "127.0.0.1",
                        "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(DATABASES.get(name)),
                        "QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER,
                        "KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers()));
            }
        };
    }

    private Component service(String name, int port, String java, List<String> extraOptions, Map<String, String> specific) {
        return service(name, name, port, java, extraOptions, specific);
    }

    private Component service(String name, String service, int port, String java, List<String> extraOptions,
                              Map<String, String> specific) {
        List<String> command = new ArrayList<>(List.of(java, "-Xmx192m", "-XX:TieredStopAtLevel=1"));
        if (extraOptions.stream().noneMatch(option -> option.matches("-XX:\\+Use\\w+GC"))) {
            command.add("-XX:+UseSerialGC"); // small and quick to start; CRM_JAVA_OPTS may choose another collector
        }
        command.addAll(extraOptions);
        command.addAll(List.of("-jar", quarkusRunJar(service).toString()));
        Map<String, String> environment = new LinkedHashMap<>(specific);
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", home.resolve("keys").resolve(DevKeys.PUBLIC_KEY_FILE).toUri().toString());
        if (CUSTOMER_SERVICE.equals(service)) {
            environment.putAll(DevPiiKeys.loadOrCreate(home.resolve("keys")).environment());
        }
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        BooleanSupplier isReady = () -> httpOk(ready);
        return new Component(name, List.of(port), command, environment, root, isReady, SERVICE_TIMEOUT);
    }

    /** Extra JVM options for the services: CRM_JAVA_OPTS, then the system property clientbook.suite.java-opts (tests). */
    private static List<String> javaOptions() {
        String options = (System.getenv().getOrDefault("CRM_JAVA_OPTS", "") + " "
                + System.getProperty("clientbook.suite.java-opts", "")).trim();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    private boolean httpOk(URI uri) {
        try {
            var response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean canConnect(int port, String database) {
        try (var connection = DriverManager.getConnection(PostgresServer.jdbcUrl(port, database), PostgresServer.USER, "")) {
            return connection.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean kafkaAnswers(int port) {
        if (!FreePorts.isListening(port)) {
            return false;
        }
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(config)) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static final java.util.regex.Pattern INSTANCE = java.util.regex.Pattern.compile("(.+)-(\\d+)");
    private final Map<String, Integer> instancePorts = new java.util.concurrent.ConcurrentHashMap<>();

    /** Further instances get a free port each, for as long as this launcher lives. */
    private int instancePort(String name) {
        return instancePorts.computeIfAbsent(name, n -> FreePorts.pick());
    }

    /** Ports picked once and remembered in {@code ports.properties}; a port taken meanwhile is picked anew. */
    private synchronized Map<String, Integer> ports() {
        Path file = home.resolve("ports.properties");
        Properties saved = new Properties();
        try {
            Files.createDirectories(home);
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    saved.load(in);
                }
            }
            Map<String, Integer> ports = new LinkedHashMap<>();
            boolean changed = false;
            // While any component runs, the others know these ports: keep them, even for one restarted alone.
            boolean suiteRunning = !running().isEmpty();
            for (String key : List.of(POSTGRES, KAFKA, "kafka-controller", CUSTOMER_SERVICE, INTERACTION_SERVICE, ANALYTICS_SERVICE)) {
                String value = saved.getProperty(key);
                int port = value == null ? 0 : Integer.parseInt(value);
                if (port == 0 || (!suiteRunning && !FreePorts.isFree(port))) {
                    port = FreePorts.pick();
                    saved.setProperty(key, Integer.toString(port));
                    changed = true;
                }
                ports.put(key, port);
            }
            ports.put(GATEWAY, gatewayPort);
            if (changed) {
                try (Writer out = Files.newBufferedWriter(file)) {
                    saved.store(out, "Ports of the Clientbook suite (the gateway's comes from CRM_HTTP_PORT)");
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
