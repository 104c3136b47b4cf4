package io.clientbook.customer.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns an uploaded file, as it streams in, into rows of the documents a batch upsert takes, handed over 1,000 at
 * a time: NDJSON (one JSON object per line) or CSV (a header row, then records, mapped by {@link ColumnMapping}).
 * A row that is not a document is kept as an error row naming its line; a file that stops being NDJSON or CSV
 * altogether (an unclosed quote, a line beyond the limit, more rows than allowed) stops the upload.
 */
final class ImportUpload {

    static final int ROWS_PER_CHUNK = 1000;

    /** The upload cannot go on; {@code tooLarge} when the file has more rows than allowed. */
    static final class Refused extends RuntimeException {
        final boolean tooLarge;

        Refused(String reason, boolean tooLarge) {
            super(reason, null, false, false);
            this.tooLarge = tooLarge;
        }
    }

    private final ObjectMapper json;
    private final long maxRows;
    private final int maxLineLength;

    ImportUpload(ObjectMapper json, long maxRows, int maxLineLength) {
        this.json = json;
        this.maxRows = maxRows;
        this.maxLineLength = maxLineLength;
    }

    /** Reads all rows, giving {@code chunk} each 1,000 as {@code {"line": n, "item": …}} or {@code {"line": n, "errors": […]}}. */
    long ndjson(Reader in, Consumer<List<String>> chunk) throws IOException {
        List<String> rows = new ArrayList<>(ROWS_PER_CHUNK);
        long line = 0;
        long count = 0;
        StringBuilder text = new StringBuilder();
        boolean more = true;
        while (more) {
            text.setLength(0);
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (text.length() >= maxLineLength) {
                    throw new Refused("line " + (line + 1) + " is longer than " + maxLineLength + " characters", false);
                }
                text.append((char) c);
            }
            more = c != -1;
            line++;
            String content = text.toString().strip();
            if (content.isEmpty()) {
                continue;
            }
            count = counted(count);
            rows.add(row(line, content));
            if (rows.size() == ROWS_PER_CHUNK) {
                chunk.accept(rows);
                rows = new ArrayList<>(ROWS_PER_CHUNK);
            }
        }
        if (!rows.isEmpty()) {
            chunk.accept(rows);
        }
        return count;
    }

    long csv(Reader in, ColumnMapping mapping, Consumer<List<String>> chunk) throws IOException {
        CsvRecords records = new CsvRecords(in, maxLineLength);
        List<String> header;
        try {
            header = records.next();
        } catch (CsvRecords.Malformed e) {
            throw new Refused("the header row: " + e.getMessage(), false);
        }
        if (header == null) {
            return 0;
        }
        String[] fields = mapping.fieldsOf(header);
        if (java.util.Arrays.stream(fields).allMatch(java.util.Objects::isNull)) {
            throw new Refused("no column of the header row names a field; give a mapping", false);
        }
        List<String> rows = new ArrayList<>(ROWS_PER_CHUNK);
        long count = 0;
        while (true) {
            long line = records.line();
            List<String> cells;
            try {
                cells = records.next();
            } catch (CsvRecords.Malformed e) {
                throw new Refused("line " + line + ": " + e.getMessage(), false);
            }
            if (cells == null) {
                break;
            }
            count = counted(count);
            rows.add(item(line, mapping.document(fields, cells)));
            if (rows.size() == ROWS_PER_CHUNK) {
                chunk.accept(rows);
                rows = new ArrayList<>(ROWS_PER_CHUNK);
            }
        }
        if (!rows.isEmpty()) {
            chunk.accept(rows);
        }
        return count;
    }

    private long counted(long count) {
        if (count + 1 > maxRows) {
            throw new Refused("the file has more than " + maxRows + " rows; split it", true);
        }
        return count + 1;
    }

    private String row(long line, String content) {
        try {
            JsonNode item = json.readValue(content, JsonNode.class);
            if (item == null || !item.isObject()) {
                return error(line, "line", "is not a JSON object");
            }
            return item(line, (ObjectNode) item);
        } catch (com.fasterxml.jackson.databind.exc.InvalidFormatException e) {
            return error(line, "line", "must not contain NUL characters or unpaired surrogates");
        } catch (JsonProcessingException e) {
            return error(line, "line", e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? "gives a field twice" : "is not JSON");
        }
    }

    private String item(long line, ObjectNode item) {
        ObjectNode row = json.createObjectNode().put("line", line);
        row.set("item", item);
        return row.toString();
    }

    private String error(long line, String field, String message) {
        ObjectNode row = json.createObjectNode().put("line", line);
        row.putArray("errors").addObject().put("field", field).put("message", message);
        return row.toString();
    }
}
