package io.clientbook.k8s;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the features these manifests use:
 * {@code resources} (files and directories), {@code components}, {@code namespace}, {@code labels} (metadata
 * only), {@code images}, and {@code patches} as strategic merge patches (by the patch's kind and name, or on
 * every {@code target}) or JSON 6902 operation lists. Anything else in a kustomization fails loudly, so a
 * manifest never relies on a feature this renderer would silently skip. {@link #kubectl} renders with the real
 * binary where one is installed; a test checks both agree.
 */
final class Kustomize {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "components", "namespace",
            "labels", "images", "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass");
    /** Strategic-merge keys of the lists the patches touch: items with the same key merge, others are added. */
    private static final Map<String, String> MERGE_KEYS = Map.of("containers", "name", "initContainers", "name",
            "env", "name", "volumes", "name", "volumeMounts", "mountPath", "ports", "containerPort");

    private Kustomize() {
    }

    /** Every object the kustomization in {@code directory} builds, in the order they accumulate. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> build(Path directory) {
        Map<String, Object> kustomization = readOne(directory.resolve("kustomization.yaml"));
        for (String field : kustomization.keySet()) {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(directory + ": kustomization field '" + field + "' is not supported here");
            }
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (String resource : (List<String>) kustomization.getOrDefault("resources", List.of())) {
            Path path = directory.resolve(resource).normalize();
            objects.addAll(Files.isDirectory(path) ? build(path) : readAll(path));
        }
        for (String component : (List<String>) kustomization.getOrDefault("components", List.of())) {
            Path path = directory.resolve(component).normalize();
            Map<String, Object> declared = readOne(path.resolve("kustomization.yaml"));
            if (!"Component".equals(declared.get("kind"))) {
                throw new IllegalArgumentException(path + " is listed as a component but is a " + declared.get("kind"));
            }
            objects = transform(path, declared, objects);
        }
        return transform(directory, kustomization, objects);
    }

    /** A component adds its resources to what has accumulated, then transforms the whole. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> transform(Path directory, Map<String, Object> kustomization,
                                                       List<Map<String, Object>> accumulated) {
        List<Map<String, Object>> objects = new ArrayList<>(accumulated);
        if ("Component".equals(kustomization.get("kind"))) {
            for (String resource : (List<String>) kustomization.getOrDefault("resources", List.of())) {
                objects.addAll(readAll(directory.resolve(resource)));
            }
        }
        for (Map<String, Object> patch : (List<Map<String, Object>>) kustomization.getOrDefault("patches", List.of())) {
            applyPatch(directory, patch, objects);
        }
        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            objects.stream().filter(o -> !CLUSTER_SCOPED.contains(o.get("kind")))
                    .forEach(o -> metadata(o).put("namespace", namespace));
        }
        for (Map<String, Object> label : (List<Map<String, Object>>) kustomization.getOrDefault("labels", List.of())) {
            if (Boolean.TRUE.equals(label.get("includeSelectors")) || Boolean.TRUE.equals(label.get("includeTemplates"))) {
                throw new IllegalArgumentException(directory + ": labels with selectors or templates are not supported here");
            }
            Map<String, Object> pairs = (Map<String, Object>) label.get("pairs");
            for (Map<String, Object> object : objects) {
                Map<String, Object> labels = (Map<String, Object>) metadata(object).computeIfAbsent("labels", k -> new LinkedHashMap<>());
                labels.putAll(pairs);
            }
        }
        for (Map<String, Object> image : (List<Map<String, Object>>) kustomization.getOrDefault("images", List.of())) {
            objects.forEach(object -> retag(object, image));
        }
        return objects;
    }

    // --- patches -------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static void applyPatch(Path directory, Map<String, Object> entry, List<Map<String, Object>> objects) {
        String text = entry.containsKey("path")
                ? read(directory.resolve((String) entry.get("path"))) : (String) entry.get("patch");
        Object patch = parse(text);
        Map<String, Object> target = (Map<String, Object>) entry.get("target");
        List<Map<String, Object>> targets = new ArrayList<>();
        if (target != null) {
            objects.stream().filter(o -> selected(o, target)).forEach(targets::add);
        } else if (patch instanceof Map<?, ?> map) {
            Map<String, Object> strategic = (Map<String, Object>) map;
            objects.stream().filter(o -> Objects.equals(o.get("kind"), strategic.get("kind"))
                    && Objects.equals(metadata(o).get("name"), metadata(strategic).get("name"))).forEach(targets::add);
        } else {
            throw new IllegalArgumentException(directory + ": a JSON 6902 patch needs a target");
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException(directory + ": patch " + entry + " matches nothing");
        }
        for (Map<String, Object> object : targets) {
            if (patch instanceof List<?> operations) {
                for (Object operation : operations) {
                    jsonPatch(object, (Map<String, Object>) operation);
                }
            } else {
                Map<String, Object> strategic = copy((Map<String, Object>) patch);
                if (target != null) { // a patch applied to several targets keeps each target's name
                    metadata(strategic).put("name", metadata(object).get("name"));
                }
                merge(object, strategic);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static boolean selected(Map<String, Object> object, Map<String, Object> target) {
        if (target.containsKey("kind") && !target.get("kind").equals(object.get("kind"))) {
            return false;
        }
        if (target.containsKey("name") && !((String) metadata(object).get("name")).matches((String) target.get("name"))) {
            return false;
        }
        if (target.containsKey("labelSelector")) {
            Map<String, Object> labels = (Map<String, Object>) metadata(object).getOrDefault("labels", Map.of());
            for (String requirement : ((String) target.get("labelSelector")).split(",")) {
                String[] pair = requirement.split("=", 2);
                if (!pair[1].trim().equals(labels.get(pair[0].trim()))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Strategic merge: maps merge key by key, a null deletes, known lists merge by their key, others are replaced. */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> into, Map<String, Object> patch) {
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            Object current = into.get(entry.getKey());
            Object change = entry.getValue();
            if (change == null) {
                into.remove(entry.getKey());
            } else if (change instanceof Map<?, ?> changeMap && current instanceof Map<?, ?> currentMap) {
                merge((Map<String, Object>) currentMap, (Map<String, Object>) changeMap);
            } else if (change instanceof List<?> changeList && current instanceof List<?> currentList
                    && MERGE_KEYS.containsKey(entry.getKey())) {
                String key = MERGE_KEYS.get(entry.getKey());
                List<Object> merged = new ArrayList<>(currentList);
                for (Object item : changeList) {
                    Map<String, Object> patchItem = (Map<String, Object>) item;
                    Map<String, Object> existing = merged.stream().map(m -> (Map<String, Object>) m)
                            .filter(m -> Objects.equals(m.get(key), patchItem.get(key))).findFirst().orElse(null);
                    if (existing == null) {
                        merged.add(copy(patchItem));
                    } else {
                        merge(existing, patchItem);
                    }
                }
                into.put(entry.getKey(), merged);
            } else {
                into.put(entry.getKey(), copy(change));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void jsonPatch(Map<String, Object> object, Map<String, Object> operation) {
        String op = (String) operation.get("op");
        List<String> path = new ArrayList<>(List.of(((String) operation.get("path")).substring(1).split("/")));
        String last = path.removeLast().replace("~1", "/").replace("~0", "~");
        Object parent = object;
        for (String step : path) {
            String key = step.replace("~1", "/").replace("~0", "~");
            parent = parent instanceof List<?> list ? list.get(Integer.parseInt(key)) : ((Map<String, Object>) parent).get(key);
            if (parent == null) {
                throw new IllegalArgumentException("no " + operation.get("path") + " in " + metadata(object).get("name"));
            }
        }
        Object value = copy(operation.get("value"));
        switch (op) {
            case "add", "replace" -> {
                if (parent instanceof List<?> list) {
                    List<Object> items = (List<Object>) list;
                    if ("-".equals(last)) {
                        items.add(value);
                    } else if ("add".equals(op)) {
                        items.add(Integer.parseInt(last), value);
                    } else {
                        items.set(Integer.parseInt(last), value);
                    }
                } else {
                    Map<String, Object> map = (Map<String, Object>) parent;
                    if ("replace".equals(op) && !map.containsKey(last)) {
                        throw new IllegalArgumentException("replace of a missing " + operation.get("path"));
                    }
                    map.put(last, value);
                }
            }
            case "remove" -> {
                if (parent instanceof List<?> list) {
                    ((List<Object>) list).remove(Integer.parseInt(last));
                } else {
                    ((Map<String, Object>) parent).remove(last);
                }
            }
            default -> throw new IllegalArgumentException("JSON patch op '" + op + "' is not supported here");
        }
    }

    @SuppressWarnings("unchecked")
    private static void retag(Object node, Map<String, Object> image) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
                if ((entry.getKey().equals("containers") || entry.getKey().equals("initContainers"))
                        && entry.getValue() instanceof List<?> containers) {
                    for (Object container : containers) {
                        Map<String, Object> c = (Map<String, Object>) container;
                        String current = (String) c.get("image");
                        int colon = current.lastIndexOf(':');
                        String name = colon > current.lastIndexOf('/') ? current.substring(0, colon) : current;
                        String tag = colon > current.lastIndexOf('/') ? current.substring(colon + 1) : null;
                        if (name.equals(image.get("name"))) {
                            String newName = (String) image.getOrDefault("newName", name);
                            String newTag = (String) image.getOrDefault("newTag", tag);
                            c.put("image", newTag == null ? newName : newName + ":" + newTag);
                        }
                    }
                } else {
                    retag(entry.getValue(), image);
                }
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> retag(item, image));
        }
    }

    // --- kubectl ---------------------------------------------------------------------------------------

    /** {@code kubectl kustomize directory} where kubectl is installed; null when it is not. */
    static List<Map<String, Object>> kubectl(Path directory) {
        Path binary = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst().orElse(null);
        if (binary == null) {
            return null;
        }
        try {
            Process process = new ProcessBuilder(binary.toString(), "kustomize", directory.toString())
                    .redirectErrorStream(false).start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + directory + " failed: " + err);
            }
            return parseAll(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- YAML ------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static Map<String, Object> metadata(Map<String, Object> object) {
        return (Map<String, Object>) object.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
    }

    static List<Map<String, Object>> readAll(Path file) {
        return parseAll(read(file));
    }

    static List<Map<String, Object>> parseAll(String text) {
        try (MappingIterator<Map<String, Object>> documents = YAML.readerFor(new TypeReference<Map<String, Object>>() {
        }).readValues(text)) {
            List<Map<String, Object>> objects = new ArrayList<>();
            while (documents.hasNext()) {
                Map<String, Object> document = documents.next();
                if (document != null && !document.isEmpty()) {
                    objects.add(document);
                }
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> readOne(Path file) {
        List<Map<String, Object>> documents = readAll(file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(file + " should hold one document");
        }
        return documents.getFirst();
    }

    private static Object parse(String text) {
        try {
            return YAML.readValue(text, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T copy(T value) {
        return value == null ? null : (T) YAML.convertValue(value, Object.class);
    }
}
