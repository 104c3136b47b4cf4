package io.clientbook.customer;

import io.clientbook.devstack.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void customerServiceKeepsTheLayering() {
        ArchitectureRules.check("customer");
    }
}
