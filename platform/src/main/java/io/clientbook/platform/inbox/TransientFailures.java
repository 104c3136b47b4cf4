package io.clientbook.platform.inbox;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Failures that go away when the transaction is simply tried again: another transaction won a race for
 * the same rows (optimistic lock, serialization failure, deadlock, lock timeout). An event consumer that
 * meets one must retry, not park the event in its dead-letter topic.
 */
public final class TransientFailures {

    /** SQLSTATE serialization_failure, deadlock_detected, lock_not_available. */
    private static final Set<String> STATES = Set.of("40001", "40P01", "55P03");
    private static final Set<String> TYPES = Set.of(
            "jakarta.persistence.OptimisticLockException",
            "jakarta.persistence.PessimisticLockException",
            "jakarta.persistence.LockTimeoutException",
            "org.hibernate.StaleStateException",
            "org.hibernate.StaleObjectStateException",
            "org.hibernate.dialect.lock.OptimisticEntityLockException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.PessimisticLockException");

    private TransientFailures() {
    }

    /** Whether {@code failure} or any of its causes is a race another attempt would likely win. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
                if (TYPES.contains(type.getName())) {
                    return true;
                }
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code attempt} until it succeeds, retrying transient failures up to {@code maxAttempts} times
     * with a growing pause; any other failure, or the last transient one, is thrown.
     */
    public static <T> T retry(Supplier<T> attempt, int maxAttempts, Duration firstPause) {
        for (int n = 1; ; n++) {
            try {
                return attempt.get();
            } catch (RuntimeException failure) {
                if (n >= maxAttempts || !isTransient(failure)) {
                    throw failure;
                }
                try {
                    Thread.sleep(firstPause.toMillis() * n);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure;
                }
            }
        }
    }
}
