package dev.ordersaga.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

class OperationsEndpointsTest extends OrderServiceIntegrationTest {

    @Test
    void shouldReportHealthIncludingDatabase() {
        ResponseEntity<JsonNode> response = http.get().uri("/actuator/health").retrieve().toEntity(JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("status").asString()).isEqualTo("UP");
        assertThat(response.getBody().get("components").get("db").get("status").asString()).isEqualTo("UP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"env", "configprops", "beans", "mappings", "loggers", "heapdump", "threaddump",
            "metrics", "metrics/jvm.memory.used"})
    void shouldNotExposeEndpointsThatShowConfigurationOrInternals(String endpoint) {
        ResponseEntity<String> response = http.get().uri("/actuator/" + endpoint).retrieve().toEntity(String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void shouldListOnlyHealthInfoAndPrometheus() {
        JsonNode links = http.get().uri("/actuator").retrieve().body(JsonNode.class).get("_links");

        assertThat(links.propertyNames()).allMatch(name -> name.equals("self") || name.startsWith("health")
                || name.equals("info") || name.equals("prometheus"));
    }

    @Test
    void shouldExposeOutboxMetricsToPrometheus() {
        placeOrder("c-40", "p-40", 1);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(prometheus())
                .contains("ordersaga_outbox_pending ")
                .containsPattern("ordersaga_outbox_published_total(\\{[^}]*})? [1-9]"));
    }

    private String prometheus() {
        return http.get().uri("/actuator/prometheus").retrieve().body(String.class);
    }
}
