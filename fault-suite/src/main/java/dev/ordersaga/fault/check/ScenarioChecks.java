package dev.ordersaga.fault.check;

import dev.ordersaga.fault.cluster.Endpoints;
import dev.ordersaga.fault.kafka.TopicAccess;
import dev.ordersaga.fault.workload.CustomerOrder;
import dev.ordersaga.loadtest.client.BlockingHttpClient;
import dev.ordersaga.loadtest.inventory.InventoryClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** Every check of a scenario, from outside: REST for orders and stock, Kafka for payments and dead letters. */
public final class ScenarioChecks {

    /** How long dead letters may take to appear, on a busy machine. */
    private static final Duration DEAD_LETTERS_WITHIN = Duration.ofSeconds(90);

    private final Duration paymentTimeout;
    private final List<String> deadLetterTopics;

    public ScenarioChecks(Duration paymentTimeout, List<String> deadLetterTopics) {
        this.paymentTimeout = paymentTimeout;
        this.deadLetterTopics = List.copyOf(deadLetterTopics);
    }

    public ScenarioResult check(String scenario, String fault, List<CustomerOrder> orders, Instant faultAt,
                                Map<String, Integer> stockPut, BlockingHttpClient http, Endpoints endpoints,
                                TopicAccess topics, Map<TopicPartition, Long> paymentEventsBefore,
                                Map<TopicPartition, Long> deadLettersBefore, Map<String, List<String>> poison) {
        List<CustomerOrder> accepted = orders.stream().filter(CustomerOrder::accepted).toList();
        OrderChecks orderChecks = new OrderChecks();
        accepted.forEach(order -> orderChecks.check(order, paymentTimeout));

        StockCheck stock = new StockCheck();
        // An order whose 202 was lost to a crash is unknown here and expires at its deadline, plus a retry or two.
        stock.check(new InventoryClient(http, endpoints.inventoryServiceUrl()), stockPut, accepted,
                paymentTimeout.multipliedBy(3));

        PaymentCheck payments = new PaymentCheck();
        Set<String> ids = accepted.stream().map(CustomerOrder::orderId).collect(Collectors.toSet());
        payments.check(topics.readSince(paymentEventsBefore), ids);

        DeadLetterCheck deadLetters = new DeadLetterCheck();
        deadLetters.check(awaitDeadLetters(topics, deadLettersBefore, poison), poison, deadLetterTopics);

        List<String> problems = new ArrayList<>();
        for (Findings f : List.of(orderChecks.lost, orderChecks.stuck, orderChecks.wrongOutcome,
                orderChecks.duplicates, payments.duplicates, stock.oversold, stock.off)) {
            problems.addAll(f.examples());
        }
        problems.addAll(deadLetters.problems);
        return new ScenarioResult(scenario, fault, accepted.size(), orders.size() - accepted.size(),
                orderChecks.lost.count(), orderChecks.stuck.count(), orderChecks.wrongOutcome.count(),
                stock.oversold.count(), orderChecks.duplicates.count() + payments.duplicates.count(),
                stock.off.count(), deadLetters.describe(), deadLetters.problems.isEmpty(),
                maxTimeToFinal(accepted), recovery(accepted, faultAt), problems);
    }

    /** Waits until the dead letters expected are there (at most a while), then reads what came. */
    private static List<ConsumerRecord<byte[], byte[]>> awaitDeadLetters(TopicAccess topics,
            Map<TopicPartition, Long> before, Map<String, List<String>> poison) {
        int expected = poison.values().stream().mapToInt(List::size).sum();
        long deadline = System.nanoTime() + DEAD_LETTERS_WITHIN.toNanos();
        while (true) {
            List<ConsumerRecord<byte[], byte[]>> found = topics.readSince(before);
            if (found.size() >= expected || System.nanoTime() > deadline) {
                return found;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
        }
    }

    private static Duration maxTimeToFinal(List<CustomerOrder> orders) {
        return orders.stream().filter(o -> o.finalSeenAt() != null)
                .map(o -> Duration.between(o.acceptedAt(), o.finalSeenAt()))
                .max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    }

    /** From the fault until the first order placed after it had its reservation decided; null if none did. */
    private static Duration recovery(List<CustomerOrder> orders, Instant faultAt) {
        return orders.stream().filter(o -> !o.placedAt().isBefore(faultAt)).map(CustomerOrder::settledAt)
                .filter(Objects::nonNull).min(Comparator.naturalOrder())
                .map(settled -> Duration.between(faultAt, settled)).orElse(null);
    }
}
