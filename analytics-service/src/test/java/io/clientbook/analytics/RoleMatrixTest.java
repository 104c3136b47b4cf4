package io.clientbook.analytics;

import io.clientbook.devstack.testing.EmbeddedStack;
import io.clientbook.devstack.testing.RoleMatrix;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Walks docs/role-matrix.txt, section [analytics-service], endpoint by endpoint: every operation of this service is
 * listed, each role the line names gets past authorization and every other role gets 403, no token gets 401.
 */
@QuarkusTest
class RoleMatrixTest {

    @Test
    void everyOperationAnswersEachRoleAsTheMatrixSays() {
        String base = "http://localhost:" + RestAssured.port;
        RoleMatrix matrix = RoleMatrix.load(RoleMatrix.defaultFile(), "analytics-service");
        List<String> problems = matrix.walk(base, role -> EmbeddedStack.get().tokens().forRole(role));
        if (!problems.isEmpty()) {
            System.out.println("What analytics-service does today (roles that get past authorization):");
            RoleMatrix.observed(base, role -> EmbeddedStack.get().tokens().forRole(role)).forEach(System.out::println);
        }
        assertEquals(List.of(), problems, "docs/role-matrix.txt [analytics-service] and the service disagree");
    }
}
