package io.clientbook.interaction;

import io.clientbook.devstack.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void interactionServiceKeepsTheLayering() {
        ArchitectureRules.check("interaction");
    }
}
