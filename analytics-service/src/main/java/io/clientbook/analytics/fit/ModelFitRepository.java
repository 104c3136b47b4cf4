package io.clientbook.analytics.fit;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
class ModelFitRepository implements PanacheRepositoryBase<ModelFit, UUID> {

    /** The latest completed fit of a model (highest version). */
    Optional<ModelFit> latestCompleted(String model) {
        return find("model = ?1 and state = 'completed' order by version desc", model).firstResultOptional();
    }

    /** The latest completed fit of a model with the same calibration end and time unit. */
    Optional<ModelFit> latestCompleted(String model, java.time.LocalDate calibrationEnd, String timeUnit) {
        return find("model = ?1 and calibrationEnd = ?2 and timeUnit = ?3 and state = 'completed' order by version desc",
                model, calibrationEnd, timeUnit).firstResultOptional();
    }

    int nextVersion(String model) {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtext('model_fit:' || :model))")
                .setParameter("model", model).getSingleResult();
        Number max = (Number) getEntityManager().createNativeQuery("select coalesce(max(version), 0) from model_fit where model = :model")
                .setParameter("model", model).getSingleResult();
        return max.intValue() + 1;
    }
}
