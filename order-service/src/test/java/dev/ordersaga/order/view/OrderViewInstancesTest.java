package dev.ordersaga.order.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.order.OrderServiceIntegrationTest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Two order-service instances share the order-status partitions, as a scaled-out deployment does. Each holds
 * only the orders of the partitions it consumes, so each must answer every order with its current status: the
 * orders it held before the other instance took their partitions too.
 */
class OrderViewInstancesTest extends OrderServiceIntegrationTest {

    private static final int ORDERS = 24;

    @Autowired
    private StatusPartitions partitions;

    @Test
    void shouldAnswerEveryOrderWithItsCurrentStatusOnEitherInstance() throws Exception {
        List<String> orderIds = IntStream.range(0, ORDERS).mapToObj(i -> placeOrder("c-80", "p-80", 1)).toList();
        // This instance consumes every partition now: it holds every order, and must let go of half of them.
        orderIds.forEach(orderId -> awaitStatus(orderId, "PENDING"));

        try (ConfigurableApplicationContext second = startAnotherInstance()) {
            RestClient secondHttp = client(portOf(second));
            StatusPartitions secondPartitions = second.getBean(StatusPartitions.class);
            awaitPartitionsShared(secondPartitions);

            orderIds.forEach(orderId -> publishStatus(orderId, OrderStatus.AWAITING_PAYMENT, null));
            for (RestClient instance : List.of(http, secondHttp)) {
                for (String orderId : orderIds) {
                    awaitStatus(instance, orderId, "AWAITING_PAYMENT");
                }
            }

            orderIds.forEach(orderId -> publishStatus(orderId, OrderStatus.FAILED, "OUT_OF_STOCK"));
            for (RestClient instance : List.of(secondHttp, http)) {
                for (String orderId : orderIds) {
                    awaitStatus(instance, orderId, "FAILED");
                }
            }
        }
    }

    @Test
    void shouldAnswerAWaitingRequestOnTheInstanceThatDoesNotConsumeTheOrdersStatus() throws Exception {
        try (ConfigurableApplicationContext second = startAnotherInstance()) {
            RestClient secondHttp = client(portOf(second));
            StatusPartitions secondPartitions = second.getBean(StatusPartitions.class);
            awaitPartitionsShared(secondPartitions);
            String orderId = await().atMost(TIMEOUT).until(() -> placeOrder("c-81", "p-81", 1),
                    placed -> secondPartitions.owns(secondPartitions.of(placed))
                            && !partitions.owns(partitions.of(placed)));
            String etag = getOrder(orderId).getHeaders().getETag();

            CompletableFuture<ResponseEntity<String>> waiting = CompletableFuture.supplyAsync(
                    () -> OrderReadTest.getOrder(http, orderId, etag, "wait=25"));
            publishStatus(orderId, OrderStatus.AWAITING_PAYMENT, null);

            ResponseEntity<String> answer = waiting.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(answer.getBody()).contains("\"status\":\"AWAITING_PAYMENT\"");
            assertThat(OrderReadTest.getOrder(secondHttp, orderId, answer.getHeaders().getETag(), null)
                    .getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
        }
    }

    @Test
    void shouldShowAPaymentAndACancellationTakenByTheOtherInstanceOnTheInstanceHoldingTheOrder() {
        try (ConfigurableApplicationContext second = startAnotherInstance()) {
            RestClient secondHttp = client(portOf(second));
            awaitPartitionsShared(second.getBean(StatusPartitions.class));
            String orderId = await().atMost(TIMEOUT).until(() -> placeOrder("c-82", "p-82", 1),
                    placed -> partitions.owns(partitions.of(placed)));
            publishStatus(orderId, OrderStatus.AWAITING_PAYMENT, null);
            awaitStatus(http, orderId, "AWAITING_PAYMENT");

            assertThat(postPayment(secondHttp, orderId, """
                    {"method": "card", "cardNumber": "4242424242424242"}""").getStatusCode())
                    .isEqualTo(HttpStatus.ACCEPTED);
            await().atMost(TIMEOUT).until(() -> getOrder(orderId).getBody().get("paymentSubmittedAt"),
                    paymentSubmittedAt -> !paymentSubmittedAt.isNull());

            assertThat(postCancel(secondHttp, orderId).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            await().atMost(TIMEOUT).until(() -> getOrder(orderId).getBody().get("cancellationRequestedAt"),
                    cancellationRequestedAt -> !cancellationRequestedAt.isNull());
        }
    }

    /** Until each instance consumes some partitions and no partition is consumed by both. */
    private void awaitPartitionsShared(StatusPartitions second) {
        await().atMost(TIMEOUT.multipliedBy(2)).until(() -> {
            long mine = IntStream.range(0, Topics.PARTITIONS).filter(partitions::owns).count();
            long theirs = IntStream.range(0, Topics.PARTITIONS).filter(second::owns).count();
            boolean disjoint = IntStream.range(0, Topics.PARTITIONS)
                    .noneMatch(partition -> partitions.owns(partition) && second.owns(partition));
            return mine > 0 && theirs > 0 && disjoint;
        });
    }

    private static void awaitStatus(RestClient instance, String orderId, String status) {
        await().atMost(TIMEOUT).until(
                () -> instance.get().uri("/orders/{orderId}", orderId).retrieve().toEntity(String.class),
                response -> response.getStatusCode() == HttpStatus.OK
                        && response.getBody().contains("\"status\":\"" + status + "\""));
    }
}
