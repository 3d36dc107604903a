package dev.ordersaga.order.api;

import dev.ordersaga.order.Order;
import dev.ordersaga.order.OrderCancellation;
import dev.ordersaga.order.OrderPayment;
import dev.ordersaga.order.OrderPlacement;
import dev.ordersaga.order.OrderRepository;
import dev.ordersaga.order.SubmittedPayment;
import dev.ordersaga.order.status.OrderHistory;
import dev.ordersaga.order.status.OrderStatusHistoryRepository;
import dev.ordersaga.order.view.OrderView;
import dev.ordersaga.order.view.OrderViews;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Places orders, takes their payment and cancellation, and shows them. Placing, paying and cancelling answer 202:
 * the saga decides the outcome later, and clients poll the order's Location until its status is final.
 */
@RestController
@RequestMapping("/orders")
class OrderController {

    private final OrderPlacement placement;
    private final OrderPayment payment;
    private final OrderCancellation cancellation;
    private final OrderRepository orders;
    private final OrderStatusHistoryRepository history;
    private final OrderViews views;
    private final OrderLimits limits;

    OrderController(OrderPlacement placement, OrderPayment payment, OrderCancellation cancellation,
            OrderRepository orders, OrderStatusHistoryRepository history, OrderViews views, OrderLimits limits) {
        this.placement = placement;
        this.payment = payment;
        this.cancellation = cancellation;
        this.orders = orders;
        this.history = history;
        this.views = views;
        this.limits = limits;
    }

    @InitBinder
    void checkOrderLimits(WebDataBinder binder) {
        if (binder.getTarget() instanceof PlaceOrderRequest) {
            binder.addValidators(limits);
        }
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OrderAccepted> place(@Valid @RequestBody PlaceOrderRequest request) {
        Order order = placement.place(request.customerId(), request.lines().stream()
                .map(line -> new Order.Line(line.productId(), line.quantity()))
                .toList());
        return ResponseEntity.accepted()
                .location(location(order.orderId()))
                .body(new OrderAccepted(order.orderId(), order.status()));
    }

    @PostMapping(path = "/{orderId}/payment", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SubmittedPayment> pay(@PathVariable String orderId,
            @Valid @RequestBody SubmitPaymentRequest request) {
        SubmittedPayment submitted = payment.submitCardPayment(orderId, request.cardLast4())
                .orElseThrow(() -> new OrderNotFoundException(orderId));
        return ResponseEntity.accepted().location(location(orderId)).body(submitted);
    }

    /** Needs no body, so takes any content type (or none): a bare {@code curl -X POST} cancels. */
    @PostMapping("/{orderId}/cancel")
    ResponseEntity<CancellationAccepted> cancel(@PathVariable String orderId) {
        return cancellation.request(orderId)
                .map(status -> ResponseEntity.accepted()
                        .location(location(orderId))
                        .body(new CancellationAccepted(orderId, status)))
                .orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    /**
     * Reads that {@link OrderReadFilter} could answer from memory never get here. Spring answers 304 when
     * {@code If-None-Match} holds the ETag.
     */
    @GetMapping("/{orderId}")
    ResponseEntity<byte[]> get(@PathVariable String orderId) {
        OrderView order = views.current(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        return ResponseEntity.ok()
                .eTag(order.etag())
                .cacheControl(CacheControl.noCache())
                .contentType(MediaType.APPLICATION_JSON)
                .body(order.body());
    }

    @GetMapping("/{orderId}/history")
    OrderHistory history(@PathVariable String orderId) {
        return orders.findById(orderId)
                .map(order -> new OrderHistory(orderId, history.findByOrderId(orderId)))
                .orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    private static URI location(String orderId) {
        return URI.create("/orders/" + orderId);
    }
}
