package io.clientbook.analytics;

import io.clientbook.devstack.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void analyticsServiceKeepsTheLayering() {
        ArchitectureRules.check("analytics");
    }
}
