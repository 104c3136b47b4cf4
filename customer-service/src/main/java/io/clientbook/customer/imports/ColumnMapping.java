package io.clientbook.customer.imports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientbook.customer.imports.dto.ImportKind;
import io.clientbook.platform.problem.ProblemException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which CSV column fills which field, and the document a row becomes: the same document a batch upsert takes.
 * Columns are named by the file's header row; a column the mapping does not name is ignored; without a mapping a
 * column whose header is a field name fills that field. Plain Java.
 */
final class ColumnMapping {

    static final Set<String> CUSTOMER_FIELDS = Set.of("displayName", "givenName", "familyName", "kind", "companyName", "industry",
            "companySize", "email", "emails", "phone", "phones", "addressLine1", "addressLine2", "city", "region", "postalCode",
            "country", "birthday", "gender", "language", "timeZone", "occupation", "tags", "ownerId", "acquisitionSource",
            "membershipLevel", "externalSource", "externalId", "sourceUpdatedAt");
    static final Set<String> ORDER_FIELDS = Set.of("source", "externalId", "customerId", "customerSource", "customerExternalId",
            "placedAt", "status", "currency", "total", "discountTotal", "channel");
    private static final String ATTRIBUTE = "customAttributes.";

    private final ImportKind kind;
    private final Map<String, String> fieldOfColumn;

    private ColumnMapping(ImportKind kind, Map<String, String> fieldOfColumn) {
        this.kind = kind;
        this.fieldOfColumn = fieldOfColumn;
    }

    /** A mapping as given (column → field), each field checked; null: header names are field names. */
    static ColumnMapping of(ImportKind kind, Map<String, String> given) {
        Map<String, String> checked = new LinkedHashMap<>();
        if (given != null) {
            given.forEach((column, field) -> {
                if (field == null || !known(kind, field)) {
                    throw new ProblemException.Invalid("mapping", "column " + column + " names no " + kind.apiName().replaceAll("s$", "")
                            + " field; fields: " + String.join(", ", fields(kind).stream().sorted().toList())
                            + (kind == ImportKind.CUSTOMERS ? ", customAttributes.<name>" : ""));
                }
                checked.put(column, field);
            });
        }
        return new ColumnMapping(kind, given == null ? null : checked);
    }

    private static Set<String> fields(ImportKind kind) {
        return kind == ImportKind.CUSTOMERS ? CUSTOMER_FIELDS : ORDER_FIELDS;
    }

    private static boolean known(ImportKind kind, String field) {
        return fields(kind).contains(field)
                || kind == ImportKind.CUSTOMERS && field.startsWith(ATTRIBUTE) && field.length() > ATTRIBUTE.length();
    }

    /** The field each header column fills (null where none). */
    String[] fieldsOf(List<String> header) {
        String[] fields = new String[header.size()];
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i).strip();
            if (i == 0 && column.startsWith("\uFEFF")) {
                column = column.substring(1); // a byte order mark
            }
            String field = fieldOfColumn == null ? column : fieldOfColumn.get(column);
            fields[i] = field != null && known(kind, field) ? field : null;
        }
        return fields;
    }

    /** A row as the document a batch upsert takes; empty cells are absent fields. */
    ObjectNode document(String[] fields, List<String> cells) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < fields.length && i < cells.size(); i++) {
            String cell = cells.get(i).strip();
            if (fields[i] != null && !cell.isEmpty()) {
                values.put(fields[i], cell);
            }
        }
        return kind == ImportKind.CUSTOMERS ? customer(values) : order(values);
    }

    private static ObjectNode customer(Map<String, String> v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode doc = f.objectNode();
        for (String plain : List.of("displayName", "givenName", "familyName", "kind", "companyName", "industry", "companySize",
                "birthday", "gender", "language", "timeZone", "occupation", "ownerId", "acquisitionSource", "membershipLevel",
                "sourceUpdatedAt")) {
            if (v.containsKey(plain)) {
                doc.put(plain, v.get(plain));
            }
        }
        if (!doc.has("displayName")) {
            String name = (v.getOrDefault("givenName", "") + " " + v.getOrDefault("familyName", "")).strip();
            if (name.isEmpty()) {
                name = v.getOrDefault("companyName", "");
            }
            if (!name.isEmpty()) {
                doc.put("displayName", name);
            }
        }
        ArrayNode emails = f.arrayNode();
        split(v.get("email"), v.get("emails")).forEach(e -> emails.addObject().put("address", e).put("primary", emails.isEmpty()));
        if (!emails.isEmpty()) {
            doc.set("emails", emails);
        }
        ArrayNode phones = f.arrayNode();
        split(v.get("phone"), v.get("phones")).forEach(p -> phones.addObject().put("number", p).put("primary", phones.isEmpty()));
        if (!phones.isEmpty()) {
            doc.set("phones", phones);
        }
        if (v.containsKey("addressLine1") || v.containsKey("city") || v.containsKey("postalCode")) {
            ObjectNode address = doc.putArray("addresses").addObject();
            put(address, "line1", v.get("addressLine1"));
            put(address, "line2", v.get("addressLine2"));
            put(address, "city", v.get("city"));
            put(address, "region", v.get("region"));
            put(address, "postalCode", v.get("postalCode"));
            put(address, "country", v.get("country"));
            address.put("primary", true);
        }
        if (v.containsKey("tags")) {
            ArrayNode tags = doc.putArray("tags");
            split(v.get("tags"), null).forEach(tags::add);
        }
        if (v.containsKey("externalSource") || v.containsKey("externalId")) {
            ObjectNode id = doc.putArray("externalIds").addObject();
            put(id, "source", v.get("externalSource"));
            put(id, "externalId", v.get("externalId"));
        }
        v.forEach((field, value) -> {
            if (field.startsWith(ATTRIBUTE)) {
                ObjectNode attributes = doc.has("customAttributes") ? (ObjectNode) doc.get("customAttributes") : doc.putObject("customAttributes");
                attributes.put(field.substring(ATTRIBUTE.length()), value);
            }
        });
        return doc;
    }

    private static ObjectNode order(Map<String, String> v) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        for (String plain : List.of("source", "externalId", "placedAt", "status", "currency", "total", "discountTotal", "channel")) {
            if (v.containsKey(plain)) {
                doc.put(plain, v.get(plain));
            }
        }
        if (v.containsKey("customerId") || v.containsKey("customerSource") || v.containsKey("customerExternalId")) {
            ObjectNode customer = doc.putObject("customer");
            put(customer, "id", v.get("customerId"));
            put(customer, "source", v.get("customerSource"));
            put(customer, "externalId", v.get("customerExternalId"));
        }
        return doc;
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** One value, or several separated by semicolons. */
    private static List<String> split(String one, String several) {
        List<String> values = new java.util.ArrayList<>();
        for (String text : new String[] {one, several}) {
            if (text != null) {
                for (String part : text.split(";")) {
                    if (!part.isBlank() && !values.contains(part.strip())) {
                        values.add(part.strip());
                    }
                }
            }
        }
        return values;
    }
}
