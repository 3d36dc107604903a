package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStackSettingsTest {

    @Test
    void shouldDefaultToTheEmbeddedStackOnTheDocumentedPorts() {
        LocalStackSettings settings = LocalStackSettings.from(Map.of("ORDERSAGA_PROJECT_ROOT", "/repo"), List.of());

        assertThat(settings.kafkaPort()).isEqualTo(9092);
        assertThat(settings.postgresPort()).isEqualTo(5433);
        assertThat(settings.postgresUrl()).isEmpty();
        assertThat(settings.dataDir()).hasToString("/repo/.local-stack");
        assertThat(settings.clean()).isFalse();
        assertThat(settings.seedProducts()).isEqualTo(20);
        assertThat(settings.seedStock()).isEqualTo(1000);
        assertThat(settings.ports()).isEqualTo(OrderSagaServices.Ports.defaults());
        assertThat(settings.console()).isTrue();
    }

    @Test
    void shouldRunTheServicesOnOtherPortsWhenAsked() {
        LocalStackSettings settings = LocalStackSettings.from(Map.of("ORDERSAGA_ORDER_SERVICE_PORT", "9180",
                "ORDERSAGA_INVENTORY_SERVICE_PORT", "9181", "ORDERSAGA_SAGA_ORCHESTRATOR_PORT", "9182",
                "ORDERSAGA_PAYMENT_SERVICE_PORT", "9183", "ORDERSAGA_SAGA_CONSOLE_PORT", "9184"), List.of());

        assertThat(settings.ports()).isEqualTo(new OrderSagaServices.Ports(9180, 9181, 9182, 9183, 9184));
    }

    @Test
    void shouldTakeAnExistingPostgresAndACleanStartWhenAsked() {
        LocalStackSettings settings = LocalStackSettings.from(Map.of(
                "ORDERSAGA_POSTGRES_URL", "jdbc:postgresql://db:5432/postgres",
                "ORDERSAGA_POSTGRES_USER", "shop", "ORDERSAGA_SEED_PRODUCTS", "5"), List.of("--clean"));

        assertThat(settings.postgresUrl()).contains("jdbc:postgresql://db:5432/postgres");
        assertThat(settings.postgresUser()).isEqualTo("shop");
        assertThat(settings.seedProducts()).isEqualTo(5);
        assertThat(settings.clean()).isTrue();
    }

    @Test
    void shouldExplainAMistypedSetting() {
        assertThatThrownBy(() -> LocalStackSettings.from(Map.of("ORDERSAGA_KAFKA_PORT", "ninety"), List.of()))
                .hasMessageContaining("ORDERSAGA_KAFKA_PORT must be a whole number");
        assertThatThrownBy(() -> LocalStackSettings.from(Map.of(), List.of("--fresh")))
                .hasMessageContaining("Unknown option --fresh");
    }

    @Test
    void shouldSayWhatToDoWhenTheConfiguredPostgresCannotBeReached() {
        assertThatThrownBy(() -> ExternalDatabaseServer.connect("jdbc:postgresql://localhost:1/postgres",
                "postgres", "postgres"))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("Cannot connect to the PostgreSQL server")
                .hasMessageContaining("unset ORDERSAGA_POSTGRES_URL to use the embedded server");
        assertThatThrownBy(() -> ExternalDatabaseServer.connect("postgres://localhost/db", "u", "p"))
                .hasMessageContaining("must look like jdbc:postgresql://");
    }
}
