package dev.ordersaga.order.api;

import dev.ordersaga.order.Order;
import dev.ordersaga.order.OrderPlacement;
import dev.ordersaga.order.OrderRepository;
import jakarta.validation.Valid;
import java.net.URI;
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
 * Places orders and shows them. Placing answers 202: the saga decides the outcome later, and clients poll the
 * order's Location until its status is final.
 */
@RestController
@RequestMapping("/orders")
class OrderController {

    private final OrderPlacement placement;
    private final OrderRepository orders;
    private final OrderLimits limits;

    OrderController(OrderPlacement placement, OrderRepository orders, OrderLimits limits) {
        this.placement = placement;
        this.orders = orders;
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
                .location(URI.create("/orders/" + order.orderId()))
                .body(new OrderAccepted(order.orderId(), order.status()));
    }

    @GetMapping("/{orderId}")
    Order get(@PathVariable String orderId) {
        return orders.findById(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    }
}
