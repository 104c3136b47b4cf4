package io.clientbook.analytics.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The RFM segment table and the value-tier policy, parsed from configuration; first match wins in both. */
public final class Rules {

    private static final Set<String> LEVELS = Set.of("high", "medium", "low");

    /** One segment rule: a score range per letter (1–5 when the letter is not named). */
    public record SegmentRule(String name, int[] r, int[] f, int[] m) {

        boolean matches(int recency, int frequency, int monetary) {
            return in(r, recency) && in(f, frequency) && in(m, monetary);
        }

        /** The rule as configured, e.g. {@code champions: R 4-5, F 4-5, M 4-5}. */
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (!(r[0] == 1 && r[1] == 5)) {
                parts.add("R " + range(r));
            }
            if (!(f[0] == 1 && f[1] == 5)) {
                parts.add("F " + range(f));
            }
            if (!(m[0] == 1 && m[1] == 5)) {
                parts.add("M " + range(m));
            }
            return name + ": " + (parts.isEmpty() ? "any scores" : String.join(", ", parts));
        }

        private static boolean in(int[] range, int value) {
            return value >= range[0] && value <= range[1];
        }

        private static String range(int[] range) {
            return range[0] == range[1] ? Integer.toString(range[0]) : range[0] + "-" + range[1];
        }
    }

    /** One tier rule: the monetary and frequency levels it takes (all three when not named). */
    public record TierRule(String name, Set<String> monetary, Set<String> frequency) {

        boolean matches(String monetaryLevel, String frequencyLevel) {
            return monetary.contains(monetaryLevel) && frequency.contains(frequencyLevel);
        }

        public String describe() {
            List<String> parts = new ArrayList<>();
            if (monetary.size() < 3) {
                parts.add("monetary " + ordered(monetary));
            }
            if (frequency.size() < 3) {
                parts.add("frequency " + ordered(frequency));
            }
            return name + ": " + (parts.isEmpty() ? "everyone else" : String.join(", ", parts));
        }

        private static String ordered(Set<String> levels) {
            return List.of("high", "medium", "low").stream().filter(levels::contains).collect(Collectors.joining(" or "));
        }
    }

    private final List<SegmentRule> segments;
    private final List<TierRule> tiers;

    private Rules(List<SegmentRule> segments, List<TierRule> tiers) {
        this.segments = segments;
        this.tiers = tiers;
    }

    /**
     * Parses and checks both tables: an unreadable rule, or an R/F/M combination no segment takes, stops the
     * service at start with the rule named (a misconfigured table must not classify a million customers).
     */
    public static Rules of(List<String> segmentRules, List<String> tierRules) {
        List<SegmentRule> segments = segmentRules.stream().map(Rules::segment).toList();
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                for (int m = 1; m <= 5; m++) {
                    int rr = r, ff = f, mm = m;
                    if (segments.stream().noneMatch(rule -> rule.matches(rr, ff, mm))) {
                        throw new IllegalArgumentException("clientbook.analytics.classes.segments: no segment takes R " + r
                                + ", F " + f + ", M " + m + "; add a rule or widen one");
                    }
                }
            }
        }
        List<TierRule> tiers = tierRules.stream().map(Rules::tier).toList();
        for (String monetary : LEVELS) {
            for (String frequency : LEVELS) {
                if (tiers.stream().noneMatch(rule -> rule.matches(monetary, frequency))) {
                    throw new IllegalArgumentException("clientbook.analytics.classes.tiers.rules: no tier takes monetary "
                            + monetary + " and frequency " + frequency + "; end the table with a rule without conditions");
                }
            }
        }
        return new Rules(segments, tiers);
    }

    public SegmentRule segment(int r, int f, int m) {
        return segments.stream().filter(rule -> rule.matches(r, f, m)).findFirst().orElseThrow();
    }

    public TierRule tier(String monetaryLevel, String frequencyLevel) {
        return tiers.stream().filter(rule -> rule.matches(monetaryLevel, frequencyLevel)).findFirst().orElseThrow();
    }

    /** The first rule of that name that takes these scores, for explaining a stored segment. */
    public Optional<SegmentRule> segmentRule(String name, int r, int f, int m) {
        return segments.stream().filter(rule -> rule.name().equals(name) && rule.matches(r, f, m)).findFirst();
    }

    public Optional<TierRule> tierRule(String name, String monetaryLevel, String frequencyLevel) {
        return tiers.stream().filter(rule -> rule.name().equals(name) && rule.matches(monetaryLevel, frequencyLevel)).findFirst();
    }

    /** Segment names in table order (a name may appear in several rules). */
    public List<String> segmentNames() {
        return segments.stream().map(SegmentRule::name).distinct().toList();
    }

    public List<String> tierNames() {
        return tiers.stream().map(TierRule::name).distinct().toList();
    }

    private static SegmentRule segment(String text) {
        String[] tokens = text.trim().split("\\s+");
        Map<Character, int[]> ranges = new LinkedHashMap<>();
        for (int i = 1; i < tokens.length; i++) {
            String token = tokens[i].toLowerCase(Locale.ROOT);
            if (token.length() < 3 || "rfm".indexOf(token.charAt(0)) < 0 || token.charAt(1) != '=') {
                throw new IllegalArgumentException("segment rule '" + text + "': '" + tokens[i] + "' is not r=, f= or m= with a range");
            }
            ranges.put(token.charAt(0), range(text, token.substring(2)));
        }
        if (tokens[0].isBlank() || tokens[0].contains("=")) {
            throw new IllegalArgumentException("segment rule '" + text + "' must start with the segment's name");
        }
        int[] any = {1, 5};
        return new SegmentRule(tokens[0].toLowerCase(Locale.ROOT), ranges.getOrDefault('r', any), ranges.getOrDefault('f', any),
                ranges.getOrDefault('m', any));
    }

    private static int[] range(String rule, String text) {
        try {
            String[] bounds = text.split("-");
            int low = Integer.parseInt(bounds[0]);
            int high = bounds.length > 1 ? Integer.parseInt(bounds[1]) : low;
            if (bounds.length > 2 || low < 1 || high > 5 || low > high) {
                throw new NumberFormatException();
            }
            return new int[] {low, high};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("segment rule '" + rule + "': '" + text + "' is not a score range like 4-5");
        }
    }

    private static TierRule tier(String text) {
        String[] tokens = text.trim().split("\\s+");
        if (tokens[0].isBlank() || tokens[0].contains("=")) {
            throw new IllegalArgumentException("tier rule '" + text + "' must start with the tier's name");
        }
        Set<String> monetary = LEVELS;
        Set<String> frequency = LEVELS;
        for (int i = 1; i < tokens.length; i++) {
            String[] pair = tokens[i].toLowerCase(Locale.ROOT).split("=", 2);
            Set<String> levels = pair.length == 2 ? Set.copyOf(Arrays.asList(pair[1].split("\\|"))) : Set.of();
            if (levels.isEmpty() || !LEVELS.containsAll(levels)) {
                throw new IllegalArgumentException("tier rule '" + text + "': '" + tokens[i]
                        + "' must be monetary= or frequency= with high, medium or low (several with |)");
            }
            switch (pair[0]) {
                case "monetary" -> monetary = levels;
                case "frequency" -> frequency = levels;
                default -> throw new IllegalArgumentException("tier rule '" + text + "': '" + pair[0]
                        + "' is neither monetary nor frequency");
            }
        }
        return new TierRule(tokens[0].toLowerCase(Locale.ROOT), monetary, frequency);
    }
}
