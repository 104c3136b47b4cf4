package io.clientbook.analytics.report;

import java.util.List;
import java.util.Locale;

/**
 * Small, dependency-free SVG charts for reports: bars for distributions, lines for trends, a shaded grid for
 * cohort retention. Output is standalone SVG 1.1 (XML, own namespace, a {@code title} for screen readers);
 * every label is XML-escaped.
 */
final class SvgChart {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 400;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 90;
    private static final String[] COLOURS = {"#2f6db5", "#e07b39", "#3a9d5d", "#b8423c", "#7d5ba6", "#8c6d31"};

    private SvgChart() {
    }

    /** One series: a name and a value per label (null: no value). */
    record Series(String name, List<Double> values) {
    }

    static String bars(String title, List<String> labels, List<Double> values, String unit) {
        StringBuilder svg = open(title);
        double max = values.stream().filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(0);
        double top = niceTop(max);
        axes(svg, top, unit);
        int plotWidth = WIDTH - LEFT - RIGHT;
        double slot = labels.isEmpty() ? plotWidth : (double) plotWidth / labels.size();
        for (int i = 0; i < labels.size(); i++) {
            double value = values.get(i) == null ? 0 : values.get(i);
            double height = top == 0 ? 0 : (HEIGHT - TOP - BOTTOM) * value / top;
            double x = LEFT + i * slot + slot * 0.15;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %s</title></rect>%n",
                    x, HEIGHT - BOTTOM - height, slot * 0.7, height, COLOURS[0], escape(labels.get(i)), number(value)));
            label(svg, LEFT + i * slot + slot / 2, labels.get(i));
        }
        return close(svg);
    }

    static String lines(String title, List<String> labels, List<Series> series, String unit) {
        StringBuilder svg = open(title);
        double max = series.stream().flatMap(s -> s.values().stream()).filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(0);
        double min = Math.min(0, series.stream().flatMap(s -> s.values().stream()).filter(v -> v != null)
                .mapToDouble(Double::doubleValue).min().orElse(0));
        double top = niceTop(max);
        axes(svg, top, unit);
        int plotWidth = WIDTH - LEFT - RIGHT;
        double step = labels.size() <= 1 ? 0 : (double) plotWidth / (labels.size() - 1);
        double span = top - min == 0 ? 1 : top - min;
        for (int s = 0; s < series.size(); s++) {
            StringBuilder points = new StringBuilder();
            List<Double> values = series.get(s).values();
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == null) {
                    continue;
                }
                double x = LEFT + i * step;
                double y = HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (values.get(i) - min) / span;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s %s: %s</title></circle>%n",
                        x, y, COLOURS[s % COLOURS.length], escape(series.get(s).name()), escape(labels.get(i)), number(values.get(i))));
            }
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    points.toString().trim(), COLOURS[s % COLOURS.length]));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"%s\">%s</text>%n",
                    LEFT + 10 + s * 150, TOP - 8, COLOURS[s % COLOURS.length], escape(series.get(s).name())));
        }
        for (int i = 0; i < labels.size(); i++) {
            label(svg, LEFT + i * step, labels.get(i));
        }
        return close(svg);
    }

    /** Rows × columns of shares 0–1, darker for more; empty cells stay white. */
    static String grid(String title, List<String> rows, List<String> columns, List<List<Double>> values) {
        StringBuilder svg = open(title);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        double cellWidth = columns.isEmpty() ? plotWidth : (double) plotWidth / columns.size();
        double cellHeight = rows.isEmpty() ? plotHeight : (double) plotHeight / rows.size();
        for (int r = 0; r < rows.size(); r++) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, TOP + r * cellHeight + cellHeight / 2 + 4, escape(rows.get(r))));
            List<Double> row = values.get(r);
            for (int c = 0; c < columns.size(); c++) {
                Double share = c < row.size() ? row.get(c) : null;
                String fill = share == null ? "#ffffff" : shade(share);
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"#dddddd\">"
                                + "<title>%s, month %s: %s</title></rect>%n", LEFT + c * cellWidth, TOP + r * cellHeight, cellWidth,
                        cellHeight, fill, escape(rows.get(r)), escape(columns.get(c)), share == null ? "-" : number(share)));
            }
        }
        for (int c = 0; c < columns.size(); c++) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>%n",
                    LEFT + c * cellWidth + cellWidth / 2, HEIGHT - BOTTOM + 16, escape(columns.get(c))));
        }
        return close(svg);
    }

    private static StringBuilder open(String title) {
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" role=\"img\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<title>").append(escape(title)).append("</title>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"16\" font-weight=\"bold\">%s</text>%n", LEFT, escape(title)));
        return svg;
    }

    private static String close(StringBuilder svg) {
        return svg.append("</svg>\n").toString();
    }

    private static void axes(StringBuilder svg, double top, String unit) {
        int bottom = HEIGHT - BOTTOM;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333333\"/>%n", LEFT, TOP, LEFT, bottom));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333333\"/>%n", LEFT, bottom, WIDTH - RIGHT, bottom));
        for (int i = 0; i <= 4; i++) {
            double value = top * i / 4;
            double y = bottom - (bottom - TOP) * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, y + 4, number(value)));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eeeeee\"/>%n", LEFT + 1, y, WIDTH - RIGHT, y));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" font-size=\"11\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">%s</text>%n",
                (TOP + bottom) / 2, (TOP + bottom) / 2, escape(unit)));
    }

    private static void label(StringBuilder svg, double x, String text) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"end\" transform=\"rotate(-40 %.1f %d)\">%s</text>%n",
                x, HEIGHT - BOTTOM + 14, x, HEIGHT - BOTTOM + 14, escape(text)));
    }

    private static double niceTop(double max) {
        if (max <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String shade(double share) {
        int level = (int) Math.round(255 - Math.max(0, Math.min(1, share)) * 200);
        return String.format(Locale.ROOT, "#%02x%02x%02x", level, level, 255);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e12 ? String.format(Locale.ROOT, "%,d", (long) value)
                : String.format(Locale.ROOT, "%,.2f", value);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
