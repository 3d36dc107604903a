package dev.ordersaga.support;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The failures that mean the database is unreachable for a while (stopped, restarting, its sessions ended), not
 * that the record is wrong: a listener that meets one waits on its partition and tries the record again until the
 * database is back. A dead-letter topic is for records that can never be handled; a record sent there during an
 * outage would be lost to the saga (a command never answered, an order showing a stale status).
 *
 * <p>What Spring throws while PostgreSQL is down:
 * <ul>
 *   <li>{@link CannotCreateTransactionException}: a transaction could not get its connection (the pool gave up
 *       waiting for one while every new session was refused);</li>
 *   <li>{@link DataAccessResourceFailureException}: a statement outside a transaction could not get its connection
 *       ({@code CannotGetJdbcConnectionException}), or a statement, commit or rollback met a session that ended
 *       (SQLSTATE class 08 connection exception, 57 operator intervention such as 57P01 "terminating connection due
 *       to administrator command");</li>
 *   <li>{@link TransientDataAccessResourceException}, {@link RecoverableDataAccessException}: the translation of the
 *       driver's or pool's {@code SQLTransientConnectionException} and {@code SQLRecoverableException};</li>
 *   <li>{@link TransactionSystemException}: a commit or rollback that failed under a transaction manager that does
 *       not translate SQL exceptions.</li>
 * </ul>
 * Not {@code TransientDataAccessException} as a whole: it includes every {@code ConcurrencyFailureException}, such
 * as an optimistic-locking conflict, which a service may want handled its own way (inventory-service sends
 * conflicts to retry topics rather than holding the partition).
 */
public final class TransientFailures {

    /** The exception types that mark a failure as transient, wherever they appear in its cause chain. */
    public static final List<Class<? extends Exception>> TYPES = List.of(
            CannotCreateTransactionException.class,
            DataAccessResourceFailureException.class,
            TransientDataAccessResourceException.class,
            RecoverableDataAccessException.class,
            TransactionSystemException.class);

    private static final long FIRST_PAUSE_MS = 500;
    private static final double GROWTH = 2.0;
    private static final long LONGEST_PAUSE_MS = 5_000;

    private TransientFailures() {
    }

    /** Whether {@code failure}, or any exception it was caused by, is one of {@link #TYPES}. */
    public static boolean isTransient(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            Throwable candidate = cause;
            if (TYPES.stream().anyMatch(type -> type.isInstance(candidate))) {
                return true;
            }
        }
        return false;
    }

    /**
     * How long to wait before trying again after a transient failure: 0.5 s, doubling up to 5 s, without end. An
     * outage has no known length, and giving up would only turn it into lost records; the pauses keep a consumer
     * from hammering a database that is starting up, and 5 s bounds how late a record is once it is back.
     */
    public static BackOff backOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(FIRST_PAUSE_MS, GROWTH);
        backOff.setMaxInterval(LONGEST_PAUSE_MS);
        return backOff;
    }
}
