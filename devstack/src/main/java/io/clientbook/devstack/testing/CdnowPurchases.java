package io.clientbook.devstack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/**
 * The public CDNOW purchase data (Fader, Hardie &amp; Lee 2005) from {@code ../shared/data/cdnow/}, as rows:
 * the 1/10 sample the papers fit their models on, or the whole cohort.
 */
public final class CdnowPurchases {

    /** One purchase line: the master customer id, the day, the number of CDs and the dollar value. */
    public record Purchase(String customerId, LocalDate day, int cds, BigDecimal dollars) {
    }

    private CdnowPurchases() {
    }

    /** The data directory: {@code clientbook.shared} if set, else {@code shared/data/cdnow} beside the checkout. */
    public static Path directory(Path checkoutRoot) {
        String shared = System.getProperty("clientbook.shared");
        Path base = shared != null ? Path.of(shared) : checkoutRoot.toAbsolutePath().normalize().resolveSibling("shared");
        return base.resolve("data").resolve("cdnow");
    }

    /** {@code CDNOW_sample.txt}: 6,919 purchases by 2,357 customers (master id, sample id, date, CDs, dollars). */
    public static List<Purchase> sample(Path checkoutRoot) {
        return read(directory(checkoutRoot).resolve("CDNOW_sample.txt"), 0);
    }

    /** {@code CDNOW_master.txt}: 69,659 purchases by 23,570 customers (header, then id, date, CDs, dollars). */
    public static List<Purchase> master(Path checkoutRoot) {
        return read(directory(checkoutRoot).resolve("CDNOW_master.txt"), 1);
    }

    private static List<Purchase> read(Path file, int headerLines) {
        DateTimeFormatter basic = DateTimeFormatter.BASIC_ISO_DATE;
        try (Stream<String> lines = Files.lines(file)) {
            return lines.skip(headerLines).map(String::trim).filter(l -> !l.isEmpty()).map(l -> l.split("\\s+")).map(f -> {
                int n = f.length;
                return new Purchase(f[0], LocalDate.parse(f[n - 3], basic), Integer.parseInt(f[n - 2]), new BigDecimal(f[n - 1]));
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("CDNOW data not found at " + file + " (the shared data sets sit beside the checkout)", e);
        }
    }
}
