package io.clientbook.platform.web;

import io.clientbook.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PagingTest {

    @Test
    void aCursorGivesBackItsParts() {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2026-01-31T10:00:00Z");
        assertArrayEquals(new String[] {at.toString(), id.toString()}, Paging.parts(Paging.cursor(at, id), 2));
    }

    @Test
    void foreignCursorsAndLimitsOutOfBoundsNameTheirParameter() {
        for (String bad : new String[] {"%%%", Paging.cursor("one"), Paging.cursor("a", "b", "c")}) {
            ProblemException e = assertThrows(ProblemException.class, () -> Paging.parts(bad, 2));
            assertEquals("cursor", e.errors().getFirst().field());
        }
        assertEquals(50, Paging.limit(null));
        assertEquals(200, Paging.limit(200));
        assertEquals("limit", assertThrows(ProblemException.class, () -> Paging.limit(0)).errors().getFirst().field());
        assertEquals("limit", assertThrows(ProblemException.class, () -> Paging.limit(201)).errors().getFirst().field());
    }
}
