package io.clientbook.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The repository's manifests, rendered and parsed into fabric8's Kubernetes model. */
final class Manifests {

    static final Path ROOT = Path.of(System.getProperty("clientbook.root", "..")).toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("k8s");
    static final List<String> SERVICES = List.of("customer-service", "interaction-service", "analytics-service", "gateway");
    static final Map<String, String> DATABASES = Map.of(
            "customer-service", "customer", "interaction-service", "interaction", "analytics-service", "analytics");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Map<Path, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();

    private Manifests() {
    }

    /** An overlay (or any kustomization under k8s/) rendered and parsed. */
    static List<HasMetadata> render(String kustomization) {
        return RENDERED.computeIfAbsent(K8S.resolve(kustomization), dir -> parse(Kustomize.build(dir)));
    }

    static List<HasMetadata> parse(List<Map<String, Object>> objects) {
        List<HasMetadata> parsed = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            try {
                parsed.add(SERIALIZATION.unmarshal(JSON.writeValueAsString(object)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return parsed;
    }

    static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> type, String name) {
        return all(objects, type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name));
    }

    static List<GenericKubernetesResource> custom(List<HasMetadata> objects, String kind) {
        return all(objects, GenericKubernetesResource.class).stream().filter(o -> o.getKind().equals(kind)).toList();
    }

    /**
     * Paths of fields the typed model did not know (fabric8 keeps them as additional properties): a typo such
     * as {@code readinesProbe} lands here instead of failing to parse.
     */
    static List<String> unknownFields(Object node, String path) {
        List<String> unknown = new ArrayList<>();
        if (node == null || node instanceof GenericKubernetesResource) {
            return unknown;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknown.addAll(unknownFields(item, path + "[" + i++ + "]"));
            }
            return unknown;
        }
        if (node instanceof Map<?, ?> || !(node instanceof KubernetesResource)) {
            return unknown;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            try {
                Object value = getter.invoke(node);
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        extra.keySet().forEach(key -> unknown.add(path + "." + key));
                    }
                } else if (value instanceof KubernetesResource || value instanceof Collection<?>) {
                    unknown.addAll(unknownFields(value, path + "." + getter.getName().substring(3)));
                }
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                // a computed getter that needs state the object does not have: not a field
            }
        }
        return unknown;
    }
}
