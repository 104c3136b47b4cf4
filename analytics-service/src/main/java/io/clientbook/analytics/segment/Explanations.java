package io.clientbook.analytics.segment;

import java.util.Locale;

/** Classes in words, for the API: which scores, amounts and thresholds put a customer where it is. */
final class Explanations {

    private Explanations() {
    }

    static String rfm(Basis basis, int r, int f, int m, Integer days, int purchases, double spent, String currency) {
        int[] rc = basis.recencyCuts();
        String recency = switch (r) {
            case 5 -> "up to " + rc[0] + " days";
            case 1 -> "over " + rc[3] + " days";
            default -> rc[4 - r] + 1 + " to " + rc[5 - r] + " days";
        };
        return String.format(Locale.ROOT, "R %d: last purchase %s ago (R %d = %s); F %d: %d purchases (%s); M %d: %s %s spent (%s). "
                        + "Quintiles of the book as of %s.",
                r, days == null ? "?" : days + " days", r, recency, f, purchases, range("F", f, basis.frequencyCuts()),
                m, money(spent), currency, range("M", m, toDoubles(basis.monetaryCuts())), basis.asOf());
    }

    private static String range(String letter, int score, int[] cuts) {
        return range(letter, score, new String[] {fmt(cuts[0]), fmt(cuts[1]), fmt(cuts[2]), fmt(cuts[3])});
    }

    private static String range(String letter, int score, String[] cuts) {
        return switch (score) {
            case 1 -> letter + " 1 = up to " + cuts[0];
            case 5 -> letter + " 5 = over " + cuts[3];
            default -> letter + " " + score + " = over " + cuts[score - 2] + " up to " + cuts[score - 1];
        };
    }

    private static String[] toDoubles(double[] cuts) {
        return new String[] {money(cuts[0]), money(cuts[1]), money(cuts[2]), money(cuts[3])};
    }

    static String abc(Basis basis, String abc, double spent, String currency, ClassConfig.Abc shares) {
        String floors = basis.abcAFloor() == null ? "no revenue in the book yet"
                : String.format(Locale.ROOT, "A from %s %s (the biggest spenders making up %s%% of revenue), B from %s %s (the next %s%%)",
                money(basis.abcAFloor()), currency, fmt(shares.aShare()),
                basis.abcBFloor() == null ? "-" : money(basis.abcBFloor()), currency, fmt(shares.bShare()));
        return String.format(Locale.ROOT, "%s: %s %s spent; %s", abc.toUpperCase(Locale.ROOT), money(spent), currency, floors);
    }

    static String stage(String stage, ClassConfig.Stages config) {
        return switch (stage) {
            case "prospect" -> "prospect: no purchase yet";
            case "churned" -> "churned: no purchase for " + config.churnedAfterDays() + " days or more";
            case "won-back" -> "won-back: bought again after being churned (for " + config.wonBackDays() + " days)";
            case "at-risk" -> "at-risk: churn level " + String.join(" or ", config.atRiskLevels());
            case "new" -> "new: one purchase";
            case "repeat" -> "repeat: 2 to " + (config.loyalFromPurchases() - 1) + " purchases";
            case "loyal" -> "loyal: " + config.loyalFromPurchases() + " purchases or more";
            default -> stage + ": set on the customer record";
        };
    }

    private static String money(double value) {
        return String.format(Locale.ROOT, "%,.2f", value);
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
