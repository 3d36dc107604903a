package dev.ordersaga.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OrderStatusTest {

    private static final Set<OrderStatus> FINAL =
            EnumSet.of(OrderStatus.PAID, OrderStatus.CANCELLED, OrderStatus.EXPIRED, OrderStatus.FAILED);

    @Test
    void shouldMoveForwardThroughTheSaga() {
        assertThat(OrderStatus.PENDING.canMoveTo(OrderStatus.AWAITING_PAYMENT)).isTrue();
        assertThat(OrderStatus.PENDING.canMoveTo(OrderStatus.FAILED)).isTrue();
        assertThat(OrderStatus.AWAITING_PAYMENT.canMoveTo(OrderStatus.PAID)).isTrue();
        assertThat(OrderStatus.AWAITING_PAYMENT.canMoveTo(OrderStatus.EXPIRED)).isTrue();
    }

    @Test
    void shouldNeverMoveBackOrRepeat() {
        assertThat(OrderStatus.AWAITING_PAYMENT.canMoveTo(OrderStatus.PENDING)).isFalse();
        for (OrderStatus status : OrderStatus.values()) {
            assertThat(status.canMoveTo(status)).as(status.name()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"PAID", "CANCELLED", "EXPIRED", "FAILED"})
    void shouldNeverLeaveFinalStatus(OrderStatus finalStatus) {
        for (OrderStatus next : OrderStatus.values()) {
            assertThat(finalStatus.canMoveTo(next)).as(finalStatus + " -> " + next).isFalse();
        }
    }

    /** The database compares statuses by rank: it must agree with the enum. */
    @Test
    void shouldMoveOnlyToHigherRankedStatuses() {
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(from.rank() < to.rank());
            }
        }
    }

    @Test
    void shouldBeFinalOnlyWhenNoStatusCanFollow() {
        assertThat(OrderStatus.PENDING.isFinal()).isFalse();
        assertThat(OrderStatus.AWAITING_PAYMENT.isFinal()).isFalse();
        for (OrderStatus status : FINAL) {
            assertThat(status.isFinal()).as(status.name()).isTrue();
        }
    }

    @Test
    void shouldSortStatusesInSagaOrder() {
        List<OrderStatus> shuffled =
                List.of(OrderStatus.FAILED, OrderStatus.PAID, OrderStatus.AWAITING_PAYMENT, OrderStatus.PENDING);

        assertThat(shuffled.stream().sorted(OrderStatus.SAGA_ORDER).toList()).containsExactly(
                OrderStatus.PENDING, OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID, OrderStatus.FAILED);
    }

    @ParameterizedTest
    @EnumSource(dev.ordersaga.messages.OrderStatus.class)
    void shouldKnowEveryStatusTheSagaSends(dev.ordersaga.messages.OrderStatus sagaStatus) {
        assertThatCode(() -> OrderStatus.of(sagaStatus)).doesNotThrowAnyException();
    }
}
