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
import dev.ordersaga.messages.OrderStatusChanged;
import dev.ordersaga.messages.PaymentAuthorized;
import dev.ordersaga.messages.PaymentDeclined;
import dev.ordersaga.messages.PaymentSubmitted;
import dev.ordersaga.messages.PaymentVoided;
import dev.ordersaga.messages.ReleaseInventory;
import dev.ordersaga.messages.ReserveInventory;
import dev.ordersaga.messages.SagaClockTick;
import dev.ordersaga.messages.VoidPayment;
import dev.ordersaga.messaging.TopicContract.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;

/**
 * The contract of every order-saga topic ({@link TopicContract}): which message types its values are, what its
 * key holds, and its dead-letter topic. Consumers' deserializers are built from it ({@link AvroMessageDeserializer}
 * rejects a type its topic does not carry), services send dead letters where it says, and the tools that show
 * the topics to people (the Kafka UI serde, {@code ./watch.sh}, the saga console) read it too.
 */
public final class TopicCatalogue {

    private static final String ORDER_ID = "order id";

    private static final TopicContract ORDERS = saga(Topics.ORDERS,
            List.of(OrderPlaced.class, PaymentSubmitted.class, CancellationRequested.class), Topics.SAGA_DLT,
            "The customer's requests: order-service's outbox or any client to the saga orchestrator");
    private static final TopicContract INVENTORY_COMMANDS = saga(Topics.INVENTORY_COMMANDS,
            List.of(ReserveInventory.class, ReleaseInventory.class, CommitInventory.class),
            Topics.INVENTORY_COMMANDS_DLT, "Saga orchestrator to inventory-service");
    private static final TopicContract INVENTORY_EVENTS = saga(Topics.INVENTORY_EVENTS,
            List.of(InventoryReserved.class, InventoryReservationFailed.class, InventoryReleased.class,
                    InventoryCommitted.class), Topics.SAGA_DLT, "inventory-service's answers to the saga orchestrator");
    private static final TopicContract PAYMENT_COMMANDS = saga(Topics.PAYMENT_COMMANDS,
            List.of(AuthorizePayment.class, VoidPayment.class), Topics.PAYMENT_COMMANDS_DLT,
            "Saga orchestrator to payment-service");
    private static final TopicContract PAYMENT_EVENTS = saga(Topics.PAYMENT_EVENTS,
            List.of(PaymentAuthorized.class, PaymentDeclined.class, PaymentVoided.class), Topics.SAGA_DLT,
            "payment-service's answers to the saga orchestrator");
    private static final TopicContract ORDER_STATUS = saga(Topics.ORDER_STATUS, List.of(OrderStatusChanged.class),
            Topics.ORDER_STATUS_DLT, "Every status an order reaches: saga orchestrator to order-service and anyone");
    private static final TopicContract SAGA_CLOCK = new TopicContract(Topics.SAGA_CLOCK, Kind.INTERNAL,
            "partition number", List.of(SagaClockTick.class), Optional.of(Topics.SAGA_DLT),
            "The saga orchestrator's heartbeats to itself, which move its timers on");

    /** The saga topics, in the order an order's conversation goes through them. */
    public static final List<TopicContract> SAGA_TOPICS = List.of(ORDERS, INVENTORY_COMMANDS, INVENTORY_EVENTS,
            PAYMENT_COMMANDS, PAYMENT_EVENTS, ORDER_STATUS);

    /**
     * The changelog of the saga orchestrator's state store: {@code <application id>-order-sagas-changelog}.
     * Kafka Streams creates it; this name is the one of the default application id.
     */
    public static final String SAGA_STATE_CHANGELOG = "saga-orchestrator-order-sagas-changelog";
    private static final String CHANGELOG_SUFFIX = "-order-sagas-changelog";
    private static final TopicContract SAGA_STATES = new TopicContract(SAGA_STATE_CHANGELOG, Kind.INTERNAL,
            ORDER_ID, List.of(OrderSagaState.class), Optional.empty(),
            "Every saga's state after each step (the saga orchestrator's store, compacted)");

    /** Every topic the services create, with its contract; retry topics and the changelog are looked up by name. */
    public static final List<TopicContract> ALL = all();

    private static final Pattern RETRY_TOPIC = Pattern.compile(
            Pattern.quote(Topics.INVENTORY_COMMANDS + Topics.RETRY_TOPIC_SUFFIX) + "-\\d+");

    private TopicCatalogue() {
    }

    /**
     * The contract of {@code topic}: one of {@link #ALL}, an inventory retry topic ({@code inventory-commands-retry-N},
     * which carries what {@code inventory-commands} carries), or a saga state changelog of any application id.
     */
    public static Optional<TopicContract> contractOf(String topic) {
        for (TopicContract contract : ALL) {
            if (contract.topic().equals(topic)) {
                return Optional.of(contract);
            }
        }
        if (RETRY_TOPIC.matcher(topic).matches()) {
            return Optional.of(INVENTORY_COMMANDS.named(topic, Kind.RETRY,
                    "Conflicting inventory commands, republished by inventory-service to try again later"));
        }
        if (topic.endsWith(CHANGELOG_SUFFIX)) {
            return Optional.of(SAGA_STATES.named(topic, Kind.INTERNAL, SAGA_STATES.description()));
        }
        return Optional.empty();
    }

    /** Where a consumer of {@code topic} sends what it cannot decode or handle. */
    public static String deadLetterTopicOf(String topic) {
        return contractOf(topic).flatMap(TopicContract::deadLetterTopic).orElseThrow(() ->
                new IllegalArgumentException("No dead-letter topic is declared for " + topic));
    }

    /** The topics whose dead letters go to {@code deadLetterTopic}. */
    public static List<String> sourcesOf(String deadLetterTopic) {
        return ALL.stream().filter(contract -> contract.deadLetterTopic().filter(deadLetterTopic::equals).isPresent())
                .map(TopicContract::topic).toList();
    }

    private static List<TopicContract> all() {
        List<TopicContract> all = new ArrayList<>(SAGA_TOPICS);
        all.add(SAGA_CLOCK);
        List<TopicContract> sources = List.copyOf(all);
        Set<String> deadLetterTopics = new LinkedHashSet<>();
        sources.forEach(contract -> contract.deadLetterTopic().ifPresent(deadLetterTopics::add));
        for (String deadLetterTopic : deadLetterTopics) {
            List<String> sourceNames = sources.stream()
                    .filter(source -> source.deadLetterTopic().orElseThrow().equals(deadLetterTopic))
                    .map(TopicContract::topic).toList();
            // A dead letter is the record as it came: a message its topic carries that could not be handled, one
            // that did not belong on its topic (any type at all), or bytes nobody can read.
            all.add(new TopicContract(deadLetterTopic, Kind.DEAD_LETTER, ORDER_ID, MessageTypes.ALL, Optional.empty(),
                    "Records the consumers of " + String.join(", ", sourceNames)
                            + " could not take, as they came, with the error in headers"));
        }
        return List.copyOf(all);
    }

    private static TopicContract saga(String topic, List<Class<? extends SpecificRecord>> types,
            String deadLetterTopic, String description) {
        return new TopicContract(topic, Kind.SAGA, ORDER_ID, types, Optional.of(deadLetterTopic), description);
    }
}
