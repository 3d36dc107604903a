package dev.ordersaga.order.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Answered 404 with a problem body by {@link OrderProblemHandler}. */
class OrderNotFoundException extends ErrorResponseException {

    OrderNotFoundException(String orderId) {
        super(HttpStatus.NOT_FOUND, problem(orderId), null);
    }

    private static ProblemDetail problem(String orderId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "There is no order with id '" + orderId + "'");
        problem.setType(OrderProblemHandler.ORDER_NOT_FOUND);
        problem.setTitle("Order not found");
        return problem;
    }
}
