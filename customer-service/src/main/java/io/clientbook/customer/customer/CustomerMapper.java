package io.clientbook.customer.customer;

import io.clientbook.customer.customer.dto.CustomerInput;
import io.clientbook.customer.customer.dto.CustomerKind;
import io.clientbook.customer.customer.dto.CustomerView;
import io.clientbook.customer.pii.BlindIndex;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** Between the API's records and the entity; the one place that knows both. */
@ApplicationScoped
public class CustomerMapper {

    private final BlindIndex index;

    CustomerMapper(BlindIndex index) {
        this.index = index;
    }

    public CustomerView toView(Customer c) {
        return new CustomerView(c.id, c.version, c.kind, c.displayName, c.givenName, c.familyName, c.companyName,
                c.industry, c.companySize, c.companyId, List.copyOf(c.emails), List.copyOf(c.phones), List.copyOf(c.addresses),
                c.birthday, c.gender, c.language, c.timeZone, c.occupation, c.preferences, List.copyOf(c.tags),
                new LinkedHashMap<>(c.customAttributes), c.ownerId, c.acquisitionSource, List.copyOf(c.externalIds),
                List.copyOf(c.consents), c.tier, c.tierPinned, c.lifecycleStage, c.membershipLevel, c.sourceUpdatedAt,
                c.createdAt, c.updatedAt, List.of());
    }

    /** The record's writable state, the base a merge patch or an upsert applies to. */
    public CustomerInput toInput(Customer c) {
        return new CustomerInput(c.kind, c.displayName, c.givenName, c.familyName, c.companyName, c.industry,
                c.companySize, c.companyId, List.copyOf(c.emails), List.copyOf(c.phones), List.copyOf(c.addresses),
                c.birthday, c.gender, c.language, c.timeZone, c.occupation, c.preferences, List.copyOf(c.tags),
                new LinkedHashMap<>(c.customAttributes), c.ownerId, c.acquisitionSource, List.copyOf(c.externalIds),
                List.copyOf(c.consents), c.tier, c.lifecycleStage, c.membershipLevel, c.sourceUpdatedAt);
    }

    /** Writes every writable field of an already validated and normalised input onto the entity. */
    void apply(CustomerInput in, Customer c) {
        c.kind = in.kind() == null ? CustomerKind.PERSON : in.kind();
        c.displayName = in.displayName().strip();
        c.givenName = in.givenName();
        c.familyName = in.familyName();
        c.companyName = in.companyName();
        c.industry = in.industry();
        c.companySize = in.companySize();
        c.companyId = in.companyId();
        c.emails = new ArrayList<>(in.emailsOrEmpty());
        c.phones = new ArrayList<>(in.phonesOrEmpty());
        c.addresses = in.addresses() == null ? new ArrayList<>() : new ArrayList<>(in.addresses());
        c.birthday = in.birthday();
        c.emailDigests = new ArrayList<>(c.emails.stream().map(e -> index.digest(BlindIndex.EMAIL, e.address())).distinct().toList());
        c.phoneDigests = new ArrayList<>(c.phones.stream().filter(p -> Boolean.TRUE.equals(p.valid()))
                .map(p -> index.digest(BlindIndex.PHONE, p.number())).distinct().toList());
        c.gender = in.gender();
        c.language = in.language();
        c.timeZone = in.timeZone();
        c.occupation = in.occupation();
        c.preferences = in.preferences();
        c.tags = in.tags() == null ? new ArrayList<>() : new ArrayList<>(in.tags());
        c.customAttributes = in.customAttributes() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(in.customAttributes());
        c.ownerId = in.ownerId();
        c.acquisitionSource = in.acquisitionSource();
        c.externalIds = new ArrayList<>(in.externalIdsOrEmpty());
        c.consents = in.consents() == null ? new ArrayList<>() : new ArrayList<>(in.consents());
        c.tier = in.tier();
        c.lifecycleStage = in.lifecycleStage();
        c.membershipLevel = in.membershipLevel();
        c.sourceUpdatedAt = in.sourceUpdatedAt();
        c.searchText = ContactNormaliser.searchable(c.displayName, c.givenName, c.familyName, c.companyName);
    }
}
