package dev.ordersaga.console.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NewOrderTest {

    private static final List<String> PRODUCTS = List.of("p-1", "p-2", "p-3");

    @Test
    void shouldOrderOneOrTwoDifferentKnownProductsOneToThreeUnitsEach() {
        Random random = new Random(42);
        Set<Integer> lineCounts = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            NewOrder order = NewOrder.random(PRODUCTS, random);

            lineCounts.add(order.lines().size());
            assertThat(order.customerId()).matches("c-\\d+");
            assertThat(order.lines()).extracting(NewOrder.Line::productId).doesNotHaveDuplicates()
                    .isSubsetOf(PRODUCTS);
            assertThat(order.lines()).allSatisfy(line -> assertThat(line.quantity()).isBetween(1, 3));
        }
        assertThat(lineCounts).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void shouldOrderTheOnlyProductThereIs() {
        NewOrder order = NewOrder.random(List.of("p-9"), new Random(1));

        assertThat(order.lines()).extracting(NewOrder.Line::productId).containsExactly("p-9");
    }

    @Test
    void shouldRefuseToOrderFromNoProducts() {
        assertThatThrownBy(() -> NewOrder.random(List.of(), new Random(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
