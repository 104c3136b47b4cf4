package io.clientbook.customer.merge;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.customer.change.FieldHistory;
import io.clientbook.customer.change.HistoryKind;
import io.clientbook.customer.customer.Caller;
import io.clientbook.customer.customer.CustomerService;
import io.clientbook.customer.customer.dto.CustomerInput;
import io.clientbook.customer.customer.dto.CustomerView;
import io.clientbook.customer.merge.dto.MergeRequest;
import io.clientbook.customer.order.OrderService;
import io.clientbook.events.customer.CustomerMerged;
import io.clientbook.events.customer.CustomerUnmerged;
import io.clientbook.platform.outbox.Outbox;
import io.clientbook.platform.problem.Problem;
import io.clientbook.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Merges duplicates into one survivor and undoes a merge. Everything happens in one transaction, with the
 * customers involved locked in id order (two merges over the same customers wait for each other instead of
 * deadlocking). A dry run does all of it and rolls back, so its answer is exactly what a merge would give.
 */
@ApplicationScoped
public class MergeService {


    private final CustomerService customers;
    private final OrderService orders;
    private final FieldHistory history;
    private final Outbox outbox;
    private final EntityManager entityManager;
    private final Survivorship survivorship;

    MergeService(CustomerService customers, OrderService orders, FieldHistory history, Outbox outbox, EntityManager entityManager,
            ObjectMapper json) {
        this.customers = customers;
        this.orders = orders;
        this.history = history;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.survivorship = new Survivorship(json);
    }

    public CustomerView merge(UUID survivorId, MergeRequest request, Caller caller) {
        List<UUID> duplicates = request.duplicateIds();
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<UUID> distinct = new HashSet<>();
        for (int i = 0; i < duplicates.size(); i++) {
            if (duplicates.get(i).equals(survivorId)) {
                errors.add(new Problem.FieldError("duplicateIds[" + i + "]", "is the customer merged into"));
            } else if (!distinct.add(duplicates.get(i))) {
                errors.add(new Problem.FieldError("duplicateIds[" + i + "]", "appears twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.Invalid(errors);
        }
        QuarkusTransaction.begin();
        try {
            CustomerView result = mergeLocked(survivorId, duplicates, caller);
            if (request.dryRun()) {
                QuarkusTransaction.rollback(); // the would-be result, and nothing changed
            } else {
                QuarkusTransaction.commit();
            }
            return result;
        } finally {
            if (QuarkusTransaction.isActive()) {
                QuarkusTransaction.rollback();
            }
        }
    }

    private CustomerView mergeLocked(UUID survivorId, List<UUID> duplicates, Caller caller) {
        List<UUID> lockOrder = new ArrayList<>(duplicates);
        lockOrder.add(survivorId);
        lockOrder.sort(null);
        Map<UUID, CustomerInput> inputs = new HashMap<>();
        for (UUID id : lockOrder) {
            try {
                inputs.put(id, customers.lockForMerge(id));
            } catch (ProblemException.NotFound e) {
                if (id.equals(survivorId)) {
                    throw e;
                }
                throw new ProblemException.Invalid("duplicateIds[" + duplicates.indexOf(id) + "]",
                        "no such customer, or archived or merged already");
            }
        }
        Survivorship.Side survivor = side(survivorId, inputs.get(survivorId));
        List<Survivorship.Side> merged = duplicates.stream().map(id -> side(id, inputs.get(id))).toList();
        CustomerInput result = survivorship.merge(survivor, merged);

        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<UUID, List<UUID>> movedOrders = new HashMap<>();
        for (UUID id : duplicates) {
            customers.mergeAway(id, survivorId, caller);
            movedOrders.put(id, orders.move(id, survivorId, null));
        }
        CustomerView view = customers.rewrite(survivorId, result, HistoryKind.MERGED, caller);
        for (UUID id : duplicates) {
            entityManager.persist(new CustomerMergeRecord(survivorId, id, now, caller.subject(), survivor.input(), inputs.get(id),
                    result, movedOrders.get(id)));
        }
        List<UUID> allOrders = movedOrders.values().stream().flatMap(List::stream).toList();
        outbox.record(CustomerMerged.TYPE, survivorId.toString(),
                new CustomerMerged(survivorId, List.copyOf(duplicates), view.version(), allOrders, now));
        return view;
    }

    /** Restores a merged customer with what was its own; the survivor gives back what came from it. */
    @Transactional
    public CustomerView unmerge(UUID survivorId, UUID mergedId, Caller caller) {
        List<CustomerMergeRecord> records = entityManager.createQuery("""
                        from CustomerMergeRecord m where m.mergedId = :merged and m.unmergedAt is null""", CustomerMergeRecord.class)
                .setParameter("merged", mergedId)
                .getResultList();
        if (records.isEmpty() || !records.getFirst().survivorId.equals(survivorId)) {
            throw new ProblemException(409, "/problems/not-merged", "Not merged into this customer",
                    "Customer " + mergedId + " is not merged into " + survivorId, List.of(new Problem.FieldError("customerId",
                    "is not merged into this customer")), Map.of());
        }
        CustomerMergeRecord record = records.getFirst();
        CustomerInput current = customers.lockForMerge(survivorId); // 404 with mergedInto if the survivor was merged since
        CustomerInput survivorNow = survivorship.unmerge(current, record.survivorBefore, record.mergedBefore, record.survivorAfter);
        CustomerView survivor = customers.rewrite(survivorId, survivorNow, HistoryKind.UNMERGED, caller);
        CustomerView restored = customers.restore(mergedId, record.mergedBefore, caller);
        List<UUID> movedBack = orders.move(survivorId, mergedId, record.orderIds);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        entityManager.createQuery("update CustomerMergeRecord m set m.unmergedAt = :now where m.id = :id")
                .setParameter("now", now).setParameter("id", record.id).executeUpdate();
        outbox.record(CustomerUnmerged.TYPE, survivorId.toString(),
                new CustomerUnmerged(survivorId, mergedId, movedBack, survivor.version(), restored.version(), now));
        return restored;
    }

    private Survivorship.Side side(UUID id, CustomerInput input) {
        Instant created = customers.createdAt(id);
        Map<String, Instant> changed = new HashMap<>(history.lastChanged(id));
        CustomerInput.FIELDS.forEach(field -> changed.putIfAbsent(field, created));
        return new Survivorship.Side(id, input, changed);
    }
}
