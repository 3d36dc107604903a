package dev.ordersaga.inventory.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/** The default strategy: conflicts happen on the hot product, and the retry topics resolve them. */
class OptimisticContentionTest extends ContentionTest {

    @LocalServerPort
    int port;

    @Override
    void assertContentionResolvedTheStrategysWay(Contention contention) {
        assertThat(contention.versionConflicts()).as("conflicts met").isPositive();
        assertThat(contention.retryTopicRecords()).as("commands that went through a retry topic").isPositive();
        assertThat(contention.retriesByAttempt().get("2")).as("first retries").isPositive();
        assertThat(contention.lockWaits()).as("locks taken").isZero();
        assertThat(conflictsOnThePrometheusEndpoint()).as("what an operator sees").isPositive();
    }

    /** The sum of every Prometheus sample whose line mentions a conflict. */
    private double conflictsOnThePrometheusEndpoint() {
        String scrape = RestClient.create("http://localhost:" + port).get().uri("/actuator/prometheus").retrieve()
                .body(String.class);
        return Arrays.stream(scrape.split("\n"))
                .filter(line -> line.contains("conflict") && !line.startsWith("#"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
