package io.clientbook.customer.pii;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Named keys from configuration, one of them active. Refuses, at startup, anything it could not use later: a
 * malformed entry, a key of the wrong length, a duplicate id, an active id that is not in the ring. Error
 * messages name the setting and the key id, never key material.
 */
final class KeyRing {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final String setting;
    private final Map<String, byte[]> keys;
    private final String activeId;

    private KeyRing(String setting, Map<String, byte[]> keys, String activeId) {
        this.setting = setting;
        this.keys = keys;
        this.activeId = activeId;
    }

    static KeyRing parse(String setting, List<String> entries, Optional<String> active, int minLength, int maxLength) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String entry : entries) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon < 0) {
                throw new IllegalStateException(setting + ": each key is id:base64 (an entry has no ':')");
            }
            String id = trimmed.substring(0, colon);
            if (!ID.matcher(id).matches()) {
                throw new IllegalStateException(setting + ": a key id must be 1 to 32 letters, digits, '-' or '_'");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(setting + ": key " + id + " is not base64");
            }
            if (key.length < minLength || key.length > maxLength) {
                throw new IllegalStateException(setting + ": key " + id + " has " + key.length + " bytes; it needs "
                        + (minLength == maxLength ? Integer.toString(minLength) : minLength + " to " + maxLength));
            }
            if (keys.put(id, key) != null) {
                throw new IllegalStateException(setting + ": key id " + id + " appears twice");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException(setting + " is not set: customer-service needs a key to encrypt personal data "
                    + "(see docs/operations.md, \"Secrets\")");
        }
        String activeId = active.filter(a -> !a.isBlank()).map(String::strip).orElse(keys.keySet().stream().reduce((a, b) -> b).orElseThrow());
        if (!keys.containsKey(activeId)) {
            throw new IllegalStateException(setting + ": the active key " + activeId + " is not in the ring");
        }
        return new KeyRing(setting, Map.copyOf(keys), activeId);
    }

    String activeId() {
        return activeId;
    }

    byte[] active() {
        return keys.get(activeId);
    }

    Optional<byte[]> get(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    Map<String, byte[]> all() {
        return keys;
    }

    boolean rotating() {
        return keys.size() > 1;
    }

    String setting() {
        return setting;
    }
}
