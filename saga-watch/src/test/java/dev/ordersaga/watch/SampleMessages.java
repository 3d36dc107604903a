package dev.ordersaga.watch;

import dev.ordersaga.messages.AuthorizePayment;
import dev.ordersaga.messages.InventoryReserved;
import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.messages.OrderStatusChanged;
import dev.ordersaga.messages.PaymentMethod;
import dev.ordersaga.messages.ReserveInventory;
import dev.ordersaga.messaging.AvroMessageSerializer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Messages of one made-up order, and their bytes as the services write them. */
final class SampleMessages {

    static final Instant AT = Instant.parse("2026-12-04T10:15:30.123Z");
    private static final List<OrderLine> LINES = List.of(new OrderLine("p-1", 2));
    private static final AvroMessageSerializer<SpecificRecord> SERIALIZER = new AvroMessageSerializer<>();

    private SampleMessages() {
    }

    static OrderPlaced orderPlaced(String orderId) {
        return new OrderPlaced(orderId, "c-1", LINES, AT, true);
    }

    static ReserveInventory reserveInventory(String orderId) {
        return new ReserveInventory(orderId, LINES);
    }

    static InventoryReserved inventoryReserved(String orderId) {
        return new InventoryReserved(orderId, AT);
    }

    static OrderStatusChanged awaitingPayment(String orderId) {
        return new OrderStatusChanged(orderId, "c-1", LINES, OrderStatus.AWAITING_PAYMENT, null, AT, AT);
    }

    static AuthorizePayment authorizePayment(String orderId) {
        return new AuthorizePayment(orderId, "pay-1", PaymentMethod.CARD, "4242");
    }

    static byte[] bytesOf(SpecificRecord message) {
        return SERIALIZER.serialize("any", message);
    }
}
