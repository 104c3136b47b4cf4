package io.clientbook.customer.pii;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the startup pass has sealed any plaintext left from before: no answer misses a customer's contacts. */
@Readiness
@ApplicationScoped
class PiiSealedReadiness implements HealthCheck {

    private final PiiResealing resealing;

    PiiSealedReadiness(PiiResealing resealing) {
        this.resealing = resealing;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("personal-data-sealed").status(resealing.startupPassDone()).build();
    }
}
