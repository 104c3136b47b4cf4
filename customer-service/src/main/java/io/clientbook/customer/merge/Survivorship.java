package io.clientbook.customer.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientbook.customer.customer.dto.CustomerInput;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The rules of a merge, as pure functions over the records' API shapes. Single values: the most recently
 * changed non-empty value wins (per field, from the field history; a field nobody changed is as old as its
 * record). Contacts, addresses, tags, external ids and consents: the union, the survivor's first. Custom
 * attributes: the union, each name's value from the record that changed its attributes last. Owner, kind,
 * tier and lifecycle stage stay the survivor's unless it has none.
 *
 * <p>Unmerge takes back what a merged customer brought: list elements only it had, and single values that
 * came from it and nobody has changed since the merge.
 */
final class Survivorship {

    /** A record as the merge sees it: its fields and when each last changed. */
    record Side(UUID id, CustomerInput input, Map<String, Instant> changedAt) {
    }

    private static final Set<String> SURVIVOR_FIRST = Set.of("kind", "ownerId", "tier", "lifecycleStage");
    /** List fields and how two elements are recognised as the same. */
    private static final Map<String, Function<JsonNode, String>> LISTS = Map.of(
            "emails", e -> e.path("address").asText(),
            "phones", p -> p.path("number").asText(),
            "addresses", JsonNode::toString,
            "tags", JsonNode::asText,
            "externalIds", x -> x.path("source").asText() + "\u0000" + x.path("externalId").asText(),
            "consents", c -> c.path("channel").asText() + "\u0000" + c.path("purpose").asText());

    private final ObjectMapper json;

    Survivorship(ObjectMapper json) {
        this.json = json;
    }

    CustomerInput merge(Side survivor, List<Side> merged) {
        List<Side> all = new ArrayList<>();
        all.add(survivor);
        all.addAll(merged);
        List<ObjectNode> trees = all.stream().map(side -> (ObjectNode) json.valueToTree(side.input())).toList();
        ObjectNode result = json.createObjectNode();
        for (String field : CustomerInput.FIELDS) {
            if (LISTS.containsKey(field)) {
                result.set(field, union(field, trees));
            } else if ("customAttributes".equals(field)) {
                result.set(field, attributes(all, trees));
            } else if ("sourceUpdatedAt".equals(field)) {
                result.set(field, latestInstant(trees, field));
            } else if (SURVIVOR_FIRST.contains(field) && !empty(trees.getFirst().get(field))) {
                result.set(field, trees.getFirst().get(field));
            } else {
                result.set(field, mostRecent(field, all, trees));
            }
        }
        onePrimary(result, "emails");
        onePrimary(result, "phones");
        return json.convertValue(result, CustomerInput.class);
    }

    /** The survivor without what {@code mergedBefore} brought to it, where nobody changed that since. */
    CustomerInput unmerge(CustomerInput current, CustomerInput survivorBefore, CustomerInput mergedBefore, CustomerInput survivorAfter) {
        ObjectNode now = json.valueToTree(current);
        ObjectNode before = json.valueToTree(survivorBefore);
        ObjectNode theirs = json.valueToTree(mergedBefore);
        ObjectNode after = json.valueToTree(survivorAfter);
        for (String field : CustomerInput.FIELDS) {
            if (LISTS.containsKey(field)) {
                Function<JsonNode, String> key = LISTS.get(field);
                Set<String> own = keys(before.get(field), key);
                Set<String> brought = keys(theirs.get(field), key);
                ArrayNode kept = json.createArrayNode();
                elements(now.get(field)).forEach(e -> {
                    String k = key.apply(e);
                    if (own.contains(k) || !brought.contains(k)) {
                        kept.add(e);
                    }
                });
                now.set(field, kept);
            } else if ("customAttributes".equals(field)) {
                ObjectNode attributes = now.get(field) instanceof ObjectNode o ? o.deepCopy() : json.createObjectNode();
                JsonNode ownAttributes = before.path(field);
                JsonNode broughtAttributes = theirs.path(field);
                JsonNode mergedAttributes = after.path(field);
                for (Iterator<String> names = broughtAttributes.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (attributes.has(name) && attributes.get(name).equals(mergedAttributes.get(name))
                            && broughtAttributes.get(name).equals(mergedAttributes.get(name))) {
                        if (ownAttributes.has(name)) {
                            attributes.set(name, ownAttributes.get(name));
                        } else {
                            attributes.remove(name);
                        }
                    }
                }
                now.set(field, attributes);
            } else if (!"sourceUpdatedAt".equals(field)) {
                JsonNode was = before.get(field);
                JsonNode made = after.get(field);
                if (!same(was, made) && same(now.get(field), made) && same(theirs.get(field), made)) {
                    now.set(field, was);
                }
            }
        }
        onePrimary(now, "emails");
        onePrimary(now, "phones");
        return json.convertValue(now, CustomerInput.class);
    }

    private ArrayNode union(String field, List<ObjectNode> trees) {
        Function<JsonNode, String> key = LISTS.get(field);
        Map<String, JsonNode> seen = new LinkedHashMap<>();
        for (ObjectNode tree : trees) {
            for (JsonNode element : elements(tree.get(field))) {
                String k = key.apply(element);
                JsonNode kept = seen.get(k);
                if (kept == null) {
                    seen.put(k, element);
                } else if ("consents".equals(field) && later(element.path("at"), kept.path("at"))) {
                    seen.put(k, element); // the latest decision about a channel and purpose stands
                }
            }
        }
        ArrayNode union = json.createArrayNode();
        seen.values().forEach(union::add);
        return union;
    }

    private JsonNode attributes(List<Side> all, List<ObjectNode> trees) {
        ObjectNode result = json.createObjectNode();
        Map<String, Instant> when = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            Instant changed = all.get(i).changedAt().get("customAttributes");
            JsonNode attributes = trees.get(i).path("customAttributes");
            for (Iterator<String> names = attributes.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!result.has(name) || (changed != null && when.get(name) != null && changed.isAfter(when.get(name)))) {
                    result.set(name, attributes.get(name));
                    when.put(name, changed);
                }
            }
        }
        return result;
    }

    private JsonNode mostRecent(String field, List<Side> all, List<ObjectNode> trees) {
        JsonNode best = null;
        Instant bestAt = null;
        for (int i = 0; i < all.size(); i++) {
            JsonNode value = trees.get(i).get(field);
            if (empty(value)) {
                continue;
            }
            Instant at = all.get(i).changedAt().get(field);
            if (best == null || (at != null && (bestAt == null || at.isAfter(bestAt)))) {
                best = value;
                bestAt = at;
            }
        }
        return best == null ? json.nullNode() : best;
    }

    private JsonNode latestInstant(List<ObjectNode> trees, String field) {
        JsonNode latest = json.nullNode();
        for (ObjectNode tree : trees) {
            JsonNode value = tree.get(field);
            if (!empty(value) && (latest.isNull() || later(value, latest))) {
                latest = value;
            }
        }
        return latest;
    }

    /** Keeps the first primary of a contact list (the survivor's comes first) and clears the others. */
    private static void onePrimary(ObjectNode record, String field) {
        boolean seen = false;
        for (JsonNode element : elements(record.get(field))) {
            if (element instanceof ObjectNode contact && contact.path("primary").asBoolean(false)) {
                if (seen) {
                    contact.put("primary", false);
                }
                seen = true;
            }
        }
    }

    private static boolean later(JsonNode a, JsonNode b) {
        if (!a.isTextual()) {
            return false;
        }
        if (!b.isTextual()) {
            return true;
        }
        return Instant.parse(a.asText()).isAfter(Instant.parse(b.asText()));
    }

    private static List<JsonNode> elements(JsonNode list) {
        List<JsonNode> elements = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(elements::add);
        }
        return elements;
    }

    private static Set<String> keys(JsonNode list, Function<JsonNode, String> key) {
        Set<String> keys = new java.util.HashSet<>();
        elements(list).forEach(e -> keys.add(key.apply(e)));
        return keys;
    }

    private static boolean empty(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() || (value.isTextual() && value.asText().isBlank())
                || (value.isContainerNode() && value.isEmpty());
    }

    private static boolean same(JsonNode a, JsonNode b) {
        return empty(a) ? empty(b) : a.equals(b);
    }
}
