package io.clientbook.analytics.report;

import java.util.List;
import java.util.stream.Collectors;

/** A report as rows and columns: what {@code text/csv} answers (RFC 4180, header row first). */
record Table(List<String> columns, List<List<Object>> rows) {

    String csv() {
        StringBuilder out = new StringBuilder();
        out.append(columns.stream().map(Table::cell).collect(Collectors.joining(","))).append("\r\n");
        for (List<Object> row : rows) {
            out.append(row.stream().map(Table::cell).collect(Collectors.joining(","))).append("\r\n");
        }
        return out.toString();
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof Double d ? (d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue())
                : String.format(java.util.Locale.ROOT, "%.4f", d)) : value.toString();
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        // a cell starting like a formula is neutralised for spreadsheets (CSV injection)
        return !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number) ? "'" + text : text;
    }
}
