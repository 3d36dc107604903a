package dev.ordersaga.messaging;

import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The one place where topic names live. Every topic is keyed by order id, so an order's messages stay in order
 * and the saga orchestrator's inputs are co-partitioned: they must all have the same partition count.
 */
public final class Topics {

    /** {@code OrderPlaced}, from order-service's outbox or any client. Read by the saga orchestrator. */
    public static final String ORDERS = "orders";
    /** {@code ReserveInventory}, from the saga orchestrator to inventory-service. */
    public static final String INVENTORY_COMMANDS = "inventory-commands";
    /** {@code InventoryReserved} or {@code InventoryReservationFailed}, from inventory-service to the saga. */
    public static final String INVENTORY_EVENTS = "inventory-events";
    /** {@code OrderStatusChanged}, from the saga orchestrator to order-service (and anyone watching). */
    public static final String ORDER_STATUS = "order-status";

    /** Records inventory-service could not decode or handle, with the exception in headers. */
    public static final String INVENTORY_COMMANDS_DLT = "inventory-commands-dlt";
    /** Records order-service could not decode or handle. */
    public static final String ORDER_STATUS_DLT = "order-status-dlt";
    /** Records the saga orchestrator could not decode (Kafka Streams' dead-letter queue). */
    public static final String SAGA_DLT = "saga-orchestrator-dlt";

    public static final int PARTITIONS = 6;

    public static final List<String> ALL = List.of(ORDERS, INVENTORY_COMMANDS, INVENTORY_EVENTS, ORDER_STATUS,
            INVENTORY_COMMANDS_DLT, ORDER_STATUS_DLT, SAGA_DLT);

    /** Every topic, for an admin client to create where missing. */
    public static List<NewTopic> newTopics(int partitions, short replicationFactor) {
        return ALL.stream().map(name -> new NewTopic(name, partitions, replicationFactor)).toList();
    }

    private Topics() {
    }
}
