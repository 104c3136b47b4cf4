package io.clientbook.platform.web;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Bounds on what a JSON body may make the parser do: no customer record is nested 64 levels deep, so a
 * deeper document is an attack (stack and CPU exhaustion) and gets a 400 problem before anything is read.
 * And text that cannot be stored: a NUL character or half of a surrogate pair (both legal as JSON escapes)
 * is refused as the field is read, as PostgreSQL would refuse it only at commit, as a 500.
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

    public static final int MAX_NESTING_DEPTH = 64;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(1_000_000)
                .maxNumberLength(100)
                .build());
        // a key twice in one object is refused, not resolved (the last one would win here and the first elsewhere)
        mapper.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("clientbook-storable-text")
                .addDeserializer(String.class, new StorableText())
                .addDeserializer(com.fasterxml.jackson.databind.JsonNode.class, new StorableTree()));
    }

    /** Documents read as trees (merge patches, upserts), refused when any text in them could not be stored. */
    static final class StorableTree extends com.fasterxml.jackson.databind.deser.std.StdDeserializer<com.fasterxml.jackson.databind.JsonNode> {

        StorableTree() {
            super(com.fasterxml.jackson.databind.JsonNode.class);
        }

        @Override
        public com.fasterxml.jackson.databind.JsonNode deserialize(com.fasterxml.jackson.core.JsonParser parser,
                com.fasterxml.jackson.databind.DeserializationContext context) throws java.io.IOException {
            com.fasterxml.jackson.databind.JsonNode tree = com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer
                    .getDeserializer(com.fasterxml.jackson.databind.JsonNode.class).deserialize(parser, context);
            java.util.Deque<String> path = new java.util.ArrayDeque<>();
            String bad = firstUnstorable(tree, path);
            if (bad != null) {
                var refused = com.fasterxml.jackson.databind.exc.InvalidFormatException.from(parser,
                        "must not contain NUL characters or unpaired surrogates", bad, String.class);
                for (String field : path) { // innermost first
                    refused.prependPath(new com.fasterxml.jackson.databind.JsonMappingException.Reference(null, field));
                }
                throw refused;
            }
            return tree;
        }

        @Override
        public com.fasterxml.jackson.databind.JsonNode getNullValue(com.fasterxml.jackson.databind.DeserializationContext context) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }

        /** The first text that cannot be stored, with {@code path} holding its field names innermost first. */
        private static String firstUnstorable(com.fasterxml.jackson.databind.JsonNode node, java.util.Deque<String> path) {
            if (node.isTextual()) {
                return StorableText.storable(node.textValue()) ? null : node.textValue();
            }
            if (node.isObject()) {
                for (var field : (Iterable<java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>) node::fields) {
                    if (!StorableText.storable(field.getKey())) {
                        return field.getKey();
                    }
                    String bad = firstUnstorable(field.getValue(), path);
                    if (bad != null) {
                        path.addLast(field.getKey());
                        return bad;
                    }
                }
            } else if (node.isArray()) {
                for (com.fasterxml.jackson.databind.JsonNode item : node) {
                    String bad = firstUnstorable(item, path);
                    if (bad != null) {
                        return bad;
                    }
                }
            }
            return null;
        }
    }

    /** Strings as Jackson reads them, refused when they hold a NUL or an unpaired surrogate. */
    static final class StorableText extends com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer<String> {

        private static final com.fasterxml.jackson.databind.deser.std.StringDeserializer STRINGS =
                com.fasterxml.jackson.databind.deser.std.StringDeserializer.instance;

        StorableText() {
            super(String.class);
        }

        @Override
        public String deserialize(com.fasterxml.jackson.core.JsonParser parser,
                com.fasterxml.jackson.databind.DeserializationContext context) throws java.io.IOException {
            String text = STRINGS.deserialize(parser, context);
            if (text != null && !storable(text)) {
                throw com.fasterxml.jackson.databind.exc.InvalidFormatException.from(parser,
                        "must not contain NUL characters or unpaired surrogates", text, String.class);
            }
            return text;
        }

        static boolean storable(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == 0) {
                    return false;
                }
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                        return false;
                    }
                    i++;
                } else if (Character.isLowSurrogate(c)) {
                    return false;
                }
            }
            return true;
        }
    }
}
