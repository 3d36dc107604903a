package dev.ordersaga.messaging;

import dev.ordersaga.messages.CommitInventory;
import dev.ordersaga.messages.InventoryCommitted;
import dev.ordersaga.messages.InventoryReleased;
import dev.ordersaga.messages.InventoryReservationFailed;
import dev.ordersaga.messages.InventoryReserved;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messages.OrderSagaState;
import dev.ordersaga.messages.OrderStatusChanged;
import dev.ordersaga.messages.ReleaseInventory;
import dev.ordersaga.messages.ReserveInventory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every top-level message record of order-saga, looked up by the fingerprint its wire header carries.
 * A test checks that each record schema under {@code src/main/avro} is listed here.
 */
public final class MessageTypes {

    public static final List<Class<? extends SpecificRecord>> ALL = List.of(
            OrderPlaced.class,
            ReserveInventory.class,
            ReleaseInventory.class,
            CommitInventory.class,
            InventoryReserved.class,
            InventoryReservationFailed.class,
            InventoryReleased.class,
            InventoryCommitted.class,
            OrderStatusChanged.class,
            OrderSagaState.class);

    private static final Map<Long, Class<? extends SpecificRecord>> BY_FINGERPRINT = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(type -> fingerprint(schemaOf(type)), Function.identity()));

    private MessageTypes() {
    }

    /** The CRC-64-AVRO fingerprint of the schema's canonical form: what Avro single-object encoding writes. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    public static Optional<Class<? extends SpecificRecord>> byFingerprint(long fingerprint) {
        return Optional.ofNullable(BY_FINGERPRINT.get(fingerprint));
    }

    public static Schema schemaOf(Class<? extends SpecificRecord> type) {
        return SpecificData.get().getSchema(type);
    }
}
