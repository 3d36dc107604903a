package dev.ordersaga.localstack;

import dev.ordersaga.testing.KafkaTestClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The running pipeline as its end-to-end tests reach it: over HTTP like a client, and on Kafka like any producer. */
abstract class PipelineEndToEndTest {

    static final Duration SETTLE = Duration.ofSeconds(60);

    static PipelineClient client;
    static KafkaTestClient kafka;

    @BeforeAll
    static void startPipeline() {
        client = new PipelineClient(RunningPipeline.get());
        kafka = KafkaTestClient.forSharedBroker();
    }

    @AfterAll
    static void closeKafka() {
        kafka.close();
    }
}
