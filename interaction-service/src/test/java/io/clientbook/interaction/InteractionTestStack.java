package io.clientbook.interaction;

import io.clientbook.devstack.testing.EmbeddedStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every @QuarkusTest here runs against the JVM-wide embedded PostgreSQL (database "interaction") and Kafka. */
@QuarkusTestResource(value = EmbeddedStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "interaction"))
public final class InteractionTestStack {
    private InteractionTestStack() {
    }
}
