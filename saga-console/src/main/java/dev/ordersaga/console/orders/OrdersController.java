package dev.ordersaga.console.orders;

import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The page's buttons: place one order, start and stop a burst. */
@RestController
@RequestMapping("/api")
class OrdersController {

    private final OrderPlacer placer;
    private final OrderBurst burst;

    OrdersController(OrderPlacer placer, OrderBurst burst) {
        this.placer = placer;
        this.burst = burst;
    }

    /** One made-up order, placed through order-service: 202 with its id once order-service accepted it. */
    @PostMapping("/orders")
    CompletableFuture<ResponseEntity<OrderPlacer.PlacedOrder>> placeOne() {
        return placer.place().thenApply(order -> ResponseEntity.status(HttpStatus.ACCEPTED).body(order));
    }

    @GetMapping("/burst")
    OrderBurst.BurstState burst() {
        return burst.state();
    }

    /** {@code {"ordersPerSecond": 20}} */
    @PostMapping("/burst")
    OrderBurst.BurstState startBurst(@RequestBody BurstRequest request) {
        return burst.start(request.ordersPerSecond() == null ? 0 : request.ordersPerSecond());
    }

    @DeleteMapping("/burst")
    OrderBurst.BurstState stopBurst() {
        return burst.stop();
    }

    record BurstRequest(Integer ordersPerSecond) {
    }

    @ExceptionHandler
    ProblemDetail notPlaced(OrderPlacer.OrderNotPlacedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, e.getMessage());
        problem.setTitle("Order not placed");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail badBurst(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("No such burst");
        return problem;
    }
}
