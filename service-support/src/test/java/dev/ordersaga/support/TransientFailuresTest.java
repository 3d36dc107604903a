package dev.ordersaga.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.util.backoff.BackOffExecution;

class TransientFailuresTest {

    @Test
    void shouldCallTransientATransactionThatCouldNotGetItsConnection() {
        var poolGaveUp = new SQLTransientConnectionException("HikariPool-1 - Connection is not available");

        assertThat(TransientFailures.isTransient(new CannotCreateTransactionException(
                "Could not open JDBC Connection for transaction", poolGaveUp))).isTrue();
    }

    @Test
    void shouldCallTransientAStatementWhoseSessionWasEndedByTheServer() {
        var terminated = new SQLException("terminating connection due to administrator command", "57P01");

        assertThat(TransientFailures.isTransient(new DataAccessResourceFailureException("UPDATE orders", terminated)))
                .isTrue();
    }

    @Test
    void shouldCallTransientWhatSpringTranslatesTransientOrRecoverableConnectionFailuresTo() {
        assertThat(TransientFailures.isTransient(new TransientDataAccessResourceException("pool timed out"))).isTrue();
        assertThat(TransientFailures.isTransient(new RecoverableDataAccessException("connection reset"))).isTrue();
        assertThat(TransientFailures.isTransient(new TransactionSystemException("JDBC commit failed"))).isTrue();
    }

    @Test
    void shouldFindTheTransientFailureBehindTheContainersWrapper() {
        var listenerFailed = new ListenerExecutionFailedException("Listener method threw",
                new IllegalStateException("while recording the status",
                        new CannotCreateTransactionException("Could not open JDBC Connection")));

        assertThat(TransientFailures.isTransient(listenerFailed)).isTrue();
    }

    @Test
    void shouldNotCallTransientAFailureThatRetryingCannotCure() {
        assertThat(TransientFailures.isTransient(new ListenerExecutionFailedException("Listener method threw",
                new IllegalArgumentException("no such status")))).isFalse();
        assertThat(TransientFailures.isTransient(new DeserializationException("not Avro", new byte[0], false,
                new IllegalStateException()))).isFalse();
        assertThat(TransientFailures.isTransient(new DataIntegrityViolationException("value too long"))).isFalse();
    }

    @Test
    void shouldLeaveConcurrencyConflictsToTheService() {
        assertThat(TransientFailures.isTransient(new OptimisticLockingFailureException("stock changed"))).isFalse();
    }

    @Test
    void shouldEndWhenACauseChainLoops() {
        var first = new IllegalStateException("first");
        var second = new IllegalStateException("second", first);
        first.initCause(second);

        assertThat(TransientFailures.isTransient(first)).isFalse();
    }

    @Test
    void shouldBackOffFromHalfASecondDoublingToFiveSecondsWithoutEverGivingUp() {
        BackOffExecution pauses = TransientFailures.backOff().start();

        assertThat(pauses.nextBackOff()).isEqualTo(500);
        assertThat(pauses.nextBackOff()).isEqualTo(1_000);
        assertThat(pauses.nextBackOff()).isEqualTo(2_000);
        assertThat(pauses.nextBackOff()).isEqualTo(4_000);
        for (int attempt = 0; attempt < 10_000; attempt++) {
            assertThat(pauses.nextBackOff()).isEqualTo(5_000);
        }
    }
}
