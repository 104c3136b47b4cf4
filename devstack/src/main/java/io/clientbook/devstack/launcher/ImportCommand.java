package io.clientbook.devstack.launcher;

import io.clientbook.devstack.auth.DevTokens;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./crm import FILE}: uploads an NDJSON or CSV file of customers (or orders) to the running suite's gateway
 * as an import job and draws its progress until it ends. The file's SHA-256 is the Idempotency-Key, so running the
 * command again with the same file shows the same job instead of importing twice.
 */
final class ImportCommand {

    static final String USAGE = "import FILE [--orders] [--mapping JSON]";

    private ImportCommand() {
    }

    static int run(Suite suite, List<String> args) {
        Path file = null;
        String kind = "customers";
        String mapping = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--orders" -> kind = "orders";
                case "--customers" -> kind = "customers";
                case "--mapping" -> {
                    if (i + 1 >= args.size()) {
                        System.err.println("crm import: --mapping needs a JSON object, e.g. '{\"E-mail\": \"email\"}'");
                        return 2;
                    }
                    mapping = args.get(++i);
                }
                default -> file = Path.of(args.get(i));
            }
        }
        if (file == null || !Files.isRegularFile(file)) {
            System.err.println("crm import: give a file to import (" + USAGE + ")");
            return 2;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String format = name.endsWith(".csv") ? "csv" : "ndjson";
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        String token = new DevTokens(suite.keys()).forRole("integrator");
        String base = suite.gatewayUrl();
        try {
            long bytes = Files.size(file);
            System.err.printf("Uploading %s (%s) ...%n", file, Processes.formatBytes(bytes));
            String query = "?kind=" + kind + "&format=" + format
                    + (mapping == null ? "" : "&mapping=" + URLEncoder.encode(mapping, StandardCharsets.UTF_8));
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/import-jobs" + query))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", format.equals("csv") ? "text/csv" : "application/x-ndjson")
                    .header("Idempotency-Key", "crm-import-" + kind + "-" + sha256(file))
                    .timeout(Duration.ofMinutes(30))
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 202) {
                System.err.println("crm import: the gateway answered " + created.statusCode() + ": " + created.body());
                return 1;
            }
            String id = field(created.body(), "id");
            boolean replayed = created.headers().firstValue("Idempotent-Replayed").isPresent();
            System.err.println((replayed ? "This file was imported before as job " : "Import job ") + id);
            String job = created.body();
            long started = System.nanoTime();
            while (true) {
                String state = field(job, "state");
                System.err.print("\r" + bar(job, (System.nanoTime() - started) / 1_000_000_000L));
                if (!state.equals("queued") && !state.equals("running")) {
                    break;
                }
                Thread.sleep(500);
                job = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/import-jobs/" + id))
                        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            }
            System.err.println();
            long failed = Long.parseLong(field(job, "failed"));
            System.err.printf("%s: %s imported, %s refused.%n", field(job, "state"), field(job, "succeeded"), field(job, "failed"));
            if (failed > 0) {
                Path errors = file.resolveSibling(file.getFileName() + ".errors.ndjson");
                http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/import-jobs/" + id + "/errors"))
                        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofFile(errors));
                System.err.println("The refused rows, by line, with the fields at fault: " + errors);
            }
            return field(job, "state").equals("completed") ? 0 : 1;
        } catch (IOException e) {
            System.err.println("crm import: " + e.getMessage() + " (is the suite up? ./crm up)");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** {@code [#########.........]  45%  450,000/1,000,000 rows  1,234 refused  eta 30 s}. */
    static String bar(String job, long elapsedSeconds) {
        long processed = Long.parseLong(field(job, "processed"));
        String totalText = field(job, "total");
        long total = totalText.equals("null") ? 0 : Long.parseLong(totalText);
        int width = 30;
        int done = total == 0 ? 0 : (int) Math.min(width, processed * width / total);
        String eta = field(job, "etaSeconds");
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %,d/%,d rows  %,d refused  %s  %ds ", "#".repeat(done), ".".repeat(width - done),
                total == 0 ? 0 : processed * 100 / total, processed, total, Long.parseLong(field(job, "failed")),
                eta.equals("null") ? field(job, "state") : "eta " + eta + " s", elapsedSeconds);
    }

    /** A top-level scalar of a small JSON object, as text ({@code null} for null). */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^,}\\s]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
