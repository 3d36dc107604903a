package dev.ordersaga.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The one place where topic names live; what each carries is in {@link TopicCatalogue}. Every topic is keyed by order id, so an order's messages stay in order
 * and the saga orchestrator's inputs are co-partitioned: they must all have the same partition count.
 */
public final class Topics {

    /**
     * inventory-service's non-blocking retries of conflicting commands go to {@code inventory-commands-retry-N}
     * (one topic per backoff step, created by inventory-service at start-up).
     */
    public static final String RETRY_TOPIC_SUFFIX = "-retry";
    /** Suffix of every dead-letter topic. */
    public static final String DLT_SUFFIX = "-dlt";

    /**
     * The customer's requests about an order: {@code OrderPlaced}, {@code PaymentSubmitted},
     * {@code CancellationRequested}, from order-service's outbox or any client. One topic keyed by order id, so an
     * order's requests reach the saga orchestrator in the order they were made.
     */
    public static final String ORDERS = "orders";
    /** {@code ReserveInventory}, {@code ReleaseInventory}, {@code CommitInventory}: saga to inventory-service. */
    public static final String INVENTORY_COMMANDS = "inventory-commands";
    /** {@code InventoryReserved}, {@code InventoryReservationFailed}, {@code InventoryReleased},
     * {@code InventoryCommitted}: inventory-service to the saga. */
    public static final String INVENTORY_EVENTS = "inventory-events";
    /** {@code AuthorizePayment}, {@code VoidPayment}: saga to payment-service. */
    public static final String PAYMENT_COMMANDS = "payment-commands";
    /** {@code PaymentAuthorized}, {@code PaymentDeclined}, {@code PaymentVoided}: payment-service to the saga. */
    public static final String PAYMENT_EVENTS = "payment-events";
    /** {@code OrderStatusChanged}, from the saga orchestrator to order-service (and anyone watching). */
    public static final String ORDER_STATUS = "order-status";
    /**
     * {@code SagaClockTick}: the saga orchestrator's heartbeats to itself, keyed by partition number. Reading them
     * moves each task's stream time on when no order comes, so its timers (payment deadlines, retries) fire; an
     * input of the orchestrator like the three above, so it needs their partition count too.
     */
    public static final String SAGA_CLOCK = "saga-clock";

    /** Records inventory-service could not decode or handle, with the exception in headers. */
    public static final String INVENTORY_COMMANDS_DLT = INVENTORY_COMMANDS + DLT_SUFFIX;
    /** Records payment-service could not decode or handle. */
    public static final String PAYMENT_COMMANDS_DLT = PAYMENT_COMMANDS + DLT_SUFFIX;
    /** Records order-service could not decode or handle. */
    public static final String ORDER_STATUS_DLT = ORDER_STATUS + DLT_SUFFIX;
    /** Records the saga orchestrator could not decode (Kafka Streams' dead-letter queue). */
    public static final String SAGA_DLT = "saga-orchestrator" + DLT_SUFFIX;

    public static final int PARTITIONS = 6;

    /** Every topic the services create: those of the {@link TopicCatalogue}. */
    public static final List<String> ALL = TopicCatalogue.ALL.stream().map(TopicContract::topic).toList();

    /**
     * A heartbeat is worth nothing once read, and the orchestrator sends one per partition every second: keep an
     * hour of them (in segments of ten minutes, so whole segments can go), not the broker's default week.
     */
    private static final Map<String, Map<String, String>> CONFIGS = Map.of(SAGA_CLOCK, Map.of(
            TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofHours(1).toMillis()),
            TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(Duration.ofMinutes(10).toMillis())));

    /** Every topic, for an admin client to create where missing. */
    public static List<NewTopic> newTopics(int partitions, short replicationFactor) {
        return ALL.stream().map(name -> new NewTopic(name, partitions, replicationFactor)
                .configs(CONFIGS.getOrDefault(name, Map.of()))).toList();
    }

    private Topics() {
    }
}
