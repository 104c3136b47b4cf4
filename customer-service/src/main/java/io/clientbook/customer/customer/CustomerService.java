package io.clientbook.customer.customer;

import io.clientbook.customer.customer.dto.CreateCustomerRequest;
import io.clientbook.customer.customer.dto.CustomerView;
import io.clientbook.events.customer.CustomerCreated;
import io.clientbook.platform.outbox.Outbox;
import io.clientbook.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The rules of customer records; every write commits its event through the outbox. */
@ApplicationScoped
public class CustomerService {

    private final CustomerRepository customers;
    private final CustomerMapper mapper;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    CustomerService(CustomerRepository customers, CustomerMapper mapper, Outbox outbox) {
        this.customers = customers;
        this.mapper = mapper;
        this.outbox = outbox;
    }

    /**
     * Creates a customer owned by {@code ownerId} when the request names none, and records
     * {@code customer.created} in the same transaction.
     */
    @Transactional
    public CustomerView create(@NotNull @Valid CreateCustomerRequest request, String callerId) {
        if (request.emailsOrEmpty().stream().filter(e -> e.primary()).count() > 1) {
            throw new ProblemException.Invalid("emails", "at most one address can be primary");
        }
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        String owner = request.ownerId() != null ? request.ownerId() : callerId;
        Customer customer = Customer.create(request.displayName().strip(), mapper.toEmails(request.emailsOrEmpty()), owner, now);
        customers.persist(customer);
        outbox.record(CustomerCreated.TYPE, customer.id().toString(),
                CustomerCreated.of(customer.id(), customer.ownerId(), customer.createdAt()));
        return mapper.toView(customer);
    }

    public CustomerView get(UUID id) {
        return customers.findByIdOptional(id)
                .map(mapper::toView)
                .orElseThrow(() -> new ProblemException.NotFound("Customer", id));
    }
}
