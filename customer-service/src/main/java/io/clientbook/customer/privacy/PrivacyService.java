package io.clientbook.customer.privacy;

import io.clientbook.customer.change.FieldHistory;
import io.clientbook.customer.customer.Caller;
import io.clientbook.customer.customer.CustomerService;
import io.clientbook.customer.customer.dto.CustomerView;
import io.clientbook.customer.loyalty.LoyaltyService;
import io.clientbook.customer.loyalty.dto.LedgerEntry;
import io.clientbook.customer.loyalty.dto.LoyaltyView;
import io.clientbook.customer.order.OrderService;
import io.clientbook.customer.privacy.dto.CustomerExport;
import io.clientbook.customer.privacy.dto.ErasureRequestView;
import io.clientbook.events.customer.CustomerErased;
import io.clientbook.events.privacy.ErasureConfirmed;
import io.clientbook.platform.outbox.Outbox;
import io.clientbook.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

/**
 * A person's rights over their data: an export of everything customer-service holds, and erasure across
 * the suite. customer-service erases its part in the request's own transaction; the other services hear
 * customer.erased, erase theirs and confirm with erasure.confirmed; the request completes when all have.
 */
@ApplicationScoped
public class PrivacyService {

    static final String SELF = "customer-service";
    private static final Logger LOG = Logger.getLogger(PrivacyService.class);

    private final CustomerService customers;
    private final OrderService orders;
    private final FieldHistory history;
    private final LoyaltyService loyalty;
    private final Outbox outbox;
    private final EntityManager entityManager;
    private final PrivacyConfig config;

    PrivacyService(CustomerService customers, OrderService orders, FieldHistory history, LoyaltyService loyalty, Outbox outbox,
            EntityManager entityManager, PrivacyConfig config) {
        this.customers = customers;
        this.orders = orders;
        this.history = history;
        this.loyalty = loyalty;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.config = config;
    }

    @Transactional
    public CustomerExport export(UUID customerId) {
        CustomerView customer = customers.get(customerId);
        List<LedgerEntry> ledger = new ArrayList<>();
        LoyaltyView standing;
        String cursor = null;
        do {
            standing = loyalty.get(customerId, cursor, 200);
            ledger.addAll(standing.transactions().items());
            cursor = standing.transactions().nextCursor();
        } while (cursor != null);
        return new CustomerExport(SELF, Instant.now().truncatedTo(ChronoUnit.MILLIS), customer, customers.mergedRecordsOf(customerId),
                orders.allOf(customerId), history.all(customerId),
                new CustomerExport.Loyalty(standing.level(), standing.balance(), standing.lifetimePoints(), ledger));
    }

    /** Erases the person here and asks every other service to; a second request answers with the first. */
    @Transactional
    public ErasureRequestView requestErasure(UUID customerId, Caller caller) {
        UUID id = customers.requireErasable(customerId);
        List<ErasureRequest> earlier = entityManager.createQuery("from ErasureRequest r where r.customerId = :customer", ErasureRequest.class)
                .setParameter("customer", id).getResultList();
        if (!earlier.isEmpty()) {
            return view(earlier.getFirst());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ErasureRequest request = new ErasureRequest(id, config.erasingServices(), now, caller.subject());
        List<UUID> merged = customers.erase(id, caller);
        request.confirm(SELF, now);
        entityManager.persist(request);
        outbox.record(CustomerErased.TYPE, id.toString(), new CustomerErased(id, request.id, merged, now));
        LOG.infof("Erasure %s of customer %s: customer-service done, waiting for %s", request.id, id,
                request.services.entrySet().stream().filter(e -> !ErasureRequest.COMPLETED.equals(e.getValue())).map(e -> e.getKey()).toList());
        return view(request);
    }

    public ErasureRequestView get(UUID requestId) {
        ErasureRequest request = entityManager.find(ErasureRequest.class, requestId);
        if (request == null) {
            throw new ProblemException.NotFound("Erasure request", requestId);
        }
        return view(request);
    }

    /** A service's confirmation; confirmations for unknown requests or services are logged and dropped. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void confirmed(ErasureConfirmed confirmation) {
        ErasureRequest request = entityManager.find(ErasureRequest.class, confirmation.erasureRequestId(),
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (request == null || !request.services.containsKey(confirmation.service())) {
            LOG.warnf("Erasure confirmation from %s for unknown request %s ignored", confirmation.service(), confirmation.erasureRequestId());
            return;
        }
        if (request.confirm(confirmation.service(), confirmation.completedAt())) {
            LOG.infof("Erasure %s completed by every service", request.id);
        }
    }

    private static ErasureRequestView view(ErasureRequest r) {
        return new ErasureRequestView(r.id, r.customerId, r.status, new LinkedHashMap<>(r.services), r.requestedAt, r.completedAt);
    }
}
