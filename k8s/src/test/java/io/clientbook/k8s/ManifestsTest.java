package io.clientbook.k8s;

import io.clientbook.devstack.launcher.Suite;
import io.clientbook.events.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.clientbook.k8s.Manifests.DATABASES;
import static io.clientbook.k8s.Manifests.ROOT;
import static io.clientbook.k8s.Manifests.SERVICES;
import static io.clientbook.k8s.Manifests.all;
import static io.clientbook.k8s.Manifests.custom;
import static io.clientbook.k8s.Manifests.named;
import static io.clientbook.k8s.Manifests.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code kubectl apply -k k8s/overlays/<env>} would create, checked object by object: everything parses
 * into the Kubernetes model, every Deployment is hardened, probed, bounded, budgeted and autoscaled, every
 * topic the code uses has its KafkaTopic, every setting the services read reaches them, only the gateway is
 * exposed, and what monitoring watches exists in the code and in the runbook.
 */
class ManifestsTest {

    private static final Set<String> BUILT_IN_API_VERSIONS = Set.of("v1", "apps/v1", "policy/v1", "autoscaling/v2",
            "networking.k8s.io/v1");

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void everyObjectParsesIntoTheKubernetesModelWithoutUnknownFields(String overlay) {
        List<HasMetadata> objects = render(overlay);
        assertTrue(objects.size() > 20, overlay + " renders the suite");
        for (HasMetadata object : objects) {
            String id = object.getKind() + "/" + object.getMetadata().getName();
            if (BUILT_IN_API_VERSIONS.contains(object.getApiVersion())) {
                assertFalse(object instanceof GenericKubernetesResource, id + " is not a known " + object.getApiVersion() + " kind");
            }
            assertEquals(List.of(), Manifests.unknownFields(object, id), "fields Kubernetes would reject");
            assertEquals(overlay.endsWith("prod") ? "clientbook" : "clientbook-dev", object.getMetadata().getNamespace(), id);
            assertEquals("clientbook", object.getMetadata().getLabels().get("app.kubernetes.io/part-of"), id);
        }
        Set<String> deployments = all(objects, Deployment.class).stream().map(d -> d.getMetadata().getName()).collect(Collectors.toSet());
        assertEquals(Set.copyOf(SERVICES), deployments);
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void everyDeploymentIsHardenedProbedAndBounded(String overlay) throws IOException {
        List<HasMetadata> objects = render(overlay);
        Duration drain = shutdownDelay(objects).plus(shutdownTimeout());
        for (Deployment deployment : all(objects, Deployment.class)) {
            String name = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), name + " runs as non-root");
            assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), name);
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), name + " needs no API token");
            assertTrue(pod.getTerminationGracePeriodSeconds() > drain.toSeconds(),
                    name + ": the grace period covers the shutdown delay and timeout (" + drain + ")");
            assertNull(deployment.getSpec().getReplicas(), name + ": the HorizontalPodAutoscaler owns the replica count");
            assertEquals(0, deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal(),
                    name + ": a rolling update never goes below the running count");
            assertEquals(1, pod.getContainers().size());
            Container container = pod.getContainers().getFirst();
            assertEquals("clientbook/" + name, container.getImage().substring(0, container.getImage().lastIndexOf(':')));
            assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem(), name);
            assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation(), name);
            assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop(), name);
            assertTrue(container.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")),
                    name + ": /tmp is writable for Vert.x and the JVM");
            for (String resource : List.of("cpu", "memory")) {
                assertNotNull(container.getResources().getRequests().get(resource), name + " requests " + resource);
                assertNotNull(container.getResources().getLimits().get(resource), name + " limits " + resource);
            }
            assertProbe(container.getStartupProbe(), "/q/health/started", name);
            assertProbe(container.getLivenessProbe(), "/q/health/live", name);
            assertProbe(container.getReadinessProbe(), "/q/health/ready", name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void everyDeploymentHasADisruptionBudgetAndAnAutoscaler(String overlay) {
        List<HasMetadata> objects = render(overlay);
        boolean prod = overlay.endsWith("prod");
        for (Deployment deployment : all(objects, Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            PodDisruptionBudget budget = named(objects, PodDisruptionBudget.class, name);
            assertTrue(podLabels.entrySet().containsAll(budget.getSpec().getSelector().getMatchLabels().entrySet()),
                    name + ": the budget selects the pods");
            assertNotNull(budget.getSpec().getMaxUnavailable(), name);
            HorizontalPodAutoscaler autoscaler = named(objects, HorizontalPodAutoscaler.class, name);
            assertEquals("Deployment", autoscaler.getSpec().getScaleTargetRef().getKind());
            assertEquals(name, autoscaler.getSpec().getScaleTargetRef().getName());
            assertTrue(autoscaler.getSpec().getMaxReplicas() >= autoscaler.getSpec().getMinReplicas());
            if (prod) {
                assertTrue(autoscaler.getSpec().getMinReplicas() >= 2, name + " keeps two replicas in prod");
                var antiAffinity = deployment.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                        .getPreferredDuringSchedulingIgnoredDuringExecution().getFirst().getPodAffinityTerm();
                assertEquals("kubernetes.io/hostname", antiAffinity.getTopologyKey());
                assertEquals(name, antiAffinity.getLabelSelector().getMatchLabels().get("app.kubernetes.io/name"));
                assertFalse(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints().isEmpty(), name);
            } else {
                assertEquals(1, autoscaler.getSpec().getMaxReplicas(), name + " runs one replica in dev");
            }
        }
    }

    @Test
    void everyTopicTheCodeUsesHasAKafkaTopicInProd() throws Exception {
        Map<String, GenericKubernetesResource> declared = custom(render("overlays/prod"), "KafkaTopic").stream()
                .collect(Collectors.toMap(t -> (String) spec(t).get("topicName"), t -> t));
        Set<String> used = topicsInTheCode();
        assertTrue(used.size() >= 8, "topics found: " + used);
        assertEquals(new TreeSet<>(used), new TreeSet<>(declared.keySet()), "a KafkaTopic for each topic in use, and no other");
        for (var topic : declared.entrySet()) {
            Map<String, Object> spec = spec(topic.getValue());
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) spec.get("config");
            assertEquals("clientbook", topic.getValue().getMetadata().getLabels().get("strimzi.io/cluster"), topic.getKey());
            assertEquals(3, spec.get("replicas"), topic.getKey());
            assertEquals(2, config.get("min.insync.replicas"), topic.getKey() + ": acks=all survives one broker down");
            assertNotNull(config.get("retention.ms"), topic.getKey());
            assertTrue((Integer) spec.get("partitions") >= 3, topic.getKey());
        }
        // analytics projections are rebuilt by replaying these: they must keep everything
        for (String replayed : List.of(Topics.CUSTOMERS, Topics.INTERACTIONS)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) spec(declared.get(replayed)).get("config");
            assertEquals(-1, config.get("retention.ms"), replayed + " is kept forever");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void everySettingTheServicesReadFromTheirEnvironmentReachesThem(String overlay, @TempDir Path home) throws IOException {
        List<HasMetadata> objects = render(overlay);
        Suite launcher = new Suite(ROOT, home, "127.0.0.1", 8080, line -> { });
        String operations = Files.readString(ROOT.resolve("docs/operations.md"));
        for (String service : SERVICES) {
            Set<String> required = new TreeSet<>(launcher.environment(service).keySet());
            required.remove("QUARKUS_HTTP_HOST"); // ./crm binds to loopback; in a pod the default (all interfaces) is right
            required.addAll(List.of("MP_JWT_VERIFY_ISSUER", "MP_JWT_VERIFY_AUDIENCES")); // development values otherwise
            if (DATABASES.containsKey(service)) {
                required.add("QUARKUS_DATASOURCE_PASSWORD"); // the embedded PostgreSQL trusts local connections
            }
            required.addAll(placeholdersWithoutDefault(service));

            Container container = named(objects, Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().getFirst();
            Set<String> provided = new TreeSet<>();
            for (EnvVar variable : container.getEnv()) {
                provided.add(variable.getName());
                if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                    String secret = variable.getValueFrom().getSecretKeyRef().getName();
                    assertTrue(operations.contains("`" + secret + "`"), "docs/operations.md names the Secret " + secret);
                }
            }
            for (EnvFromSource source : container.getEnvFrom()) {
                assertNotNull(source.getConfigMapRef(), service + ": environment from ConfigMaps only (Secrets key by key)");
                ConfigMap map = named(objects, ConfigMap.class, source.getConfigMapRef().getName());
                if (map.getData() != null) {
                    provided.addAll(map.getData().keySet());
                }
            }
            Set<String> missing = new TreeSet<>(required);
            missing.removeAll(provided);
            assertEquals(Set.of(), missing, service + " reads these from its environment, and " + overlay + " gives none of them");
            for (String name : provided) {
                assertTrue(operations.contains("`" + name + "`"), "docs/operations.md documents " + name + " (" + service + ")");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void onlyTheGatewaysApiIsReachableFromOutside(String overlay) {
        List<HasMetadata> objects = render(overlay);
        for (Service service : all(objects, Service.class)) {
            String type = service.getSpec().getType();
            assertTrue(type == null || type.equals("ClusterIP"), service.getMetadata().getName() + " is cluster-internal");
        }
        List<Ingress> ingresses = all(objects, Ingress.class);
        assertEquals(1, ingresses.size());
        List<HTTPIngressPath> paths = ingresses.getFirst().getSpec().getRules().stream()
                .flatMap(rule -> rule.getHttp().getPaths().stream()).toList();
        for (HTTPIngressPath path : paths) {
            assertEquals("gateway", path.getBackend().getService().getName());
            assertFalse(path.getPath().equals("/") || path.getPath().startsWith("/q/health") || path.getPath().startsWith("/q/metrics"),
                    path.getPath() + " must stay inside the cluster");
        }
        if (overlay.endsWith("prod")) {
            assertFalse(ingresses.getFirst().getSpec().getTls().isEmpty(), "prod serves TLS");
        }

        NetworkPolicy deny = named(objects, NetworkPolicy.class, "clientbook-default-deny");
        assertEquals(Map.of("app.kubernetes.io/part-of", "clientbook"), deny.getSpec().getPodSelector().getMatchLabels());
        assertEquals(Set.of("Ingress", "Egress"), Set.copyOf(deny.getSpec().getPolicyTypes()));
        assertTrue(deny.getSpec().getIngress().isEmpty() && deny.getSpec().getEgress().isEmpty());
        // the only policy admitting traffic from any namespace selects the gateway
        for (NetworkPolicy policy : all(objects, NetworkPolicy.class)) {
            boolean fromAnywhere = policy.getSpec().getIngress().stream().flatMap(rule -> rule.getFrom().stream())
                    .anyMatch(peer -> peer.getNamespaceSelector() != null && peer.getNamespaceSelector().getMatchLabels().isEmpty()
                            && (peer.getNamespaceSelector().getMatchExpressions() == null
                                || peer.getNamespaceSelector().getMatchExpressions().isEmpty()));
            if (fromAnywhere) {
                assertEquals(Map.of("app.kubernetes.io/name", "gateway"), policy.getSpec().getPodSelector().getMatchLabels(),
                        policy.getMetadata().getName());
            }
        }
        NetworkPolicy services = named(objects, NetworkPolicy.class, "services-ingress");
        List<NetworkPolicyPeer> peers = services.getSpec().getIngress().getFirst().getFrom();
        assertEquals(Map.of("app.kubernetes.io/name", "gateway"), peers.get(0).getPodSelector().getMatchLabels());
        assertEquals(Map.of("kubernetes.io/metadata.name", "monitoring"), peers.get(1).getNamespaceSelector().getMatchLabels());
        for (String service : DATABASES.keySet()) { // every backend is covered by the services policies
            Map<String, String> labels = named(objects, Deployment.class, service).getSpec().getTemplate().getMetadata().getLabels();
            assertTrue(labels.entrySet().containsAll(services.getSpec().getPodSelector().getMatchLabels().entrySet()), service);
        }
    }

    @Test
    void monitoringScrapesEveryServiceAndAlertsOnMetricsTheCodeRegisters() throws IOException {
        List<HasMetadata> objects = render("overlays/prod");
        GenericKubernetesResource monitor = custom(objects, "ServiceMonitor").getFirst();
        @SuppressWarnings("unchecked")
        Map<String, String> selector = (Map<String, String>) ((Map<String, Object>) spec(monitor).get("selector")).get("matchLabels");
        @SuppressWarnings("unchecked")
        Map<String, Object> endpoint = ((List<Map<String, Object>>) spec(monitor).get("endpoints")).getFirst();
        assertEquals("/q/metrics", endpoint.get("path"));
        assertEquals("/q/metrics", sharedSetting("quarkus.micrometer.export.prometheus.path"));
        for (Service service : all(objects, Service.class)) {
            assertTrue(service.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()), service.getMetadata().getName());
            assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> endpoint.get("port").equals(p.getName())));
        }

        String operations = Files.readString(ROOT.resolve("docs/operations.md"));
        Set<String> registered = metricsInTheCode();
        GenericKubernetesResource rules = custom(objects, "PrometheusRule").getFirst();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> alerts = ((List<Map<String, Object>>) spec(rules).get("groups")).stream()
                .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream()).toList();
        assertTrue(alerts.size() >= 4);
        for (Map<String, Object> alert : alerts) {
            String name = (String) alert.get("alert");
            assertTrue(operations.contains("### " + name), "docs/operations.md has a runbook entry for " + name);
            Matcher metric = Pattern.compile("clientbook_[a-z_]+").matcher((String) alert.get("expr"));
            while (metric.find()) {
                String base = metric.group().replaceAll("_(total|seconds|count|sum|max)$", "");
                assertTrue(registered.contains(base), name + " watches " + metric.group() + ", which no service registers " + registered);
            }
        }
    }

    @Test
    void theCloudNativePgComponentProvidesTheSecretsTheDeploymentsRead() throws IOException {
        Path kustomization = Files.createDirectories(Manifests.K8S.resolve("target/with-cloudnative-pg"));
        Files.writeString(kustomization.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                - ../../overlays/prod
                components:
                - ../../components/cloudnative-pg
                """);
        List<HasMetadata> objects = render("target/with-cloudnative-pg");
        List<GenericKubernetesResource> clusters = custom(objects, "Cluster");
        assertEquals(3, clusters.size());
        for (var entry : DATABASES.entrySet()) {
            GenericKubernetesResource cluster = clusters.stream()
                    .filter(c -> c.getMetadata().getName().equals(entry.getValue() + "-db")).findFirst().orElseThrow();
            @SuppressWarnings("unchecked")
            Map<String, Object> initdb = (Map<String, Object>) ((Map<String, Object>) spec(cluster).get("bootstrap")).get("initdb");
            assertEquals(entry.getValue(), initdb.get("database"));
            Set<String> secrets = named(objects, Deployment.class, entry.getKey()).getSpec().getTemplate().getSpec().getContainers()
                    .getFirst().getEnv().stream().filter(v -> v.getName().startsWith("QUARKUS_DATASOURCE_"))
                    .filter(v -> v.getValueFrom() != null && v.getValueFrom().getSecretKeyRef() != null)
                    .map(v -> v.getValueFrom().getSecretKeyRef().getName()).collect(Collectors.toSet());
            assertEquals(Set.of(cluster.getMetadata().getName() + "-app"), secrets, "CloudNativePG writes <cluster>-app");
        }
    }

    @Test
    void thePiiKeysComeFromASecretNeverFromAConfigMap() {
        for (String overlay : List.of("overlays/dev", "overlays/prod")) {
            List<HasMetadata> objects = render(overlay);
            var env = named(objects, Deployment.class, "customer-service").getSpec().getTemplate().getSpec().getContainers()
                    .getFirst().getEnv();
            for (String variable : List.of("CLIENTBOOK_PII_KEYS", "CLIENTBOOK_PII_INDEX_KEYS")) {
                var value = env.stream().filter(v -> v.getName().equals(variable)).findFirst().orElseThrow(() -> new AssertionError(variable));
                assertEquals("customer-service-pii", value.getValueFrom().getSecretKeyRef().getName(), overlay + " " + variable);
            }
            for (var map : objects.stream().filter(o -> o instanceof io.fabric8.kubernetes.api.model.ConfigMap)
                    .map(o -> (io.fabric8.kubernetes.api.model.ConfigMap) o).toList()) {
                assertTrue(map.getData() == null || map.getData().keySet().stream().noneMatch(k -> k.contains("PII_KEYS") || k.contains("PII_INDEX_KEYS")),
                        overlay + ": " + map.getMetadata().getName() + " must not hold keys");
            }
        }
    }

    // --- what the code uses ------------------------------------------------------------------------------

    /** The topic constants in events/Topics and every topic a service's configuration names. */
    static Set<String> topicsInTheCode() throws IllegalAccessException, IOException {
        Set<String> topics = new HashSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                topics.add((String) field.get(null));
            }
        }
        for (String service : DATABASES.keySet()) {
            Properties properties = applicationProperties(service);
            properties.stringPropertyNames().stream().filter(key -> key.endsWith(".topic"))
                    .map(properties::getProperty).forEach(topics::add);
        }
        return topics;
    }

    /** The Micrometer meter names (as Prometheus spells them) registered anywhere in the main sources. */
    private static Set<String> metricsInTheCode() throws IOException {
        Set<String> names = new HashSet<>();
        Pattern meter = Pattern.compile("\"(clientbook\\.[a-z.]+)\"");
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")).toList()) {
                Matcher m = meter.matcher(Files.readString(file));
                while (m.find()) {
                    String name = m.group(1).replace('.', '_');
                    names.add(name);
                    names.add(name + "_seconds"); // gauges and timers with a base unit of seconds
                }
            }
        }
        return names;
    }

    /** Environment-style placeholders ({@code ${NAME}}) a service's configuration needs and has no default for. */
    private static Set<String> placeholdersWithoutDefault(String service) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}").matcher(
                Files.readString(ROOT.resolve(service).resolve("src/main/resources/application.properties")));
        while (placeholder.find()) {
            names.add(placeholder.group(1));
        }
        return names;
    }

    private static Properties applicationProperties(String service) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(ROOT.resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    private static String sharedSetting(String key) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(ROOT.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"))) {
            properties.load(in);
        }
        return properties.getProperty(key);
    }

    private static Duration shutdownDelay(List<HasMetadata> objects) {
        return Duration.parse("PT" + named(objects, ConfigMap.class, "clientbook-common").getData().get("QUARKUS_SHUTDOWN_DELAY").toUpperCase());
    }

    private static Duration shutdownTimeout() throws IOException {
        Duration shared = Duration.parse("PT" + sharedSetting("quarkus.shutdown.timeout").toUpperCase());
        Properties gateway = applicationProperties("gateway");
        Duration atTheGateway = Duration.parse("PT" + gateway.getProperty("quarkus.shutdown.timeout").toUpperCase());
        return shared.compareTo(atTheGateway) >= 0 ? shared : atTheGateway;
    }

    private static void assertProbe(Probe probe, String path, String deployment) {
        assertNotNull(probe, deployment + " probes " + path);
        assertEquals(path, probe.getHttpGet().getPath(), deployment);
        assertEquals("http", probe.getHttpGet().getPort().getStrVal(), deployment);
    }

    private static void assertNull(Object value, String message) {
        assertEquals(null, value, message);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }
}
