package io.clientbook.platform.problem;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProblemMappersTest {

    @Test
    void anUnexpectedFailureIsLoggedWithoutTheValuesItQuotes() {
        var failure = new IllegalStateException("could not insert ann@example.com",
                new SQLException("Key (address)=(ann@example.com) already exists"));

        String logged = ProblemMappers.withoutMessages(failure);

        assertFalse(logged.contains("ann@example.com"), logged);
        assertTrue(logged.contains("java.lang.IllegalStateException"), logged);
        assertTrue(logged.contains("caused by java.sql.SQLException"), logged);
        assertTrue(logged.contains("ProblemMappersTest"), "keeps where it was thrown");
    }

    @Test
    void fieldNamesComeFromBeanValidationPaths() {
        jakarta.validation.Path path = jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator()
                .validate(new Holder(java.util.List.of(new Item(""))))
                .iterator().next().getPropertyPath();
        org.junit.jupiter.api.Assertions.assertEquals("items[0].name", ProblemMappers.fieldName(path));
    }

    record Holder(java.util.List<@jakarta.validation.Valid Item> items) {
    }

    record Item(@jakarta.validation.constraints.NotBlank String name) {
    }
}
