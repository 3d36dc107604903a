package dev.ordersaga.inventory.reservation;

import dev.ordersaga.messages.InventoryReservationFailed;
import dev.ordersaga.messages.InventoryReserved;
import dev.ordersaga.messages.ReserveInventory;
import dev.ordersaga.messaging.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers each {@code ReserveInventory} command on {@code inventory-events}. The outcome is published after its
 * transaction committed, and the command's offset is committed only after the broker acknowledged the outcome:
 * if the process dies in between, the command comes again and its recorded outcome is published again.
 */
@Component
class ReserveInventoryListener {

    private final ReservationService reservations;
    private final KafkaTemplate<String, SpecificRecord> kafka;

    ReserveInventoryListener(ReservationService reservations, KafkaTemplate<String, SpecificRecord> kafka) {
        this.reservations = reservations;
        this.kafka = kafka;
    }

    @KafkaListener(topics = Topics.INVENTORY_COMMANDS)
    void onReserveInventory(ReserveInventory command) {
        ReservationOutcome outcome = reservations.reserve(command);
        kafka.send(Topics.INVENTORY_EVENTS, outcome.orderId(), event(outcome)).join();
    }

    private static SpecificRecord event(ReservationOutcome outcome) {
        return switch (outcome.status()) {
            case RESERVED -> new InventoryReserved(outcome.orderId(), outcome.decidedAt());
            case REJECTED -> new InventoryReservationFailed(outcome.orderId(), outcome.reason(), outcome.detail(),
                    outcome.decidedAt());
        };
    }
}
