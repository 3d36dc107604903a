package dev.ordersaga.messaging;

import dev.ordersaga.messages.AuthorizePayment;
import dev.ordersaga.messages.CancellationRequested;
import dev.ordersaga.messages.CommitInventory;
import dev.ordersaga.messages.InventoryCommitted;
import dev.ordersaga.messages.InventoryReleased;
import dev.ordersaga.messages.InventoryReservationFailed;
import dev.ordersaga.messages.InventoryReserved;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messages.OrderSagaState;
import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.messages.OrderStatusChanged;
import dev.ordersaga.messages.PaymentAuthorized;
import dev.ordersaga.messages.PaymentDeclined;
import dev.ordersaga.messages.PaymentMethod;
import dev.ordersaga.messages.PaymentSubmitted;
import dev.ordersaga.messages.PaymentVoided;
import dev.ordersaga.messages.ReleaseInventory;
import dev.ordersaga.messages.ReserveInventory;
import dev.ordersaga.messages.ReservationFailureReason;
import dev.ordersaga.messages.SagaClockTick;
import dev.ordersaga.messages.VoidPayment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import dev.ordersaga.messages.OrderLine;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every top-level message record of order-saga, looked up by the fingerprint its wire header carries.
 * A test checks that each record schema under {@code src/main/avro} is listed here.
 *
 * <p>When a schema evolves, its earlier forms stay readable: each is kept under
 * {@code dev/ordersaga/messages/history/} and listed in {@link #HISTORY}, its fingerprint maps to the same class,
 * and the deserializer resolves the old writer schema to the current reader schema (new fields take their
 * defaults). That is what lets a new orchestrator restore saga states an older one wrote to its changelog, and
 * read the orders an older client produced.
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
            CancellationRequested.class,
            PaymentSubmitted.class,
            AuthorizePayment.class,
            VoidPayment.class,
            PaymentAuthorized.class,
            PaymentDeclined.class,
            PaymentVoided.class,
            OrderSagaState.class,
            SagaClockTick.class);

    /** Earlier schemas of a message type, oldest first, as classpath resources. */
    static final Map<Class<? extends SpecificRecord>, List<String>> HISTORY = Map.of(
            OrderPlaced.class, List.of("history/OrderPlaced.v1.avsc"),
            OrderSagaState.class, List.of("history/OrderSagaState.v1.avsc"));

    private static final Map<Class<? extends SpecificRecord>, List<Schema>> EARLIER_SCHEMAS = HISTORY.entrySet()
            .stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                    entry -> entry.getValue().stream().map(MessageTypes::parseEarlierSchema).toList()));

    private static final Map<Long, Class<? extends SpecificRecord>> BY_FINGERPRINT = byFingerprint();

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

    /** The schemas {@code type} was written with in earlier releases, which readers must still resolve. */
    public static List<Schema> earlierSchemasOf(Class<? extends SpecificRecord> type) {
        return EARLIER_SCHEMAS.getOrDefault(type, List.of());
    }

    private static Map<Long, Class<? extends SpecificRecord>> byFingerprint() {
        Map<Long, Class<? extends SpecificRecord>> types = new HashMap<>();
        for (Class<? extends SpecificRecord> type : ALL) {
            types.put(fingerprint(schemaOf(type)), type);
            earlierSchemasOf(type).forEach(earlier -> types.put(fingerprint(earlier), type));
        }
        return Map.copyOf(types);
    }

    private static Schema parseEarlierSchema(String resource) {
        // Named types the record refers to resolve to today's: they only ever evolve compatibly.
        Schema.Parser parser = new Schema.Parser().addTypes(List.of(OrderLine.getClassSchema(),
                OrderStatus.getClassSchema(), ReservationFailureReason.getClassSchema(),
                PaymentMethod.getClassSchema()));
        try (InputStream schema = OrderSagaState.class.getResourceAsStream(resource)) {
            if (schema == null) {
                throw new IllegalStateException("Missing schema history resource " + resource);
            }
            return parser.parse(schema);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schema history resource " + resource, e);
        }
    }
}
