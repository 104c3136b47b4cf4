package io.clientbook.analytics.activity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/** The relationship facts per customer: one row per interaction, ticket step, SLA breach or survey answer. */
@ApplicationScoped
public class ActivityService {

    private final EntityManager entityManager;

    ActivityService(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records a fact once; a ticket resolved again after a reopen keeps its latest resolution. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String kind, UUID id, String detail, UUID customerId, Integer score, Boolean breached, Instant at) {
        entityManager.createNativeQuery("""
                        insert into customer_activity (kind, id, detail, customer_id, score, breached, at)
                        values (:kind, :id, :detail, :customer, :score, :breached, :at)
                        on conflict (kind, id, detail) do update set customer_id = excluded.customer_id, score = excluded.score,
                            breached = excluded.breached, at = excluded.at""")
                .setParameter("kind", kind).setParameter("id", id).setParameter("detail", detail == null ? "" : detail)
                .setParameter("customer", customerId).setParameter("score", score).setParameter("breached", breached)
                .setParameter("at", at).executeUpdate();
    }
}
