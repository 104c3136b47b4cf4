package io.clientbook.customer.customer;

import io.clientbook.platform.security.OwnerVisibility;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientbook.customer.change.ChangeChannel;
import io.clientbook.customer.change.ChangeFeed;
import io.clientbook.customer.change.FieldHistory;
import io.clientbook.customer.change.HistoryKind;
import io.clientbook.customer.customer.dto.Consent;
import io.clientbook.customer.customer.dto.CustomerInput;
import io.clientbook.customer.customer.dto.CustomerKind;
import io.clientbook.customer.customer.dto.CustomerView;
import io.clientbook.customer.customer.dto.DuplicateCandidate;
import io.clientbook.customer.customer.dto.DuplicatePage;
import io.clientbook.customer.customer.dto.Email;
import io.clientbook.customer.customer.dto.ExternalId;
import io.clientbook.customer.customer.dto.LifecycleStage;
import io.clientbook.customer.customer.dto.Phone;
import io.clientbook.customer.customer.dto.PostalAddress;
import io.clientbook.events.customer.CustomerArchived;
import io.clientbook.events.customer.CustomerCreated;
import io.clientbook.events.customer.CustomerUpdated;
import io.clientbook.platform.outbox.Outbox;
import io.clientbook.platform.problem.Problem;
import io.clientbook.platform.problem.ProblemException;
import io.clientbook.platform.web.JsonMergePatch;
import io.clientbook.platform.web.Preconditions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rules of customer records: who may set what, how contacts are normalised, when a new record is a
 * duplicate, and that every change is recorded as an event in the same transaction.
 */
@ApplicationScoped
public class CustomerService {

    private static final Pattern SOURCE = Pattern.compile("[a-z0-9:._-]{1,200}");
    private static final CustomerInput NOTHING = new CustomerInput(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** What a write did. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    public record WriteResult(Outcome outcome, CustomerView customer) {
    }

    private final CustomerRepository customers;
    private final CustomerMapper mapper;
    private final ExternalIdRegistry externalIds;
    private final DuplicateFinder duplicates;
    private final Outbox outbox;
    private final Validator validator;
    private final ObjectMapper json;
    private final CustomerConfig config;
    private final EntityManager entityManager;
    private final FieldHistory history;
    private final ChangeFeed feed;
    private final OwnerVisibility access;

    CustomerService(CustomerRepository customers, CustomerMapper mapper, ExternalIdRegistry externalIds,
            DuplicateFinder duplicates, Outbox outbox, Validator validator, ObjectMapper json, CustomerConfig config,
            EntityManager entityManager, FieldHistory history, ChangeFeed feed, OwnerVisibility access) {
        this.access = access;
        this.history = history;
        this.feed = feed;
        this.customers = customers;
        this.mapper = mapper;
        this.externalIds = externalIds;
        this.duplicates = duplicates;
        this.outbox = outbox;
        this.validator = validator;
        this.json = json;
        this.config = config;
        this.entityManager = entityManager;
    }

    // --- reads ------------------------------------------------------------------------------------------

    public CustomerView get(UUID id) {
        return mapper.toView(find(id));
    }

    public CustomerView getByExternalId(String source, String externalId) {
        UUID id = externalIds.owner(source, externalId)
                .orElseThrow(() -> new ProblemException.NotFound("No customer has external id " + source + "/" + externalId, Map.of()));
        return get(id);
    }

    /** Customers that may be the same as this one, most likely first. */
    public DuplicatePage duplicatesOf(UUID id) {
        Customer customer = find(id);
        return new DuplicatePage(duplicates.of(mapper.toInput(customer), customer.id, customer.companyId, customer.searchText), null);
    }

    /** A 404 unless the customer exists, archived or not. */
    public void requireKnown(UUID id) {
        Customer customer = customers.findById(id);
        if (customer == null || !access.maySee(customer.ownerId)) {
            throw new ProblemException.NotFound("Customer", id);
        }
    }

    Customer find(UUID id) {
        Customer customer = customers.findById(id);
        if (customer != null && customer.mergedInto != null && access.maySee(customer.ownerId)) {
            UUID survivor = survivorOf(customer);
            throw new ProblemException.NotFound("Customer " + id + " was merged into " + survivor, Map.of("mergedInto", survivor));
        }
        if (customer == null || customer.archived() || !access.maySee(customer.ownerId)) {
            throw new ProblemException.NotFound("Customer", id);
        }
        return customer;
    }

    /** The customer a merged one lives on in, following merges of merges. */
    private UUID survivorOf(Customer merged) {
        Customer current = merged;
        for (int hops = 0; hops < 100 && current.mergedInto != null; hops++) {
            current = customers.findById(current.mergedInto);
        }
        return current.id;
    }

    // --- erasure ----------------------------------------------------------------------------------------

    /** The records merged into this customer, directly or through merges of merges, as they were kept. */
    public List<CustomerView> mergedRecordsOf(UUID id) {
        List<CustomerView> records = new ArrayList<>();
        List<UUID> frontier = List.of(id);
        while (!frontier.isEmpty()) {
            List<Customer> next = customers.list("mergedInto in ?1", frontier);
            next.forEach(c -> records.add(mapper.toView(c)));
            frontier = next.stream().map(c -> c.id).toList();
        }
        return records;
    }

    /** The customer to erase: an active or archived record, not one merged away (erase its survivor). */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID requireErasable(UUID id) {
        Customer customer = customers.findById(id);
        if (customer != null && customer.mergedInto != null) {
            find(id); // 404 naming the survivor
        }
        if (customer == null) {
            throw new ProblemException.NotFound("Customer", id);
        }
        entityManager.lock(customer, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        return customer.id;
    }

    /**
     * Irreversibly anonymises the customer and every record merged into it (the same person): personal
     * fields, external ids, consents, the values in its field history, merge snapshots and stored
     * idempotent responses. Orders and the loyalty ledger stay, pointing at the anonymous record.
     * Returns the ids of the merged records erased with it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> erase(UUID id, Caller caller) {
        List<UUID> merged = new ArrayList<>();
        List<UUID> frontier = List.of(id);
        while (!frontier.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<UUID> next = entityManager.createNativeQuery("select id from customer where merged_into = any(:ids)")
                    .setParameter("ids", frontier.toArray(UUID[]::new)).getResultList();
            merged.addAll(next);
            frontier = next;
        }
        List<UUID> all = new ArrayList<>(merged);
        all.add(id);
        UUID[] ids = all.toArray(UUID[]::new);
        entityManager.createNativeQuery("delete from customer_merge where survivor_id = any(:ids) or merged_id = any(:ids)")
                .setParameter("ids", ids).executeUpdate();
        for (UUID each : all) {
            anonymise(customers.findById(each), caller);
        }
        entityManager.createNativeQuery("delete from idempotency_record where position(convert_to(:id, 'UTF8') in body) > 0")
                .setParameter("id", id.toString()).executeUpdate();
        // published events are kept a while for diagnosis; customer.updated ones carry old and new values
        entityManager.createNativeQuery("delete from outbox where aggregateid = any(:ids) and published_at is not null")
                .setParameter("ids", all.stream().map(UUID::toString).toArray(String[]::new)).executeUpdate();
        return merged;
    }

    private void anonymise(Customer customer, Caller caller) {
        Instant now = now();
        externalIds.release(customer.id);
        CustomerInput anonymous = new CustomerInput(customer.kind, "Erased customer", null, null, null, null, null, null,
                List.of(), List.of(), List.of(), null, null, null, null, null, null, List.of(), Map.of(), customer.ownerId, null,
                List.of(), List.of(), customer.tier, customer.lifecycleStage, customer.membershipLevel, null);
        mapper.apply(anonymous, customer);
        customer.companyId = null;
        customer.erasedAt = now;
        customer.archivedAt = customer.archivedAt == null ? now : customer.archivedAt;
        customer.updatedAt = now;
        entityManager.flush();
        history.forgetValues(customer.id);
        history.record(customer.id, customer.version, HistoryKind.ERASED, now, caller.subject(), ChangeChannel.API, List.of());
        feed.record("customer", customer.id, customer.id, "customer.erased", customer.version, null, now);
    }

    // --- merges (the rules of survivorship live in the merge package) -----------------------------------

    /** An active customer's writable fields, locked until the transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CustomerInput lockForMerge(UUID id) {
        Customer customer = find(id);
        entityManager.lock(customer, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        return mapper.toInput(customer);
    }

    /** When the record was created: the age of every field nobody has changed since. */
    public Instant createdAt(UUID id) {
        return customers.findById(id).createdAt;
    }

    /** Archives a customer as merged into {@code survivor}, freeing its external ids for the survivor. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void mergeAway(UUID id, UUID survivor, Caller caller) {
        Customer customer = find(id);
        customer.archivedAt = now();
        customer.updatedAt = customer.archivedAt;
        customer.mergedInto = survivor;
        externalIds.release(customer.id); // flushes: the new version is known
        history.record(customer.id, customer.version, HistoryKind.MERGED, customer.updatedAt, caller.subject(), ChangeChannel.MERGE,
                List.of());
        feed.record("customer", customer.id, customer.id, "customer.merged", customer.version, null, customer.updatedAt);
    }

    /** Gives the survivor of a merge (or an unmerge) its new fields; the change is recorded like any other. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CustomerView rewrite(UUID id, CustomerInput after, HistoryKind kind, Caller caller) {
        Customer customer = find(id);
        CustomerInput before = mapper.toInput(customer);
        if (!write(customer, before, normalise(after, customer, Provenance.SYNC), false, caller, ChangeChannel.MERGE, kind)) {
            // nothing of the survivor's changed, but the merge happened to it all the same
            history.record(customer.id, customer.version, kind, now(), caller.subject(), ChangeChannel.MERGE, List.of());
        }
        return mapper.toView(customer);
    }

    /** Brings a merged customer back with the fields it had before the merge, external ids included. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CustomerView restore(UUID id, CustomerInput own, Caller caller) {
        entityManager.flush(); // the survivor's rewrite freed this customer's external ids: delete them before re-adding
        Customer customer = customers.findById(id);
        if (customer == null || customer.mergedInto == null) {
            throw new ProblemException(409, "/problems/not-merged", "Not merged", "Customer " + id + " is not merged", List.of(), Map.of());
        }
        CustomerInput before = mapper.toInput(customer);
        List<CustomerUpdated.Change> changes = changes(before, own);
        customer.archivedAt = null;
        customer.mergedInto = null;
        customer.updatedAt = now();
        mapper.apply(own, customer);
        entityManager.flush();
        externalIds.replace(customer.id, List.of(), own.externalIdsOrEmpty());
        history.record(customer.id, customer.version, HistoryKind.UNMERGED, customer.updatedAt, caller.subject(), ChangeChannel.MERGE,
                changes);
        feed.record("customer", customer.id, customer.id, "customer.unmerged", customer.version,
                changes.stream().map(CustomerUpdated.Change::field).toList(), customer.updatedAt);
        return mapper.toView(customer);
    }

    // --- writes -----------------------------------------------------------------------------------------

    /**
     * Creates a customer. A normalised e-mail, phone or external id that another customer has already is a
     * {@code 409} listing the candidates, unless {@code allowDuplicate}; an external id can never be shared.
     */
    @Transactional
    public CustomerView create(CustomerInput input, boolean allowDuplicate, Caller caller) {
        requireValid(input);
        CustomerInput owned = withDefaultOwner(input, caller);
        checkRestrictedFields(NOTHING, owned, caller);
        Customer customer = Customer.newCustomer(now());
        CustomerInput normalised = normalise(owned, null, Provenance.USER);
        List<DuplicateCandidate> candidates = duplicates.candidates(normalised, customer.id);
        boolean externalIdTaken = candidates.stream().anyMatch(c -> c.matchedOn().contains("externalId"));
        if (!candidates.isEmpty() && (externalIdTaken || !allowDuplicate)) {
            throw new ProblemException(409, "/problems/duplicate", "Possible duplicate",
                    externalIdTaken ? "Another customer already has this external id"
                            : "Customers with the same e-mail, phone or external id exist; send allowDuplicate=true to create anyway",
                    List.of(), Map.of("candidates", candidates));
        }
        write(customer, NOTHING, normalised, true, caller, ChangeChannel.API);
        return mapper.toView(customer).withWarnings(similarNames(customer));
    }

    /** Applies a JSON merge patch to the customer the caller last read ({@code If-Match}). */
    @Transactional
    public CustomerView patch(UUID id, JsonNode patch, String ifMatch, Caller caller) throws JsonProcessingException {
        if (patch == null || !patch.isObject()) {
            throw new ProblemException.Invalid("body", "must be a JSON object (a merge patch)");
        }
        Customer customer = find(id);
        Preconditions.requireMatch(ifMatch, customer.version);
        CustomerInput before = mapper.toInput(customer);
        CustomerInput after = parse(JsonMergePatch.apply(json.valueToTree(before), patch));
        requireValid(after);
        checkRestrictedFields(before, after, caller);
        write(customer, before, normalise(after, customer, Provenance.USER), false, caller, ChangeChannel.API);
        return mapper.toView(customer);
    }

    /** Archives (soft-deletes) the customer the caller last read. */
    @Transactional
    public void archive(UUID id, String ifMatch, Caller caller) {
        Customer customer = find(id);
        Preconditions.requireMatch(ifMatch, customer.version);
        customer.archivedAt = now();
        customer.updatedAt = customer.archivedAt;
        externalIds.release(customer.id);
        entityManager.flush();
        outbox.record(CustomerArchived.TYPE, customer.id.toString(), new CustomerArchived(customer.id, customer.archivedAt));
        history.record(customer.id, customer.version, HistoryKind.ARCHIVED, customer.archivedAt, caller.subject(), ChangeChannel.API, List.of());
        feed.record("customer", customer.id, customer.id, CustomerArchived.TYPE.name(), customer.version, null, customer.archivedAt);
    }

    /**
     * Archives a customer because the system that brought it deleted it (a shop's customers/delete), inside the
     * caller's transaction: only when no other source knows the customer, and never one already archived. True when
     * it was archived.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean archiveDeletedAtSource(UUID id, String source, Caller caller) {
        Customer customer = customers.findById(id);
        if (customer == null || customer.archivedAt != null
                || mapper.toInput(customer).externalIdsOrEmpty().stream().anyMatch(e -> !e.source().equals(source))) {
            return false;
        }
        customer.archivedAt = now();
        customer.updatedAt = customer.archivedAt;
        externalIds.release(customer.id);
        entityManager.flush();
        outbox.record(CustomerArchived.TYPE, customer.id.toString(), new CustomerArchived(customer.id, customer.archivedAt));
        history.record(customer.id, customer.version, HistoryKind.ARCHIVED, customer.archivedAt, caller.subject(), ChangeChannel.SYNC, List.of());
        feed.record("customer", customer.id, customer.id, CustomerArchived.TYPE.name(), customer.version, null, customer.archivedAt);
        return true;
    }

    /**
     * Creates or updates the customer a system knows as (source, externalId). Fields absent from the body
     * stay as they are; external ids are added, never dropped; data older (by {@code sourceUpdatedAt}) than
     * what is stored changes nothing. Duplicates are never refused here, only reported as warnings.
     */
    @Transactional
    public WriteResult upsertByExternalId(String source, String externalId, JsonNode body, Caller caller)
            throws JsonProcessingException {
        return upsert(new ExternalId(source, externalId), body, caller);
    }

    /**
     * A synced record inside the caller's transaction (batches, imports): upserted by its first external id
     * when it has one, otherwise created. Never refused as a duplicate; duplicates come back as warnings.
     * A refused row (invalid, conflicting) leaves the transaction usable for the other rows.
     */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = {ProblemException.class, ConstraintViolationException.class})
    public WriteResult sync(JsonNode body, Caller caller) throws JsonProcessingException {
        if (body == null || !body.isObject()) {
            throw new ProblemException.Invalid("body", "must be a JSON object");
        }
        JsonNode ids = body.get("externalIds");
        if (ids != null && ids.isArray() && !ids.isEmpty()) {
            return upsert(new ExternalId(ids.get(0).path("source").asText(null), ids.get(0).path("externalId").asText(null)),
                    body, caller);
        }
        return createSynced(((ObjectNode) body).deepCopy(), caller);
    }

    /** The same as {@link #upsertByExternalId} inside the caller's transaction. */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = {ProblemException.class, ConstraintViolationException.class})
    public WriteResult upsert(ExternalId key, JsonNode body, Caller caller) throws JsonProcessingException {
        requireExternalId(key);
        if (body == null || !body.isObject()) {
            throw new ProblemException.Invalid("body", "must be a JSON object");
        }
        var existing = externalIds.owner(key.source(), key.externalId()).map(customers::findById);
        if (existing.isEmpty()) {
            ObjectNode document = ((ObjectNode) body).deepCopy();
            document.set("externalIds", withPair(document.get("externalIds"), key, List.of()));
            return createSynced(document, caller);
        }
        Customer customer = existing.get();
        Instant incoming = sourceUpdatedAt(body);
        if (incoming != null && customer.sourceUpdatedAt != null && incoming.isBefore(customer.sourceUpdatedAt)) {
            return new WriteResult(Outcome.UNCHANGED, mapper.toView(customer));
        }
        CustomerInput before = mapper.toInput(customer);
        ObjectNode merged = (ObjectNode) JsonMergePatch.apply(json.valueToTree(before), body);
        merged.set("externalIds", withPair(body.get("externalIds"), key, before.externalIdsOrEmpty()));
        CustomerInput after = parse(merged);
        requireValid(after);
        checkRestrictedFields(before, after, caller);
        boolean changed = write(customer, before, normalise(after, customer, Provenance.SYNC), false, caller, ChangeChannel.SYNC);
        return new WriteResult(changed ? Outcome.UPDATED : Outcome.UNCHANGED, mapper.toView(customer));
    }

    /** The body's {@code sourceUpdatedAt}, read before the rest is validated (it decides whether to apply at all). */
    private static Instant sourceUpdatedAt(JsonNode body) {
        JsonNode value = body.get("sourceUpdatedAt");
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            if (!value.isTextual()) {
                throw new java.time.format.DateTimeParseException("not text", value.toString(), 0);
            }
            return java.time.OffsetDateTime.parse(value.textValue()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new ProblemException.Invalid("sourceUpdatedAt", "must be a date-time with an offset, such as 2026-01-31T10:00:00Z");
        }
    }

    private WriteResult createSynced(ObjectNode document, Caller caller) throws JsonProcessingException {
        CustomerInput input = withDefaultOwner(parse(document), caller);
        requireValid(input);
        checkRestrictedFields(NOTHING, input, caller);
        Customer customer = Customer.newCustomer(now());
        CustomerInput normalised = normalise(input, null, Provenance.SYNC);
        List<CustomerView.Warning> warnings = new ArrayList<>(duplicates.candidates(normalised, customer.id).stream()
                .map(d -> new CustomerView.Warning("possible-duplicate", "shares " + String.join(", ", d.matchedOn())
                        + " with another customer", d.id()))
                .toList());
        write(customer, NOTHING, normalised, true, caller, ChangeChannel.SYNC);
        warnings.addAll(similarNames(customer));
        return new WriteResult(Outcome.CREATED, mapper.toView(customer).withWarnings(warnings));
    }

    /** Finds or creates the customer a system knows as (source, externalId), for an order naming it. */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = {ProblemException.class, ConstraintViolationException.class})
    public UUID ensureByExternalId(ExternalId key, Caller caller) throws JsonProcessingException {
        requireExternalId(key);
        var owner = externalIds.owner(key.source(), key.externalId());
        if (owner.isPresent()) {
            return owner.get();
        }
        ObjectNode body = json.createObjectNode().put("displayName", "Customer " + key.externalId() + " (" + key.source() + ")");
        return upsert(key, body, caller).customer().id();
    }

    /** A tier from analytics; a tier pinned by hand is left alone. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void classifyTier(UUID customerId, String tier) {
        Customer customer = customers.findById(customerId);
        if (customer == null || customer.archived() || customer.tierPinned || Objects.equals(customer.tier, tier)) {
            return;
        }
        CustomerInput before = mapper.toInput(customer);
        write(customer, before, copyWith(before, "tier", tier), false, Caller.system(), ChangeChannel.ANALYTICS);
    }

    /** The membership level from the loyalty ledger. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void setMembershipLevel(UUID customerId, String level) {
        Customer customer = customers.findById(customerId);
        if (customer == null || customer.archived() || Objects.equals(customer.membershipLevel, level)) {
            return;
        }
        CustomerInput before = mapper.toInput(customer);
        write(customer, before, copyWith(before, "membershipLevel", level), false, Caller.system(), ChangeChannel.LOYALTY);
    }

    /** A lifecycle stage from analytics. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void classifyLifecycleStage(UUID customerId, LifecycleStage stage) {
        Customer customer = customers.findById(customerId);
        if (customer == null || customer.archived() || customer.lifecycleStage == stage) {
            return;
        }
        CustomerInput before = mapper.toInput(customer);
        write(customer, before, copyWith(before, "lifecycleStage", stage == null ? null : stage.apiName()), false, Caller.system(),
                ChangeChannel.ANALYTICS);
    }

    /**
     * The customer unsubscribed from a message or its address bounced for good (interaction-service's
     * {@code consent.revoked}): the consent for that channel and purpose becomes one entry, not granted.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revokeConsent(UUID customerId, Consent.Channel channel, Consent.Purpose purpose, Instant at) {
        Customer customer = customers.findById(customerId);
        if (customer == null || customer.archived()) {
            return;
        }
        CustomerInput before = mapper.toInput(customer);
        List<Consent> current = before.consents() == null ? List.of() : before.consents();
        boolean alreadyRevoked = current.stream().filter(c -> c.channel() == channel && c.purpose() == purpose)
                .reduce((first, second) -> second).map(c -> !c.granted()).orElse(false);
        if (alreadyRevoked) {
            return;
        }
        List<Consent> revoked = new ArrayList<>(current.stream().filter(c -> c.channel() != channel || c.purpose() != purpose).toList());
        revoked.add(new Consent(channel, purpose, false, Consent.Basis.CONSENT, at));
        write(customer, before, copyWith(before, "consents", revoked), false, Caller.system(), ChangeChannel.INTERACTION);
    }

    // --- the one write path ---------------------------------------------------------------------------

    /** Stores {@code after} and records the event, the history entry and the feed entry; returns whether anything changed. */
    private boolean write(Customer customer, CustomerInput before, CustomerInput after, boolean isNew, Caller caller,
            ChangeChannel channel) {
        return write(customer, before, after, isNew, caller, channel, isNew ? HistoryKind.CREATED : HistoryKind.UPDATED);
    }

    private boolean write(Customer customer, CustomerInput before, CustomerInput after, boolean isNew, Caller caller,
            ChangeChannel channel, HistoryKind kind) {
        checkCompany(after, customer.id);
        List<CustomerUpdated.Change> changes = isNew ? List.of() : changes(before, after);
        if (!isNew && changes.isEmpty()) {
            return false;
        }
        for (ExternalId pair : after.externalIdsOrEmpty()) {
            externalIds.owner(pair.source(), pair.externalId()).filter(owner -> !owner.equals(customer.id)).ifPresent(owner -> {
                throw new ProblemException(409, "/problems/duplicate", "External id taken",
                        "Another customer already has external id " + pair.source() + "/" + pair.externalId(), List.of(),
                        Map.of("candidates", List.of(new DuplicateCandidate(owner, null, List.of("externalId")))));
            });
        }
        boolean tierChangedByHand = !Objects.equals(before.tier(), after.tier()) && caller.mayClassify();
        List<ExternalId> previousIds = isNew ? List.of() : List.copyOf(customer.externalIds);
        boolean wasPinned = customer.tierPinned;
        mapper.apply(after, customer);
        if (tierChangedByHand) {
            customer.tierPinned = after.tier() != null;
            if (!isNew && wasPinned != customer.tierPinned) { // analytics leaves a pinned tier alone, so it must hear of the pin
                changes = new ArrayList<>(changes);
                changes.add(new CustomerUpdated.Change("tierPinned", wasPinned, customer.tierPinned));
            }
        }
        if (isNew && customer.lifecycleStage == null) {
            customer.lifecycleStage = LifecycleStage.PROSPECT; // no purchase yet; analytics moves it on from the first order
        }
        if (isNew) {
            customers.persist(customer);
        } else {
            customer.updatedAt = now();
            entityManager.flush(); // the new version goes into the event and the ETag
        }
        externalIds.replace(customer.id, previousIds, after.externalIdsOrEmpty());
        duplicates.written(customer);
        if (isNew) {
            outbox.record(CustomerCreated.TYPE, customer.id.toString(),
                    new CustomerCreated(customer.id, customer.ownerId, customer.createdAt, customer.externalIds.stream()
                            .map(id -> new CustomerCreated.ExternalIdRef(id.source(), id.externalId())).toList(), careFacts(customer)));
            feed.record("customer", customer.id, customer.id, CustomerCreated.TYPE.name(), customer.version, null, customer.createdAt);
        } else {
            outbox.record(CustomerUpdated.TYPE, customer.id.toString(),
                    new CustomerUpdated(customer.id, changes.stream().map(CustomerService::withoutContactDetails).toList(),
                            customer.version, customer.updatedAt));
            feed.record("customer", customer.id, customer.id, CustomerUpdated.TYPE.name(), customer.version,
                    changes.stream().map(CustomerUpdated.Change::field).toList(), customer.updatedAt);
        }
        history.record(customer.id, customer.version, kind, customer.updatedAt, caller.subject(), channel, changes);
        return true;
    }

    /**
     * A change as the event carries it: contact details never travel (they would sit in the outbox table and on
     * a topic kept for replays, out of reach of the database's encryption and of erasure), only the news that
     * they changed; the birthday travels as month and day, which is what care rules need.
     */
    private static CustomerUpdated.Change withoutContactDetails(CustomerUpdated.Change change) {
        return switch (change.field()) {
            case "emails", "phones", "addresses" -> new CustomerUpdated.Change(change.field(), null, null);
            case "birthday" -> new CustomerUpdated.Change("birthday", monthDay(change.oldValue()), monthDay(change.newValue()));
            default -> change;
        };
    }

    private static String monthDay(Object isoDate) {
        return isoDate == null ? null : isoDate.toString().substring(5, 10);
    }

    /** What interaction-service's care rules need: no contact details, the birthday without its year. */
    private static CustomerCreated.CareFacts careFacts(Customer customer) {
        return new CustomerCreated.CareFacts(customer.tier, customer.tierPinned,
                customer.lifecycleStage == null ? null : customer.lifecycleStage.apiName(),
                customer.birthday == null ? null : String.format(java.util.Locale.ROOT, "%02d-%02d",
                        customer.birthday.getMonthValue(), customer.birthday.getDayOfMonth()),
                customer.timeZone,
                customer.consents.stream().map(c -> new CustomerCreated.ConsentRef(c.channel().apiName(), c.purpose().apiName(),
                        c.granted())).toList());
    }

    private List<CustomerUpdated.Change> changes(CustomerInput before, CustomerInput after) {
        JsonNode old = json.valueToTree(before);
        JsonNode now = json.valueToTree(after);
        List<CustomerUpdated.Change> changes = new ArrayList<>();
        for (String field : CustomerInput.FIELDS) {
            JsonNode a = old.path(field);
            JsonNode b = now.path(field);
            if (!normalisedEmpty(a).equals(normalisedEmpty(b))) {
                changes.add(new CustomerUpdated.Change(field, plain(a), plain(b)));
            }
        }
        return changes;
    }

    /** Null, missing, [] and {} are all "nothing" for change detection. */
    private JsonNode normalisedEmpty(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || (node.isContainerNode() && node.isEmpty())) {
            return json.nullNode();
        }
        return node;
    }

    private Object plain(JsonNode node) {
        JsonNode value = normalisedEmpty(node);
        return value.isNull() ? null : json.convertValue(value, Object.class);
    }

    // --- rules ------------------------------------------------------------------------------------------

    private CustomerInput withDefaultOwner(CustomerInput input, Caller caller) {
        if (caller.ownsWhatItCreates()) {
            if (input.ownerId() != null && !input.ownerId().equals(caller.subject())) {
                throw new ProblemException.Invalid("ownerId", "your role may not set the owner; what you create is yours");
            }
            return input.withOwnerId(caller.subject());
        }
        return input.ownerId() != null || caller.subject() == null || "system".equals(caller.subject())
                ? input : input.withOwnerId(caller.subject());
    }

    private void checkRestrictedFields(CustomerInput before, CustomerInput after, Caller caller) {
        List<Problem.FieldError> errors = new ArrayList<>();
        boolean ownerChanged = !Objects.equals(before.ownerId(), after.ownerId());
        if (ownerChanged && !caller.mayAssignOwner() && !(before == NOTHING && caller.ownsWhatItCreates())) {
            errors.add(new Problem.FieldError("ownerId", "your role may not set the owner"));
        }
        if (!Objects.equals(before.tier(), after.tier()) && !caller.mayClassify()) {
            errors.add(new Problem.FieldError("tier", "your role may not set the tier"));
        }
        if (before.lifecycleStage() != after.lifecycleStage() && !caller.mayClassify()) {
            errors.add(new Problem.FieldError("lifecycleStage", "your role may not set the lifecycle stage"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.Invalid(errors);
        }
    }

    private void checkCompany(CustomerInput input, UUID self) {
        if (input.companyId() == null) {
            return;
        }
        Customer company = customers.findById(input.companyId());
        if (input.companyId().equals(self) || company == null || company.archived() || company.kind != CustomerKind.COMPANY) {
            throw new ProblemException.Invalid("companyId", "must be the id of a company customer");
        }
    }

    /** Normalises contacts; a user's invalid phone is an error, a synced one is kept and flagged. */
    CustomerInput normalise(CustomerInput input, Customer existing, Provenance provenance) {
        List<Problem.FieldError> errors = new ArrayList<>();

        Map<String, Email> emails = new LinkedHashMap<>();
        for (Email email : input.emailsOrEmpty()) {
            Email normal = ContactNormaliser.email(email);
            emails.merge(normal.address(), normal, (a, b) -> new Email(a.address(), a.label() != null ? a.label() : b.label(),
                    a.primary() || b.primary()));
        }
        if (emails.values().stream().filter(Email::primary).count() > 1) {
            errors.add(new Problem.FieldError("emails", "at most one address can be primary"));
        }

        String region = regionFor(input);
        Map<String, Phone> phones = new LinkedHashMap<>();
        List<Phone> given = input.phonesOrEmpty();
        for (int i = 0; i < given.size(); i++) {
            Phone phone = given.get(i);
            Phone kept = existing == null ? null : existing.phones.stream()
                    .filter(p -> p.number().equals(phone.number().trim())).findFirst().orElse(null);
            Phone normal = kept != null ? new Phone(kept.number(), phone.label(), phone.primary(), kept.valid())
                    : ContactNormaliser.phone(phone, region);
            if (!Boolean.TRUE.equals(normal.valid()) && kept == null && provenance == Provenance.USER) {
                errors.add(new Problem.FieldError("phones[" + i + "].number", "is not a valid phone number"));
            }
            phones.putIfAbsent(normal.number(), normal);
        }
        if (phones.values().stream().filter(Phone::primary).count() > 1) {
            errors.add(new Problem.FieldError("phones", "at most one number can be primary"));
        }

        if (input.customAttributes() != null) {
            input.customAttributes().forEach((name, value) -> {
                if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                    errors.add(new Problem.FieldError("customAttributes." + name, "must be a string, number or boolean"));
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.Invalid(errors);
        }
        List<String> tags = input.tags() == null ? null
                : List.copyOf(new LinkedHashSet<>(input.tags().stream().map(String::strip).toList()));
        List<ExternalId> ids = List.copyOf(new LinkedHashSet<>(input.externalIdsOrEmpty()));
        return input.withContacts(List.copyOf(emails.values()), List.copyOf(phones.values()), tags, ids);
    }

    private String regionFor(CustomerInput input) {
        if (input.addresses() != null) {
            for (PostalAddress address : input.addresses()) {
                if (address.country() != null) {
                    return address.country();
                }
            }
        }
        return config.defaultPhoneRegion();
    }

    private List<CustomerView.Warning> similarNames(Customer customer) {
        return duplicates.similarNamesInCompany(customer.companyId, customer.searchText, customer.id).stream()
                .map(id -> new CustomerView.Warning("similar-name", "a person with a similar name belongs to the same company", id))
                .toList();
    }

    // --- helpers ----------------------------------------------------------------------------------------

    private CustomerInput parse(JsonNode document) throws JsonProcessingException {
        return json.treeToValue(document, CustomerInput.class);
    }

    private void requireValid(CustomerInput input) {
        Set<ConstraintViolation<CustomerInput>> violations = validator.validate(input);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
    }

    private static void requireExternalId(ExternalId key) {
        if (key.source() == null || !SOURCE.matcher(key.source()).matches()) {
            throw new ProblemException.Invalid("source", "may contain only a-z, 0-9 and : . _ - (up to 200)");
        }
        if (key.externalId() == null || key.externalId().isBlank() || key.externalId().length() > 200) {
            throw new ProblemException.Invalid("externalId", "must be 1 to 200 characters");
        }
    }

    /** The body's external ids (or the stored ones when absent), plus the key, never fewer than before. */
    private ArrayNode withPair(JsonNode given, ExternalId key, List<ExternalId> stored) {
        ArrayNode ids = json.createArrayNode();
        LinkedHashSet<ExternalId> all = new LinkedHashSet<>(stored);
        if (given != null && given.isArray()) {
            Iterator<JsonNode> it = given.elements();
            while (it.hasNext()) {
                JsonNode node = it.next();
                all.add(new ExternalId(node.path("source").asText(null), node.path("externalId").asText(null)));
            }
        }
        all.add(key);
        all.forEach(id -> ids.add(json.valueToTree(id)));
        return ids;
    }

    private CustomerInput copyWith(CustomerInput input, String field, Object value) {
        ObjectNode node = json.valueToTree(input);
        node.set(field, json.valueToTree(value));
        return json.convertValue(node, CustomerInput.class);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
