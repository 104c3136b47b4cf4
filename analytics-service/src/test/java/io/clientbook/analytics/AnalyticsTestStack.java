package io.clientbook.analytics;

import io.clientbook.devstack.testing.EmbeddedStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every @QuarkusTest here runs against the JVM-wide embedded PostgreSQL (database "analytics") and Kafka. */
@QuarkusTestResource(value = EmbeddedStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "analytics"))
public final class AnalyticsTestStack {
    private AnalyticsTestStack() {
    }
}
