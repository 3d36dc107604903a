package dev.ordersaga.inventory.reservation;

import static dev.ordersaga.messages.ReservationFailureReason.CONFLICT_RETRIES_EXHAUSTED;
import static dev.ordersaga.messages.ReservationFailureReason.OUT_OF_STOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.inventory.InventoryIntegrationTest;
import dev.ordersaga.inventory.InventoryServiceApplication;
import dev.ordersaga.inventory.stock.ProductStock;
import dev.ordersaga.messages.InventoryReservationFailed;
import dev.ordersaga.messages.InventoryReserved;
import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.ReserveInventory;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.testing.KafkaTestClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;

/**
 * Many commands racing for few products through the real broker, once per strategy (a subclass each). Whatever the
 * strategy: every order gets exactly one answer, no product is oversold, and an order reserves all of its lines or
 * none.
 */
abstract class ContentionTest extends InventoryIntegrationTest {

    static final Duration TIMEOUT = Duration.ofSeconds(90);
    static final int HOT_STOCK = 50;
    static final int HOT_ORDERS = 300;
    private static final int PRODUCER_THREADS = 16;

    @Autowired
    ReservationRepository reservations;

    @Autowired
    ReservationProperties properties;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    Environment environment;

    final KafkaTestClient kafka = KafkaTestClient.forSharedBroker();

    @AfterEach
    void closeClient() {
        kafka.close();
    }

    /** What this strategy must show for the contention it met on the hot product. */
    abstract void assertContentionResolvedTheStrategysWay(Contention contention);

    @Test
    void shouldReserveExactlyTheStockOfAHotProductAndAnswerEveryOrderOnce() throws Exception {
        Contention contention = reserveHotProduct();

        assertContentionResolvedTheStrategysWay(contention);
    }

    @Test
    void shouldKeepEveryInvariantWhenTwoInstancesInOneConsumerGroupShareTheHotProduct() throws Exception {
        long handledHereBefore = timed("ordersaga.inventory.command.duration");
        try (ConfigurableApplicationContext secondInstance = startSecondInstance()) {
            awaitCommandPartitionsSplitWith(secondInstance);

            reserveHotProduct();

            long handledThere = secondInstance.getBean(MeterRegistry.class)
                    .find("ordersaga.inventory.command.duration").timers().stream().mapToLong(Timer::count).sum();
            assertThat(timed("ordersaga.inventory.command.duration") - handledHereBefore)
                    .as("commands handled by this instance").isPositive();
            assertThat(handledThere).as("commands handled by the second instance").isPositive();
        }
    }

    @Test
    void shouldReserveAllLinesOfAnOrderOrNoneWhenConcurrentOrdersOverlapOnProducts() throws Exception {
        int initialStock = 60;
        List<String> products = List.of(newProduct(initialStock), newProduct(initialStock), newProduct(initialStock));
        Random random = new Random(7);
        List<ReserveInventory> orders = IntStream.range(0, 120).mapToObj(n -> randomOrder(random, products)).toList();

        Map<String, SpecificRecord> answers = sendAndAwaitAnswers(orders).answers();

        Map<String, Integer> reservedByProduct = new HashMap<>();
        for (ReserveInventory order : orders) {
            SpecificRecord answer = answers.get(order.getOrderId());
            Map<String, Integer> lines = reservations.findLines(order.getOrderId());
            if (answer instanceof InventoryReserved) {
                assertThat(lines).as("lines held by %s", order.getOrderId()).isEqualTo(quantities(order));
                lines.forEach((product, quantity) -> reservedByProduct.merge(product, quantity, Integer::sum));
            } else {
                assertThat(answer).isInstanceOfSatisfying(InventoryReservationFailed.class, failed -> assertThat(
                        failed.getReason()).isIn(OUT_OF_STOCK, CONFLICT_RETRIES_EXHAUSTED));
                assertThat(lines).as("lines held by rejected %s", order.getOrderId()).isEmpty();
            }
        }
        for (String product : products) {
            ProductStock row = stockOf(product);
            assertThat(row.available()).isNotNegative();
            assertThat(row.available() + row.reserved()).isEqualTo(initialStock);
            assertThat(row.reserved()).isEqualTo(reservedByProduct.getOrDefault(product, 0));
        }
        assertThat(answers.values()).anyMatch(InventoryReserved.class::isInstance)
                .anyMatch(InventoryReservationFailed.class::isInstance);
    }

    @Test
    void shouldRejectWithConflictRetriesExhaustedAfterTheLastAttemptConflicted() {
        String product = newFrozenProduct(5, 0);
        String orderId = newOrderId();
        double exhaustedBefore = counted("ordersaga.inventory.retries.exhausted", "command", "reserve");
        Map<String, Double> retriesBefore = retriesByAttempt();

        List<Integer> attemptsOnRetryTopics;
        try (var records = kafka.readFromNow(eventAndRetryTopics())) {
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, reserve(orderId, line(product, 1)));

            var failed = records.awaitMessage(InventoryReservationFailed.class, orderId, TIMEOUT);
            assertThat(failed.getReason()).isEqualTo(CONFLICT_RETRIES_EXHAUSTED);
            attemptsOnRetryTopics = records.drain(Duration.ZERO).stream()
                    .filter(record -> orderId.equals(record.key()) && isRetryTopic(record.topic()))
                    .map(ContentionTest::attemptHeader)
                    .toList();
        }

        int attempts = properties.retry().attempts();
        assertThat(attemptsOnRetryTopics).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(2, attempts).boxed().toList());
        Map<String, Double> retries = retriesByAttempt();
        for (int attempt = 2; attempt <= attempts; attempt++) {
            String tag = Integer.toString(attempt);
            assertThat(retries.get(tag) - retriesBefore.getOrDefault(tag, 0.0)).as("retries of attempt %s", tag)
                    .isEqualTo(1);
        }
        assertThat(counted("ordersaga.inventory.retries.exhausted", "command", "reserve"))
                .isEqualTo(exhaustedBefore + 1);
        assertThat(reservations.find(orderId).orElseThrow().reason()).isEqualTo(CONFLICT_RETRIES_EXHAUSTED);
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 5, 0, 0, 0));
    }

    /** Stock {@value HOT_STOCK}, {@value HOT_ORDERS} one-unit orders from many producer threads at once. */
    private Contention reserveHotProduct() throws Exception {
        String product = newProduct(HOT_STOCK);
        List<ReserveInventory> orders = IntStream.range(0, HOT_ORDERS)
                .mapToObj(n -> reserve(newOrderId(), line(product, 1)))
                .toList();
        double versionConflictsBefore = counted("ordersaga.inventory.conflicts", "kind", "version");
        double lockConflictsBefore = counted("ordersaga.inventory.conflicts", "kind", "lock");
        double exhaustedBefore = counted("ordersaga.inventory.retries.exhausted");
        long lockWaitsBefore = timed("ordersaga.inventory.lock.wait");
        Map<String, Double> retriesBefore = retriesByAttempt();

        Traffic traffic = sendAndAwaitAnswers(orders);

        Map<String, Double> retries = new TreeMap<>(retriesByAttempt());
        retries.replaceAll((attempt, count) -> count - retriesBefore.getOrDefault(attempt, 0.0));
        var contention = new Contention(
                counted("ordersaga.inventory.conflicts", "kind", "version") - versionConflictsBefore,
                counted("ordersaga.inventory.conflicts", "kind", "lock") - lockConflictsBefore,
                retries,
                counted("ordersaga.inventory.retries.exhausted") - exhaustedBefore,
                timed("ordersaga.inventory.lock.wait") - lockWaitsBefore,
                traffic.retryTopicRecords());
        System.out.printf("Hot product (%s, %s): %s%n", properties.strategy(), getClass().getSimpleName(),
                contention);

        Collection<SpecificRecord> answers = traffic.answers().values();
        assertThat(answers).filteredOn(InventoryReserved.class::isInstance).hasSize(HOT_STOCK);
        assertThat(answers).filteredOn(answer -> answer instanceof InventoryReservationFailed failed
                && failed.getReason() == OUT_OF_STOCK).hasSize(HOT_ORDERS - HOT_STOCK);
        ProductStock row = stockOf(product);
        assertThat(row.available()).isZero();
        assertThat(row.reserved()).isEqualTo(HOT_STOCK);
        int held = orders.stream().mapToInt(order -> reservations.findLines(order.getOrderId())
                .getOrDefault(product, 0)).sum();
        assertThat(held).as("units held by reservation lines").isEqualTo(row.reserved());
        return contention;
    }

    /**
     * Sends the orders from many threads at once and waits until each has an answer.
     *
     * @return the one answer of each order; fails when an order got two different answers
     */
    private Traffic sendAndAwaitAnswers(List<ReserveInventory> orders) throws Exception {
        List<String> orderIds = orders.stream().map(ReserveInventory::getOrderId).toList();
        try (var records = kafka.readFromNow(eventAndRetryTopics())) {
            sendConcurrently(orders);
            await().atMost(TIMEOUT).until(() -> answersByOrder(records, Duration.ofMillis(200), orderIds)
                    .size() == orderIds.size());
            Map<String, Set<SpecificRecord>> answers = answersByOrder(records, Duration.ofSeconds(1), orderIds);
            Map<String, SpecificRecord> onlyAnswers = new LinkedHashMap<>();
            answers.forEach((orderId, distinct) -> {
                assertThat(distinct).as("different answers to %s", orderId).hasSize(1);
                onlyAnswers.put(orderId, distinct.iterator().next());
            });
            Set<String> ours = Set.copyOf(orderIds);
            int retried = (int) records.drain(Duration.ZERO).stream()
                    .filter(record -> isRetryTopic(record.topic()) && ours.contains(record.key()))
                    .count();
            return new Traffic(onlyAnswers, retried);
        }
    }

    /** The distinct answers per order among everything read so far and during {@code quietPeriod}. */
    private static Map<String, Set<SpecificRecord>> answersByOrder(KafkaTestClient.TopicReader records,
            Duration quietPeriod, List<String> orderIds) {
        Set<String> ours = Set.copyOf(orderIds);
        Map<String, Set<SpecificRecord>> answers = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records.drain(quietPeriod)) {
            if (record.topic().equals(Topics.INVENTORY_EVENTS) && ours.contains(record.key())) {
                answers.computeIfAbsent(record.key(), key -> new LinkedHashSet<>()).add(records.decode(record));
            }
        }
        return answers;
    }

    private void sendConcurrently(List<ReserveInventory> orders) throws Exception {
        ExecutorService producers = Executors.newFixedThreadPool(PRODUCER_THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> sent = new ArrayList<>();
            for (ReserveInventory order : orders) {
                sent.add(producers.submit(() -> {
                    start.await();
                    kafka.send(Topics.INVENTORY_COMMANDS, order.getOrderId(), order);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : sent) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            producers.shutdownNow();
        }
    }

    /** Another instance of the service, on the same broker, database and consumer group, with this one's settings. */
    private ConfigurableApplicationContext startSecondInstance() {
        String[] arguments = Stream.concat(Stream.of(
                                "spring.kafka.bootstrap-servers", "spring.datasource.url", "spring.datasource.username",
                                "spring.datasource.password", "inventory.reservation.strategy",
                                "inventory.reservation.retry.attempts", "inventory.reservation.lock.wait-timeout",
                                "inventory.reservation.lock.tries")
                        .filter(environment::containsProperty)
                        .map(key -> "--" + key + "=" + environment.getRequiredProperty(key)),
                Stream.of("--server.port=0", "--inventory.seed.products=0"))
                .toArray(String[]::new);
        return new SpringApplicationBuilder(InventoryServiceApplication.class).run(arguments);
    }

    private void awaitCommandPartitionsSplitWith(ConfigurableApplicationContext secondInstance) {
        MessageListenerContainer here = listeners.getListenerContainer(InventoryCommandListener.ID);
        MessageListenerContainer there = secondInstance.getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer(InventoryCommandListener.ID);
        await().atMost(TIMEOUT).until(() -> assigned(here) > 0 && assigned(there) > 0
                && assigned(here) + assigned(there) == Topics.PARTITIONS);
    }

    private static int assigned(MessageListenerContainer container) {
        var partitions = container.getAssignedPartitions();
        return partitions == null ? 0 : partitions.size();
    }

    private String[] eventAndRetryTopics() {
        return Stream.concat(Stream.of(Topics.INVENTORY_EVENTS),
                        IntStream.range(0, properties.retry().attempts() - 1).mapToObj(ContentionTest::retryTopic))
                .toArray(String[]::new);
    }

    private static String retryTopic(int index) {
        return Topics.INVENTORY_COMMANDS + Topics.RETRY_TOPIC_SUFFIX + "-" + index;
    }

    private static boolean isRetryTopic(String topic) {
        return topic.startsWith(Topics.INVENTORY_COMMANDS + Topics.RETRY_TOPIC_SUFFIX);
    }

    private static int attemptHeader(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS);
        return ByteBuffer.wrap(header.value()).getInt();
    }

    /** The retries counter per {@code attempt} tag. */
    private Map<String, Double> retriesByAttempt() {
        Map<String, Double> byAttempt = new HashMap<>();
        for (Counter counter : registry.find("ordersaga.inventory.retries").counters()) {
            byAttempt.merge(counter.getId().getTag("attempt"), counter.count(), Double::sum);
        }
        return byAttempt;
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

    private static Map<String, Integer> quantities(ReserveInventory order) {
        Map<String, Integer> byProduct = new TreeMap<>();
        order.getLines().forEach(line -> byProduct.put(line.getProductId(), line.getQuantity()));
        return byProduct;
    }

    /** The answers to a batch of orders, and how many of the orders' records passed through retry topics. */
    private record Traffic(Map<String, SpecificRecord> answers, int retryTopicRecords) {
    }

    /**
     * What the hot product cost this instance: conflicts by kind, retries by attempt, orders whose retries ran out,
     * lock acquisitions (tried), and records that passed through retry topics.
     */
    record Contention(double versionConflicts, double lockConflicts, Map<String, Double> retriesByAttempt,
            double exhausted, long lockWaits, int retryTopicRecords) {
    }
}
