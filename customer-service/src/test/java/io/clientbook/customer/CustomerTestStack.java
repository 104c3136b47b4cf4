package io.clientbook.customer;

import io.clientbook.devstack.testing.EmbeddedStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every @QuarkusTest here runs against the JVM-wide embedded PostgreSQL (database "customer") and Kafka. */
@QuarkusTestResource(value = EmbeddedStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "customer"))
public final class CustomerTestStack {
    private CustomerTestStack() {
    }
}
