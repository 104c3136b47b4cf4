package io.clientbook.devstack.launcher;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ImportCommandTest {

    @Test
    void theProgressBarShowsShareRowsRefusalsAndTheEta() {
        String job = """
                {"id": "j", "state": "running", "processed": 450000, "total": 1000000, "succeeded": 448766, "failed": 1234,
                 "etaSeconds": 30, "kind": "customers"}""";
        assertEquals("[#############.................]  45%  450,000/1,000,000 rows  1,234 refused  eta 30 s  12s ",
                ImportCommand.bar(job, 12));
        String queued = """
                {"id": "j", "state": "queued", "processed": 0, "total": 10, "succeeded": 0, "failed": 0, "etaSeconds": null}""";
        assertEquals("[..............................]   0%  0/10 rows  0 refused  queued  0s ", ImportCommand.bar(queued, 0));
    }

    @Test
    void fieldsAreReadFromTheJobsJson() {
        assertEquals("a \\\"quoted\\\" id", ImportCommand.field("{\"id\": \"a \\\"quoted\\\" id\", \"n\": 3}", "id"));
        assertEquals("3", ImportCommand.field("{\"id\": \"x\", \"n\": 3}", "n"));
        assertEquals("null", ImportCommand.field("{\"etaSeconds\": null}", "etaSeconds"));
    }
}
