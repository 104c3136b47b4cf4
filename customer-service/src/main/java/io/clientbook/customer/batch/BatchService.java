package io.clientbook.customer.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.customer.batch.dto.BatchResult;
import io.clientbook.customer.customer.Caller;
import io.clientbook.customer.customer.CustomerConfig;
import io.clientbook.customer.customer.CustomerService;
import io.clientbook.customer.order.OrderService;
import io.clientbook.customer.order.dto.OrderInput;
import io.clientbook.platform.problem.Problem;
import io.clientbook.platform.problem.ProblemException;
import io.clientbook.platform.problem.ProblemMappers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import io.clientbook.customer.customer.DuplicateFinder;
import io.clientbook.customer.customer.ExternalIdRegistry;
import io.clientbook.customer.customer.dto.ExternalId;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import jakarta.validation.ConstraintViolationException;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Batch upserts with a result per row. All rows run in one transaction for speed; a refused row (invalid,
 * conflicting) is reported and skipped without touching the others. Should the database refuse the whole
 * transaction (say, a concurrent request took an external id), the batch is redone row by row, each in its
 * own transaction, so one bad row still never blocks the rest.
 */
@ApplicationScoped
public class BatchService {

    private static final Logger LOG = Logger.getLogger(BatchService.class);
    private static final int FLUSH_EVERY = 100;

    @FunctionalInterface
    private interface RowWrite {
        BatchResult.Row write(int index, JsonNode item) throws JsonProcessingException;
    }

    /** Thrown by a batch's {@code alsoInTransaction} to undo the whole batch (its job was cancelled or taken over). */
    public static final class Abandoned extends RuntimeException {
        public Abandoned(String why) {
            super(why, null, false, false);
        }
    }

    private final CustomerService customers;
    private final OrderService orders;
    private final ObjectMapper json;
    private final CustomerConfig config;
    private final EntityManager entityManager;
    private final ExternalIdRegistry externalIds;
    private final DuplicateFinder duplicates;

    BatchService(CustomerService customers, OrderService orders, ObjectMapper json, CustomerConfig config,
            EntityManager entityManager, ExternalIdRegistry externalIds, DuplicateFinder duplicates) {
        this.duplicates = duplicates;
        this.externalIds = externalIds;
        this.customers = customers;
        this.orders = orders;
        this.json = json;
        this.config = config;
        this.entityManager = entityManager;
    }

    public BatchResult upsertCustomers(List<JsonNode> items, Caller caller) {
        return upsertCustomers(items, caller, result -> { });
    }

    public BatchResult upsertOrders(List<JsonNode> items, Caller caller) {
        return upsertOrders(items, caller, result -> { });
    }

    /**
     * A batch of customers whose outcome {@code alsoInTransaction} records in the batch's own transaction (an import
     * job's progress), so the rows and the record of them commit together.
     */
    public BatchResult upsertCustomers(List<JsonNode> items, Caller caller, java.util.function.Consumer<BatchResult> alsoInTransaction) {
        return run(items, alsoInTransaction, () -> {
            externalIds.preload(keysOf(items));
            duplicates.prefetchForBatch(items);
        }, (index, item) -> {
            CustomerService.WriteResult result = customers.sync(item, caller);
            return new BatchResult.Row(index, result.outcome().name().toLowerCase(Locale.ROOT), result.customer().id(), List.of(),
                    result.customer().warnings() == null ? List.of()
                            : result.customer().warnings().stream().map(w -> w.code() + ": " + w.message()
                                    + (w.customerId() == null ? "" : " (" + w.customerId() + ")")).toList());
        });
    }

    /** Orders, as {@link #upsertCustomers(List, Caller, java.util.function.Consumer)}. */
    public BatchResult upsertOrders(List<JsonNode> items, Caller caller, java.util.function.Consumer<BatchResult> alsoInTransaction) {
        return run(items, alsoInTransaction, () -> externalIds.preload(items.stream()
                .map(i -> i.path("customer"))
                .filter(c -> c.hasNonNull("source") && c.hasNonNull("externalId"))
                .map(c -> new ExternalId(c.get("source").asText(), c.get("externalId").asText()))
                .collect(Collectors.toSet())), (index, item) -> {
            OrderInput input = json.treeToValue(item, OrderInput.class);
            if (input == null || input.source() == null || input.externalId() == null) {
                throw new ProblemException.Invalid(input != null && input.source() != null ? "externalId" : "source",
                        "is required in a batch item");
            }
            OrderService.WriteResult result = orders.upsert(input.source(), input.externalId(), input, caller);
            return new BatchResult.Row(index, result.outcome().name().toLowerCase(Locale.ROOT), result.order().id(), List.of(), List.of());
        });
    }

    /** The first external id of each item: how customers in a batch are matched. */
    private static Set<ExternalId> keysOf(List<JsonNode> items) {
        Set<ExternalId> keys = new HashSet<>();
        for (JsonNode item : items) {
            JsonNode first = item.path("externalIds").path(0);
            if (first.hasNonNull("source") && first.hasNonNull("externalId")) {
                keys.add(new ExternalId(first.get("source").asText(), first.get("externalId").asText()));
            }
        }
        return keys;
    }

    private BatchResult run(List<JsonNode> items, java.util.function.Consumer<BatchResult> alsoInTransaction, Runnable prepare, RowWrite write) {
        if (items == null) {
            throw new ProblemException.Invalid("items", "is required");
        }
        if (items.size() > config.maxBatchSize()) {
            throw new ProblemException(413, "/problems/batch-too-large", "Batch too large",
                    "A batch takes at most " + config.maxBatchSize() + " items; this one has " + items.size(), List.of(), Map.of());
        }
        try {
            return QuarkusTransaction.requiringNew().timeout(300).call(() -> {
                // Rows are written in JDBC batches at each flush; lookups read committed data plus what this
                // batch remembers (ExternalIdRegistry), so a query need not flush the rows before it.
                entityManager.setFlushMode(FlushModeType.COMMIT);
                // Every lookup a batch makes is selective. While a table grows fast its statistics lag, and the
                // planner then scans the whole table once per row; this transaction never wants that.
                entityManager.createNativeQuery("set local enable_seqscan = off").executeUpdate();
                prepare.run();
                BatchResult result = new BatchResult(rows(items, write));
                entityManager.flush();
                alsoInTransaction.accept(result);
                return result;
            });
        } catch (Abandoned abandoned) {
            throw abandoned;
        } catch (RuntimeException failure) {
            LOG.infof("Batch of %d items refused as a whole (%s); redoing it row by row", items.size(),
                    failure.getClass().getSimpleName());
            List<BatchResult.Row> results = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                int index = i;
                try {
                    results.add(QuarkusTransaction.requiringNew().call(() -> rows(List.of(items.get(index)), (ignored, item) ->
                            write.write(index, item)).getFirst()));
                } catch (RuntimeException rowFailure) {
                    results.add(new BatchResult.Row(index, "error", null,
                            List.of(new Problem.FieldError("body", "conflicts with a record written at the same time; retry it")), List.of()));
                }
            }
            BatchResult result = new BatchResult(results);
            QuarkusTransaction.requiringNew().run(() -> alsoInTransaction.accept(result));
            return result;
        }
    }

    private List<BatchResult.Row> rows(List<JsonNode> items, RowWrite write) {
        List<BatchResult.Row> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            try {
                results.add(write.write(i, items.get(i)));
                if (i % FLUSH_EVERY == FLUSH_EVERY - 1) {
                    // finished rows are not needed again: keep the session small, or every flush checks them all
                    entityManager.flush();
                    entityManager.clear();
                }
            } catch (ConstraintViolationException e) {
                results.add(error(i, ProblemMappers.fieldErrors(e)));
            } catch (JsonProcessingException e) {
                results.add(error(i, List.of(ProblemMappers.fieldError(e))));
            } catch (ProblemException e) {
                results.add(error(i, e.errors().isEmpty() ? List.of(new Problem.FieldError("body", e.getMessage())) : e.errors()));
            } catch (IllegalArgumentException e) {
                results.add(error(i, List.of(new Problem.FieldError("body", "has a value of the wrong type or format"))));
            }
        }
        return results;
    }

    private static BatchResult.Row error(int index, List<Problem.FieldError> errors) {
        return new BatchResult.Row(index, "error", null, errors, List.of());
    }
}
