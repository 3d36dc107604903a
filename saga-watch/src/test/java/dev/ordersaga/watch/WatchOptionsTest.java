package dev.ordersaga.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatchOptionsTest {

    @Test
    void shouldFollowTheDefaultTopicsOfTheLocalBrokerFromNowOnWithoutOptions() {
        assertThat(WatchOptions.parse(List.of())).isEqualTo(new WatchOptions("localhost:9092", List.of(), false,
                Optional.empty(), false));
    }

    @Test
    void shouldTakeTopicsRepeatedAndCommaSeparatedWithTheBrokerAndTheStart() {
        WatchOptions options = WatchOptions.parse(List.of("--topic", "orders,order-status", "--from-beginning",
                "--topic=payment-events", "--bootstrap-servers", "kafka:29092"));

        assertThat(options.topics()).containsExactly("orders", "order-status", "payment-events");
        assertThat(options.fromBeginning()).isTrue();
        assertThat(options.bootstrapServers()).isEqualTo("kafka:29092");
        assertThat(options.orderId()).isEmpty();
    }

    @Test
    void shouldTakeAnOrderToPrintTheConversationOf() {
        assertThat(WatchOptions.parse(List.of("--order", "o-1")).orderId()).contains("o-1");
        assertThat(WatchOptions.parse(List.of("--order=o-2", "--bootstrap-servers=h:1")))
                .isEqualTo(new WatchOptions("h:1", List.of(), false, Optional.of("o-2"), false));
    }

    @Test
    void shouldAskForHelp() {
        assertThat(WatchOptions.parse(List.of("--help")).help()).isTrue();
        assertThat(WatchOptions.parse(List.of("-h")).help()).isTrue();
    }

    @Test
    void shouldSayWhatIsWrongWithACommandLineItCannotRun() {
        assertThatThrownBy(() -> WatchOptions.parse(List.of("--follow")))
                .hasMessage("Unknown option '--follow'");
        assertThatThrownBy(() -> WatchOptions.parse(List.of("--order")))
                .hasMessage("--order needs a value");
        assertThatThrownBy(() -> WatchOptions.parse(List.of("--topic", "--from-beginning")))
                .hasMessage("--topic needs a value");
        assertThatThrownBy(() -> WatchOptions.parse(List.of("--from-beginning=yes")))
                .hasMessage("--from-beginning takes no value");
        assertThatThrownBy(() -> WatchOptions.parse(List.of("--order", "o-1", "--topic", "orders")))
                .hasMessageStartingWith("--order reads every topic of the order");
        assertThatThrownBy(() -> WatchOptions.parse(List.of("--bootstrap-servers=")))
                .hasMessage("--bootstrap-servers needs HOST:PORT");
    }
}
