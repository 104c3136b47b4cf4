package io.clientbook.customer.loyalty;

import io.clientbook.platform.web.Paging;
import io.clientbook.customer.customer.Caller;
import io.clientbook.customer.customer.CustomerService;
import io.clientbook.customer.loyalty.dto.LedgerEntry;
import io.clientbook.customer.loyalty.dto.LoyaltyView;
import io.clientbook.customer.loyalty.dto.TransactionRequest;
import io.clientbook.customer.loyalty.dto.TransactionType;
import io.clientbook.events.customer.LoyaltyChanged;
import io.clientbook.platform.outbox.Outbox;
import io.clientbook.platform.problem.Problem;
import io.clientbook.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.clientbook.platform.schedule.OnOneInstance;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The points ledger. Every change locks the customer's account row, so concurrent redemptions can never
 * spend the same points twice, and writes a ledger line, the new balance and a loyalty.changed event in one
 * transaction. Earned points are lots used oldest first; a refunded or cancelled order takes back what it
 * earned (the balance may then go below zero: the points were already spent).
 */
@ApplicationScoped
public class LoyaltyService {

    private final EntityManager entityManager;
    private final CustomerService customers;
    private final Outbox outbox;
    private final LoyaltyConfig config;
    private final List<LoyaltyConfig.Level> levels;

    LoyaltyService(EntityManager entityManager, CustomerService customers, Outbox outbox, LoyaltyConfig config) {
        this.entityManager = entityManager;
        this.customers = customers;
        this.outbox = outbox;
        this.config = config;
        this.levels = config.levels().stream().sorted(Comparator.comparingLong(LoyaltyConfig.Level::minPoints)).toList();
    }

    // --- reads ----------------------------------------------------------------------------------------

    public LoyaltyView get(UUID customerId, String cursor, Integer limit) {
        customers.get(customerId); // 404 (with mergedInto) for customers one may not see
        int size = Paging.limit(limit);
        long before = Long.MAX_VALUE;
        if (cursor != null && !cursor.isBlank()) {
            try {
                before = Long.parseLong(Paging.parts(cursor, 1)[0]);
            } catch (NumberFormatException e) {
                throw Paging.invalidCursor();
            }
        }
        LoyaltyAccount account = entityManager.find(LoyaltyAccount.class, customerId);
        List<LoyaltyTransaction> rows = entityManager.createQuery(
                        "from LoyaltyTransaction t where t.customerId = :customer and t.seq < :before order by t.seq desc",
                        LoyaltyTransaction.class)
                .setParameter("customer", customerId).setParameter("before", before).setMaxResults(size + 1).getResultList();
        boolean more = rows.size() > size;
        List<LoyaltyTransaction> page = more ? rows.subList(0, size) : rows;
        String next = more ? Paging.cursor(page.getLast().seq) : null;
        long lifetime = account == null ? 0 : account.lifetimePoints;
        return new LoyaltyView(customerId, levelFor(lifetime), account == null ? 0 : account.balance, lifetime, nextLevel(lifetime),
                account == null ? null : account.referredBy,
                new LoyaltyView.Ledger(page.stream().map(LoyaltyService::entry).toList(), next));
    }

    // --- what clients post ----------------------------------------------------------------------------

    @Transactional
    public LedgerEntry post(UUID customerId, TransactionRequest request, Caller caller) {
        customers.get(customerId);
        long points = request.points();
        return switch (request.type()) {
            case REDEEM -> {
                if (points <= 0) {
                    throw new ProblemException.Invalid("points", "must be more than 0 to redeem");
                }
                yield entry(take(customerId, TransactionType.REDEEM, points, request.orderId(), request.reason(), caller.subject(), true));
            }
            case ADJUST -> {
                if (!caller.roles().contains("admin") && !caller.roles().contains("manager")) {
                    throw new ProblemException.Invalid("type", "your role may not adjust points");
                }
                if (points == 0) {
                    throw new ProblemException.Invalid("points", "must not be 0");
                }
                if (request.reason() == null || request.reason().isBlank()) {
                    throw new ProblemException.Invalid("reason", "is required to adjust points");
                }
                yield entry(points > 0
                        ? give(customerId, TransactionType.ADJUST, points, null, null, request.reason(), caller.subject())
                        : take(customerId, TransactionType.ADJUST, -points, null, request.reason(), caller.subject(), true));
            }
            default -> throw new ProblemException.Invalid("type", "must be redeem or adjust; the others are recorded by Clientbook");
        };
    }

    /** Records that {@code referrerId} referred {@code referredId}; the referrer is rewarded on the referred's first paid order. */
    @Transactional
    public LoyaltyView refer(UUID referrerId, UUID referredId) {
        customers.get(referrerId);
        if (referrerId.equals(referredId)) {
            throw new ProblemException.Invalid("referredCustomerId", "a customer cannot refer itself");
        }
        try {
            customers.get(referredId);
        } catch (ProblemException.NotFound e) {
            throw new ProblemException.Invalid("referredCustomerId", "no such customer");
        }
        LoyaltyAccount referred = lockedAccount(referredId);
        if (referred.referredBy != null && !referred.referredBy.equals(referrerId)) {
            throw new ProblemException(409, "/problems/already-referred", "Already referred",
                    "This customer was referred by " + referred.referredBy, List.of(), Map.of("referredBy", referred.referredBy));
        }
        LoyaltyAccount referrer = entityManager.find(LoyaltyAccount.class, referrerId);
        if (referrer != null && referredId.equals(referrer.referredBy)) {
            throw new ProblemException.Invalid("referredCustomerId", "referred this customer: referrals cannot go in a circle");
        }
        if (referred.referredBy == null) {
            referred.referredBy = referrerId;
            // a referral counts for purchases that come after it
            referred.referralRewarded = referred.lifetimePoints > 0;
            referred.updatedAt = now();
        }
        return get(referredId, null, 1);
    }

    // --- what orders and time do ----------------------------------------------------------------------

    /**
     * Brings the points an order earned in line with the order: a paid (or fulfilled) order earns
     * {@code floor(total x points-per-unit)}, any other status nothing. Called whenever an order is written;
     * a repeated call changes nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void orderWritten(UUID orderId, UUID customerId, String status, BigDecimal total) {
        if (!config.enabled()) {
            return;
        }
        long target = config.earn().statuses().contains(status)
                ? total.multiply(config.earn().pointsPerUnit()).setScale(0, RoundingMode.DOWN).longValueExact() : 0;
        Number earned = (Number) entityManager.createNativeQuery(
                        "select coalesce(sum(points), 0) from loyalty_transaction where order_id = :order and type in ('earn', 'reverse')")
                .setParameter("order", orderId).getSingleResult();
        long difference = target - earned.longValue();
        if (difference > 0) {
            give(customerId, TransactionType.EARN, difference, orderId, null, null, "system");
        } else if (difference < 0) {
            take(customerId, TransactionType.REVERSE, -difference, orderId, null, "system", false);
        }
    }

    /** Writes off what is left of lots expired by {@code now}; returns the number of lots. */
    public int expireDue(Instant now) {
        int expired = 0;
        while (true) {
            int batch = QuarkusTransaction.requiringNew().call(() -> {
                List<LoyaltyTransaction> lots = entityManager.createQuery("""
                                from LoyaltyTransaction t where t.remaining > 0 and t.expiresAt <= :now order by t.customerId""",
                                LoyaltyTransaction.class)
                        .setParameter("now", now).setMaxResults(500).getResultList();
                for (LoyaltyTransaction lot : lots) {
                    LoyaltyAccount account = lockedAccount(lot.customerId);
                    entityManager.refresh(lot);
                    if (lot.remaining == null || lot.remaining <= 0) {
                        continue;
                    }
                    long points = lot.remaining;
                    lot.remaining = 0L;
                    record(account, TransactionType.EXPIRE, -points, null, null, "expired", "system");
                }
                return lots.size();
            });
            expired += batch;
            if (batch < 500) {
                return expired;
            }
        }
    }

    @Scheduled(identity = "loyalty-expiry", every = "1h", delayed = "15m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @OnOneInstance
    void expireScheduled(ScheduledExecution execution) {
        expireDue(Instant.now());
    }

    // --- the ledger ----------------------------------------------------------------------------------

    private LoyaltyTransaction give(UUID customerId, TransactionType type, long points, UUID orderId, UUID related, String reason,
            String by) {
        LoyaltyAccount account = lockedAccount(customerId);
        LoyaltyTransaction line = record(account, type, points, orderId, related, reason, by);
        line.remaining = points;
        line.expiresAt = config.earn().expiresAfter().map(after -> line.createdAt.plus(after)).orElse(null);
        if (type == TransactionType.EARN && account.referredBy != null && !account.referralRewarded && config.referral().points() > 0) {
            account.referralRewarded = true;
            give(account.referredBy, TransactionType.REFERRAL, config.referral().points(), null, customerId, "referral", "system");
        }
        return line;
    }

    /** Takes points from the oldest lots first; refused beyond the balance when {@code withinBalance}. */
    private LoyaltyTransaction take(UUID customerId, TransactionType type, long points, UUID orderId, String reason, String by,
            boolean withinBalance) {
        LoyaltyAccount account = lockedAccount(customerId);
        if (withinBalance && points > account.balance) {
            throw new ProblemException(409, "/problems/insufficient-points", "Not enough points",
                    "The balance is " + account.balance + " points; " + points + " were asked for",
                    List.of(new Problem.FieldError("points", "exceeds the balance of " + account.balance)), Map.of("balance", account.balance));
        }
        long left = points;
        List<LoyaltyTransaction> lots = entityManager.createQuery("""
                        from LoyaltyTransaction t where t.customerId = :customer and t.remaining > 0
                         order by case when t.orderId = :order then 0 else 1 end, t.createdAt, t.seq""", LoyaltyTransaction.class)
                .setParameter("customer", customerId).setParameter("order", orderId == null ? new UUID(0, 0) : orderId)
                .getResultList();
        for (LoyaltyTransaction lot : lots) {
            if (left == 0) {
                break;
            }
            long used = Math.min(left, lot.remaining);
            lot.remaining -= used;
            left -= used;
        }
        return record(account, type, -points, orderId, null, reason, by);
    }

    private LoyaltyTransaction record(LoyaltyAccount account, TransactionType type, long points, UUID orderId, UUID related,
            String reason, String by) {
        Instant now = now();
        String previousLevel = account.level;
        account.balance += points;
        if (type == TransactionType.EARN || type == TransactionType.REFERRAL || type == TransactionType.REVERSE
                || (type == TransactionType.ADJUST && points > 0)) {
            account.lifetimePoints = Math.max(0, account.lifetimePoints + points);
        }
        account.level = levelFor(account.lifetimePoints);
        account.updatedAt = now;
        LoyaltyTransaction line = new LoyaltyTransaction(account.customerId, type.apiName(), points, account.balance, now, by);
        line.orderId = orderId;
        line.relatedCustomerId = related;
        line.reason = reason;
        entityManager.persist(line);
        outbox.record(LoyaltyChanged.TYPE, account.customerId.toString(), new LoyaltyChanged(account.customerId, line.id,
                type.apiName(), points, account.balance, account.lifetimePoints, account.level, previousLevel, orderId, now));
        if (!java.util.Objects.equals(previousLevel, account.level)) {
            customers.setMembershipLevel(account.customerId, account.level);
        }
        return line;
    }

    private LoyaltyAccount lockedAccount(UUID customerId) {
        LoyaltyAccount account = entityManager.find(LoyaltyAccount.class, customerId, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            // two first transactions at once: the loser of the insert race retries as a whole (409 from the mapper)
            entityManager.createNativeQuery("""
                            insert into loyalty_account (customer_id, balance, lifetime_points, updated_at)
                            values (:customer, 0, 0, :now) on conflict do nothing""")
                    .setParameter("customer", customerId).setParameter("now", now()).executeUpdate();
            account = entityManager.find(LoyaltyAccount.class, customerId, LockModeType.PESSIMISTIC_WRITE);
        }
        return account;
    }

    private String levelFor(long lifetimePoints) {
        String level = null;
        for (LoyaltyConfig.Level candidate : levels) {
            if (lifetimePoints >= candidate.minPoints()) {
                level = candidate.name();
            }
        }
        return level;
    }

    private LoyaltyView.NextLevel nextLevel(long lifetimePoints) {
        return levels.stream().filter(l -> l.minPoints() > lifetimePoints).findFirst()
                .map(l -> new LoyaltyView.NextLevel(l.name(), l.minPoints() - lifetimePoints)).orElse(null);
    }

    private static LedgerEntry entry(LoyaltyTransaction t) {
        return new LedgerEntry(t.id, TransactionType.parse(t.type), t.points, t.balanceAfter, t.orderId, t.relatedCustomerId,
                t.reason, t.expiresAt, t.createdAt, t.createdBy);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
