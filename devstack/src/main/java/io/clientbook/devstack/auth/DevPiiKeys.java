package io.clientbook.devstack.auth;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

/**
 * The keys customer-service seals personal data with under {@code ./crm}: one AES-256 key and one index key,
 * random, created on first use in {@code pii-keys.properties} beside the JWT keys, readable by the owner only.
 * Kept with the embedded database they protect: delete one, delete both. A cluster takes them from a Secret.
 */
public record DevPiiKeys(String keys, String indexKeys) {

    public static final String FILE = "pii-keys.properties";

    public static DevPiiKeys loadOrCreate(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
            Properties properties = new Properties();
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    properties.load(in);
                }
            } else {
                SecureRandom random = new SecureRandom();
                properties.setProperty("keys", "dev-1:" + random32(random));
                properties.setProperty("index-keys", "dev-index-1:" + random32(random));
                try (Writer out = Files.newBufferedWriter(file)) {
                    properties.store(out, "customer-service's keys for personal data at rest (./crm only)");
                }
                file.toFile().setReadable(false, false);
                file.toFile().setReadable(true, true);
            }
            return new DevPiiKeys(properties.getProperty("keys"), properties.getProperty("index-keys"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As customer-service reads them from its environment. */
    public Map<String, String> environment() {
        return Map.of("CLIENTBOOK_PII_KEYS", keys, "CLIENTBOOK_PII_INDEX_KEYS", indexKeys);
    }

    private static String random32(SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
