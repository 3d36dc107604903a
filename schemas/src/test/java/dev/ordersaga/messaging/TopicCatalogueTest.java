package dev.ordersaga.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.messages.OrderSagaState;
import dev.ordersaga.messages.ReserveInventory;
import dev.ordersaga.messaging.TopicContract.Kind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class TopicCatalogueTest {

    @Test
    void shouldDeclareEveryTopicTheServicesCreateOnce() {
        assertThat(TopicCatalogue.ALL).extracting(TopicContract::topic).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(Topics.ALL)
                .contains(Topics.ORDERS, Topics.INVENTORY_COMMANDS, Topics.INVENTORY_EVENTS, Topics.PAYMENT_COMMANDS,
                        Topics.PAYMENT_EVENTS, Topics.ORDER_STATUS, Topics.SAGA_CLOCK, Topics.SAGA_DLT,
                        Topics.INVENTORY_COMMANDS_DLT, Topics.PAYMENT_COMMANDS_DLT, Topics.ORDER_STATUS_DLT);
    }

    @Test
    void shouldPutEveryMessageTypeOnExactlyOneSagaOrInternalTopic() {
        Set<Class<? extends SpecificRecord>> seen = new HashSet<>();
        TopicCatalogue.ALL.stream().filter(contract -> contract.kind() != Kind.DEAD_LETTER)
                .flatMap(contract -> contract.valueTypes().stream())
                .forEach(type -> assertThat(seen.add(type)).as("%s on two topics", type.getSimpleName()).isTrue());
        seen.add(OrderSagaState.class);

        assertThat(seen).containsExactlyInAnyOrderElementsOf(MessageTypes.ALL);
    }

    @Test
    void shouldGiveEveryConsumedTopicADeadLetterTopicThatIsInTheCatalogue() {
        for (TopicContract contract : TopicCatalogue.ALL) {
            if (contract.kind() == Kind.DEAD_LETTER) {
                assertThat(contract.deadLetterTopic()).as(contract.topic()).isEmpty();
                assertThat(TopicCatalogue.sourcesOf(contract.topic())).as(contract.topic()).isNotEmpty();
            } else {
                assertThat(TopicCatalogue.contractOf(contract.deadLetterTopic().orElseThrow()))
                        .as(contract.topic()).get().extracting(TopicContract::kind).isEqualTo(Kind.DEAD_LETTER);
            }
        }
    }

    @Test
    void shouldSendEveryInputOfTheSagaOrchestratorToItsOneDeadLetterTopic() {
        // Kafka Streams has one dead-letter topic per application.
        assertThat(List.of(Topics.ORDERS, Topics.INVENTORY_EVENTS, Topics.PAYMENT_EVENTS, Topics.SAGA_CLOCK))
                .allSatisfy(topic -> assertThat(TopicCatalogue.deadLetterTopicOf(topic)).isEqualTo(Topics.SAGA_DLT));
        assertThat(TopicCatalogue.sourcesOf(Topics.SAGA_DLT)).containsExactlyInAnyOrder(Topics.ORDERS,
                Topics.INVENTORY_EVENTS, Topics.PAYMENT_EVENTS, Topics.SAGA_CLOCK);
    }

    @Test
    void shouldLetADeadLetterTopicHoldAnyMessageSinceAMessageOnTheWrongTopicEndsThere() {
        TopicContract deadLetters = TopicCatalogue.contractOf(Topics.PAYMENT_COMMANDS_DLT).orElseThrow();

        assertThat(deadLetters.valueTypes()).containsExactlyElementsOf(MessageTypes.ALL);
    }

    @Test
    void shouldReadARetryTopicAsTheCommandTopicItRetriesWithTheSameDeadLetterTopic() {
        TopicContract retry = TopicCatalogue.contractOf("inventory-commands-retry-3").orElseThrow();

        assertThat(retry.kind()).isEqualTo(Kind.RETRY);
        assertThat(retry.carries(ReserveInventory.class)).isTrue();
        assertThat(TopicCatalogue.deadLetterTopicOf("inventory-commands-retry-3"))
                .isEqualTo(Topics.INVENTORY_COMMANDS_DLT);
        assertThat(TopicCatalogue.contractOf("inventory-commands-retry-x")).isEmpty();
    }

    @Test
    void shouldReadTheSagaStateChangelogOfAnyApplicationId() {
        assertThat(TopicCatalogue.contractOf("saga-orchestrator-e2e-order-sagas-changelog")).get()
                .satisfies(changelog -> assertThat(changelog.valueTypes()).containsExactly(OrderSagaState.class));
    }

    @Test
    void shouldRefuseToNameADeadLetterTopicForATopicItDoesNotKnow() {
        assertThatThrownBy(() -> TopicCatalogue.deadLetterTopicOf("someone-elses-topic"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("someone-elses-topic");
    }
}
