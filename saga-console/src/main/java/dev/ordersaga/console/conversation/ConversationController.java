package dev.ordersaga.console.conversation;

import dev.ordersaga.console.KafkaReading;
import dev.ordersaga.watch.Conversations;
import dev.ordersaga.watch.WatchedRecord;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.KafkaException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * One order's whole conversation, read back from Kafka (see {@link Conversations}): every record of it on the saga,
 * retry and dead-letter topics, in the order they tell its story. One reading at a time; each reads the order's
 * partition of every topic, so it is for a person's click, not for polling.
 */
@RestController
class ConversationController implements DisposableBean {

    private final Conversations conversations;

    ConversationController(KafkaReading kafka) {
        this.conversations = new Conversations(kafka.consumerConfig("conversations"));
    }

    /**
     * A JSON array of the records as {@link WatchedRecord#toJsonLine()} writes them: {@code time, topic, partition,
     * offset, key, value} (with {@code "@type"}), and {@code error} where there is one. Empty for an order the
     * topics hold nothing of.
     */
    @GetMapping(path = "/api/orders/{orderId}/conversation", produces = MediaType.APPLICATION_JSON_VALUE)
    String conversation(@PathVariable String orderId) {
        List<WatchedRecord> records = conversations.of(orderId);
        return records.stream().map(WatchedRecord::toJsonLine).collect(Collectors.joining(",\n", "[", "]"));
    }

    @ExceptionHandler
    ProblemDetail brokerAway(KafkaException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Cannot read the conversation from Kafka: " + e.getMessage());
        problem.setTitle("Kafka unavailable");
        return problem;
    }

    @Override
    public void destroy() {
        conversations.close();
    }
}
