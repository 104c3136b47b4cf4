package io.clientbook.interaction.care;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.events.customer.CustomerCreated;
import io.clientbook.events.customer.CustomerUpdated;
import io.clientbook.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The customer_profile table: written from events, read by rules, timelines and visibility checks. */
@ApplicationScoped
public class CustomerProfiles {

    private static final String COLUMNS = "customer_id, owner_id, tier, segment, lifecycle_stage, churn_level, birthday, time_zone, "
            + "consents::text as consents, first_purchase_at";

    private final EntityManager em;
    private final ObjectMapper json;

    CustomerProfiles(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /**
     * The profiles of new customers, many in one statement (a poll's new customers; during a bulk load that is
     * hundreds). The same customer twice keeps the later event, as one by one would.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void createdAll(List<CustomerCreated> events) {
        Map<UUID, CustomerCreated> latest = new java.util.LinkedHashMap<>();
        events.forEach(e -> latest.put(e.customerId(), e));
        int n = latest.size();
        UUID[] ids = new UUID[n];
        String[] owners = new String[n], tiers = new String[n], stages = new String[n], birthdays = new String[n],
                zones = new String[n], consents = new String[n];
        Timestamp[] created = new Timestamp[n];
        int i = 0;
        for (CustomerCreated event : latest.values()) {
            CustomerCreated.CareFacts care = event.care();
            ids[i] = event.customerId();
            owners[i] = event.ownerId();
            tiers[i] = care == null ? null : lower(care.tier());
            stages[i] = care == null ? null : lower(care.lifecycleStage());
            birthdays[i] = care == null ? null : care.birthday();
            zones[i] = care == null ? null : care.timeZone();
            consents[i] = write(care == null ? List.of() : care.consents().stream()
                    .map(c -> new CustomerProfile.ConsentState(lower(c.channel()), lower(c.purpose()), c.granted())).toList());
            created[i] = event.createdAt() == null ? null : Timestamp.from(event.createdAt());
            i++;
        }
        em.createNativeQuery("""
                        insert into customer_profile (customer_id, owner_id, tier, lifecycle_stage, birthday, time_zone, consents, created_at)
                        select id, owner, tier, stage, birthday, zone, cast(consents as jsonb), created
                          from unnest(cast(:ids as uuid[]), cast(:owners as text[]), cast(:tiers as text[]), cast(:stages as text[]),
                                      cast(:birthdays as text[]), cast(:zones as text[]), cast(:consents as text[]),
                                      cast(:created as timestamptz[]))
                            as x(id, owner, tier, stage, birthday, zone, consents, created)
                        on conflict (customer_id) do update set owner_id = excluded.owner_id, tier = excluded.tier,
                            lifecycle_stage = excluded.lifecycle_stage, birthday = excluded.birthday, time_zone = excluded.time_zone,
                            consents = excluded.consents, created_at = excluded.created_at""")
                .setParameter("ids", ids).setParameter("owners", owners).setParameter("tiers", tiers)
                .setParameter("stages", stages).setParameter("birthdays", birthdays).setParameter("zones", zones)
                .setParameter("consents", consents).setParameter("created", created)
                .executeUpdate();
    }

    /** Follows the fields this service uses; others are ignored. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void updated(CustomerUpdated event) {
        ensure(event.customerId());
        for (CustomerUpdated.Change change : event.changes()) {
            Object value = change.newValue();
            switch (change.field()) {
                case "ownerId" -> set(event.customerId(), "owner_id", value == null ? null : value.toString());
                case "tier" -> set(event.customerId(), "tier", value == null ? null : lower(value.toString()));
                case "lifecycleStage" -> set(event.customerId(), "lifecycle_stage", value == null ? null : lower(value.toString()));
                case "timeZone" -> set(event.customerId(), "time_zone", value == null ? null : value.toString());
                case "birthday" -> set(event.customerId(), "birthday", value == null ? null : monthDay(value.toString()));
                case "consents" -> em.createNativeQuery("update customer_profile set consents = cast(:c as jsonb) where customer_id = :id")
                        .setParameter("c", write(consentsOf(value))).setParameter("id", event.customerId()).executeUpdate();
                default -> {
                    // not used here
                }
            }
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void segment(UUID customerId, String segment) {
        ensure(customerId);
        set(customerId, "segment", lower(segment));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void churnLevel(UUID customerId, String level) {
        ensure(customerId);
        set(customerId, "churn_level", lower(level));
    }

    /** Records the first purchase; returns true when this order is the customer's first one seen. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean purchased(UUID customerId, Instant placedAt) {
        ensure(customerId);
        return em.createNativeQuery("""
                        update customer_profile set first_purchase_at = :at
                         where customer_id = :id and (first_purchase_at is null or first_purchase_at > :at)""")
                .setParameter("at", placedAt).setParameter("id", customerId).executeUpdate() == 1;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void setOwner(UUID customerId, String ownerId) {
        ensure(customerId);
        set(customerId, "owner_id", ownerId);
    }

    public Optional<CustomerProfile> find(UUID customerId) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("select " + COLUMNS + " from customer_profile where customer_id = :id", Tuple.class)
                .setParameter("id", customerId).getResultList();
        return rows.stream().findFirst().map(this::profile);
    }

    /** The profiles of these customers, by id (those without one are absent). */
    public Map<UUID, CustomerProfile> findAll(java.util.Collection<UUID> customerIds) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("select " + COLUMNS + " from customer_profile where customer_id = any(:ids)", Tuple.class)
                .setParameter("ids", customerIds.toArray(UUID[]::new)).getResultList();
        Map<UUID, CustomerProfile> profiles = new java.util.HashMap<>();
        rows.stream().map(this::profile).forEach(p -> profiles.put(p.customerId(), p));
        return profiles;
    }

    /**
     * Purchases of a batch of orders, set-based: returns the customers whose first purchase this batch set
     * (their earliest order here is earlier than any seen before).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public java.util.Set<UUID> purchasedAll(List<UUID> customers, List<Instant> placedAt) {
        em.createNativeQuery("insert into customer_profile (customer_id) select distinct c from unnest(cast(:c as uuid[])) as t(c) on conflict do nothing")
                .setParameter("c", customers.toArray(UUID[]::new)).executeUpdate();
        @SuppressWarnings("unchecked")
        List<UUID> first = em.createNativeQuery("""
                        update customer_profile p set first_purchase_at = t.at
                          from (select c, min(a) as at from unnest(cast(:c as uuid[]), cast(:a as timestamptz[])) as x(c, a) group by c) t
                         where p.customer_id = t.c and (p.first_purchase_at is null or p.first_purchase_at > t.at)
                        returning p.customer_id""")
                .setParameter("c", customers.toArray(UUID[]::new))
                .setParameter("a", placedAt.stream().map(java.sql.Timestamp::from).toArray(java.sql.Timestamp[]::new))
                .getResultList();
        return java.util.Set.copyOf(first);
    }

    /** Customers whose birthday is on one of these "MM-DD" days (one query for the days every zone may be on). */
    public List<CustomerProfile> withBirthdayOn(List<String> monthDays) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("select " + COLUMNS + " from customer_profile where birthday = any(:days)", Tuple.class)
                .setParameter("days", monthDays.toArray(String[]::new)).getResultList();
        return rows.stream().map(this::profile).toList();
    }

    /** Customers whose first purchase was on one of these "MM-DD" days in an earlier year (UTC). */
    public List<CustomerProfile> withFirstPurchaseOn(List<String> monthDays, int beforeYear) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("select " + COLUMNS + " from customer_profile where first_purchase_at is not null"
                        + " and to_char(first_purchase_at at time zone 'UTC', 'MM-DD') = any(:days)"
                        + " and extract(year from first_purchase_at at time zone 'UTC') < :year", Tuple.class)
                .setParameter("days", monthDays.toArray(String[]::new)).setParameter("year", beforeYear).getResultList();
        return rows.stream().map(this::profile).toList();
    }

    /** A page of all customers in id order, for calendar and cadence scans. */
    public List<CustomerProfile> page(UUID after, int size) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("select " + COLUMNS + " from customer_profile where customer_id > :after"
                        + " order by customer_id limit :size", Tuple.class)
                .setParameter("after", after).setParameter("size", size).getResultList();
        return rows.stream().map(this::profile).toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void delete(UUID[] customerIds) {
        em.createNativeQuery("delete from customer_profile where customer_id = any(:ids)").setParameter("ids", customerIds).executeUpdate();
    }

    private void ensure(UUID customerId) {
        em.createNativeQuery("insert into customer_profile (customer_id) values (:id) on conflict do nothing")
                .setParameter("id", customerId).executeUpdate();
    }

    private void set(UUID customerId, String column, String value) {
        em.createNativeQuery("update customer_profile set " + column + " = :v where customer_id = :id")
                .setParameter("v", value).setParameter("id", customerId).executeUpdate();
    }

    private CustomerProfile profile(Tuple row) {
        return new CustomerProfile(row.get("customer_id", UUID.class), row.get("owner_id", String.class), row.get("tier", String.class),
                row.get("segment", String.class),
                row.get("lifecycle_stage", String.class), row.get("churn_level", String.class), row.get("birthday", String.class),
                row.get("time_zone", String.class), read(row.get("consents", String.class)), Rows.instant(row.get("first_purchase_at")));
    }

    private List<CustomerProfile.ConsentState> consentsOf(Object value) {
        List<CustomerProfile.ConsentState> consents = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map && map.get("channel") != null && map.get("purpose") != null) {
                    consents.add(new CustomerProfile.ConsentState(lower(map.get("channel").toString()), lower(map.get("purpose").toString()),
                            Boolean.TRUE.equals(map.get("granted"))));
                }
            }
        }
        return consents;
    }

    /** "MM-DD" from customer-service's events; a full ISO date from events written before it dropped the year. */
    private static String monthDay(String isoDate) {
        if (isoDate.matches("\\d{2}-\\d{2}")) {
            return isoDate;
        }
        try {
            LocalDate date = LocalDate.parse(isoDate);
            return String.format(Locale.ROOT, "%02d-%02d", date.getMonthValue(), date.getDayOfMonth());
        } catch (RuntimeException notADate) {
            return null;
        }
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private String write(List<CustomerProfile.ConsentState> consents) {
        try {
            return json.writeValueAsString(consents);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<CustomerProfile.ConsentState> read(String text) {
        try {
            return text == null ? List.of() : json.readValue(text, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
