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

    @FunctionalInterface
    private interface RowWrite {
        BatchResult.Row write(int index, JsonNode item) throws JsonProcessingException;
    }

    private final CustomerService customers;
    private final OrderService orders;
    private final ObjectMapper json;
    private final CustomerConfig config;
    private final EntityManager entityManager;

    BatchService(CustomerService customers, OrderService orders, ObjectMapper json, CustomerConfig config,
            EntityManager entityManager) {
        this.customers = customers;
        this.orders = orders;
        this.json = json;
        this.config = config;
        this.entityManager = entityManager;
    }

    public BatchResult upsertCustomers(List<JsonNode> items, Caller caller) {
        return run(items, (index, item) -> {
            CustomerService.WriteResult result = customers.sync(item, caller);
            return new BatchResult.Row(index, result.outcome().name().toLowerCase(Locale.ROOT), result.customer().id(), List.of(),
                    result.customer().warnings() == null ? List.of()
                            : result.customer().warnings().stream().map(w -> w.code() + ": " + w.message()
                                    + (w.customerId() == null ? "" : " (" + w.customerId() + ")")).toList());
        });
    }

    public BatchResult upsertOrders(List<JsonNode> items, Caller caller) {
        return run(items, (index, item) -> {
            OrderInput input = json.treeToValue(item, OrderInput.class);
            if (input == null || input.source() == null || input.externalId() == null) {
                throw new ProblemException.Invalid(input != null && input.source() != null ? "externalId" : "source",
                        "is required in a batch item");
            }
            OrderService.WriteResult result = orders.upsert(input.source(), input.externalId(), input, caller);
            return new BatchResult.Row(index, result.outcome().name().toLowerCase(Locale.ROOT), result.order().id(), List.of(), List.of());
        });
    }

    private BatchResult run(List<JsonNode> items, RowWrite write) {
        if (items == null) {
            throw new ProblemException.Invalid("items", "is required");
        }
        if (items.size() > config.maxBatchSize()) {
            throw new ProblemException(413, "/problems/batch-too-large", "Batch too large",
                    "A batch takes at most " + config.maxBatchSize() + " items; this one has " + items.size(), List.of(), Map.of());
        }
        try {
            return QuarkusTransaction.requiringNew().timeout(300).call(() -> new BatchResult(rows(items, write)));
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
            return new BatchResult(results);
        }
    }

    private List<BatchResult.Row> rows(List<JsonNode> items, RowWrite write) {
        List<BatchResult.Row> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            try {
                results.add(write.write(i, items.get(i)));
                // A finished row's entities are not needed again: keep the session small, or every
                // later flush would check all of them.
                entityManager.flush();
                entityManager.clear();
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
