package dev.ordersaga.inventory.reservation;

import static dev.ordersaga.messages.ReservationFailureReason.OUT_OF_STOCK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.inventory.InventoryIntegrationTest;
import dev.ordersaga.inventory.stock.ProductStock;
import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.ReserveInventory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Many orders racing for a few products, called on the service directly from many threads. */
class ConcurrentReservationTest extends InventoryIntegrationTest {

    private static final int THREADS = 16;
    private static final int ORDERS = 200;
    private static final int INITIAL_STOCK = 150;
    private static final String CONFLICTS = "ordersaga.inventory.conflicts";
    private static final String RESERVATIONS = "ordersaga.inventory.reservations";

    @Autowired
    ReservationService service;

    @Autowired
    ReservationRepository reservations;

    @Test
    void shouldNeverOversellAndDecideEveryOrderExactlyOnceWhenOrdersRaceForScarceStock() throws Exception {
        List<String> products = List.of(newProduct(INITIAL_STOCK), newProduct(INITIAL_STOCK),
                newProduct(INITIAL_STOCK));
        Random random = new Random(7);
        List<ReserveInventory> orders = IntStream.range(0, ORDERS)
                .mapToObj(n -> randomOrder(random, products))
                .toList();
        assertThat(totalQuantity(orders)).as("demand exceeds supply").isGreaterThan(INITIAL_STOCK * products.size());
        double conflictsBefore = counted(CONFLICTS);
        double exhaustedBefore = counted(RESERVATIONS, "outcome", "conflict_retries_exhausted");

        Map<String, ReservationOutcome> outcomes = reserveConcurrently(orders);

        Map<String, Integer> reservedByProduct = new HashMap<>();
        Map<String, Integer> reservedOrdersByProduct = new HashMap<>();
        for (ReserveInventory order : orders) {
            ReservationOutcome outcome = outcomes.get(order.getOrderId());
            assertThat(reservations.findOutcome(order.getOrderId())).as("recorded outcome of %s", order.getOrderId())
                    .hasValueSatisfying(recorded -> {
                        assertThat(recorded.status()).isEqualTo(outcome.status());
                        assertThat(recorded.reason()).isEqualTo(outcome.reason());
                    });
            if (outcome.isReserved()) {
                for (OrderLine line : order.getLines()) {
                    reservedByProduct.merge(line.getProductId(), line.getQuantity(), Integer::sum);
                    reservedOrdersByProduct.merge(line.getProductId(), 1, Integer::sum);
                }
            }
        }
        for (String product : products) {
            ProductStock row = stockOf(product);
            assertThat(row.available()).isNotNegative();
            assertThat(row.available() + row.reserved()).isEqualTo(INITIAL_STOCK);
            assertThat(row.reserved()).isEqualTo(reservedByProduct.getOrDefault(product, 0));
            // One successful versioned update per reserved order: no lost and no extra writes.
            assertThat(row.version()).isEqualTo(reservedOrdersByProduct.getOrDefault(product, 0).longValue());
        }
        assertThat(outcomes.values()).anyMatch(ReservationOutcome::isReserved)
                .anyMatch(outcome -> outcome.reason() == OUT_OF_STOCK);

        double conflicts = counted(CONFLICTS) - conflictsBefore;
        double exhausted = counted(RESERVATIONS, "outcome", "conflict_retries_exhausted") - exhaustedBefore;
        System.out.printf("Concurrency: %d orders on %d threads: %d reserved, %d out of stock, %.0f conflicts"
                        + " retried, %.0f orders rejected after exhausting retries%n", ORDERS, THREADS,
                outcomes.values().stream().filter(ReservationOutcome::isReserved).count(),
                outcomes.values().stream().filter(outcome -> outcome.reason() == OUT_OF_STOCK).count(),
                conflicts, exhausted);
        assertThat(conflicts).as("conflicts detected and retried").isPositive();
    }

    private Map<String, ReservationOutcome> reserveConcurrently(List<ReserveInventory> orders) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ReservationOutcome>> futures = new ArrayList<>();
            for (ReserveInventory order : orders) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return service.reserve(order);
                }));
            }
            start.countDown();
            Map<String, ReservationOutcome> outcomes = new HashMap<>();
            for (Future<ReservationOutcome> future : futures) {
                ReservationOutcome outcome = future.get(60, TimeUnit.SECONDS);
                outcomes.put(outcome.orderId(), outcome);
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One to three of the products, one to five units each. */
    private static ReserveInventory randomOrder(Random random, List<String> products) {
        List<String> shuffled = new ArrayList<>(products);
        Collections.shuffle(shuffled, random);
        List<OrderLine> lines = shuffled.subList(0, 1 + random.nextInt(products.size())).stream()
                .map(product -> line(product, 1 + random.nextInt(5)))
                .toList();
        return new ReserveInventory(newOrderId(), lines);
    }

    private static int totalQuantity(List<ReserveInventory> orders) {
        return orders.stream().flatMap(order -> order.getLines().stream()).mapToInt(OrderLine::getQuantity).sum();
    }
}
