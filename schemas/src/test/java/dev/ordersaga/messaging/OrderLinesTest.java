package dev.ordersaga.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.messages.OrderLine;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderLinesTest {

    @Test
    void shouldAcceptDistinctProductsWithPositiveQuantities() {
        assertThat(OrderLines.problemWith(List.of(new OrderLine("p-1", 1), new OrderLine("p-2", 3)))).isEmpty();
    }

    @Test
    void shouldSayWhyLinesCannotBeReserved() {
        assertThat(OrderLines.problemWith(List.of())).contains("Order has no lines");
        assertThat(OrderLines.problemWith(List.of(new OrderLine(" ", 1)))).contains("A line has a blank product id");
        assertThat(OrderLines.problemWith(List.of(new OrderLine("p-1", 0))))
                .contains("Product p-1 has quantity 0; quantities must be positive");
        assertThat(OrderLines.problemWith(List.of(new OrderLine("p-1", 1), new OrderLine("p-1", 2))))
                .contains("Product p-1 is on more than one line");
    }
}
