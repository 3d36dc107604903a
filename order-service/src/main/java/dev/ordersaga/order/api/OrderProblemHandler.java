package dev.ordersaga.order.api;

import dev.ordersaga.order.OrderConflictException;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigInteger;
import java.net.URI;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Answers every rejected request with an RFC 9457 problem ({@code application/problem+json}). Field problems
 * are listed in {@code errors} as {@code {field, message}}, with {@code field} a path into the request body such
 * as {@code lines[2].quantity}. Spring's own errors (415, 405, ...) keep the framework's problem bodies. A failure
 * of the service itself is a 500 problem that tells the client nothing of its internals.
 */
@RestControllerAdvice
class OrderProblemHandler extends ResponseEntityExceptionHandler {

    static final URI INVALID_ORDER = URI.create("urn:ordersaga:problem:invalid-order");
    static final URI INVALID_PAYMENT = URI.create("urn:ordersaga:problem:invalid-payment");
    static final URI ORDER_STATUS_CONFLICT = URI.create("urn:ordersaga:problem:order-status-conflict");
    static final URI PAYMENT_ALREADY_SUBMITTED = URI.create("urn:ordersaga:problem:payment-already-submitted");
    static final URI MALFORMED_REQUEST = URI.create("urn:ordersaga:problem:malformed-request");
    static final URI ORDER_NOT_FOUND = URI.create("urn:ordersaga:problem:order-not-found");
    static final URI REQUEST_TOO_LARGE = URI.create("urn:ordersaga:problem:request-too-large");
    static final URI INTERNAL_ERROR = URI.create("urn:ordersaga:problem:internal-error");

    private static final Logger log = LoggerFactory.getLogger(OrderProblemHandler.class);
    private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(Integer.class, int.class, Long.class, long.class,
            Short.class, short.class, Byte.class, byte.class, BigInteger.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, errors.stream()
                .map(error -> error.field() + " " + error.message())
                .collect(Collectors.joining("; ")));
        if (ex.getTarget() instanceof SubmitPaymentRequest) {
            problem.setType(INVALID_PAYMENT);
            problem.setTitle("Invalid payment");
        } else {
            problem.setType(INVALID_ORDER);
            problem.setTitle("Invalid order");
        }
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    /**
     * The problem carries the order's status as {@code orderStatus} ({@code status} is the HTTP status in RFC 9457),
     * so a client can tell "too late" from "too early" without parsing the detail.
     */
    @ExceptionHandler
    ProblemDetail handleOrderConflict(OrderConflictException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        if (ex.kind() == OrderConflictException.Kind.PAYMENT_ALREADY_SUBMITTED) {
            problem.setType(PAYMENT_ALREADY_SUBMITTED);
            problem.setTitle("Payment already submitted");
        } else {
            problem.setType(ORDER_STATUS_CONFLICT);
            problem.setTitle("Order status does not allow this");
        }
        problem.setProperty("orderId", ex.orderId());
        problem.setProperty("orderStatus", ex.status());
        return problem;
    }

    /**
     * The cause chain holds a {@link RequestBodyTooLargeException} when the body went past the limit, however deep
     * in the JSON parser that happened.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                        "Request body must be at most " + tooLarge.maxBytes() + " bytes");
                problem.setType(REQUEST_TOO_LARGE);
                problem.setTitle("Request body too large");
                return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
            }
        }
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(MALFORMED_REQUEST);
        problem.setTitle("Malformed request body");
        if (ex.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            FieldProblem error = new FieldProblem(path(mismatch), "must be " + describe(mismatch.getTargetType()));
            problem.setDetail(error.field() + " " + error.message());
            problem.setProperty("errors", List.of(error));
        } else if (ex.getCause() instanceof JacksonException jackson) {
            problem.setDetail("Request body is not valid JSON" + where(jackson.getLocation()));
        } else {
            problem.setDetail("Request body is missing or unreadable; send a JSON object");
        }
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    /**
     * Anything else is the service's own failure (the database gone, a bug). Its exception says how the service
     * works inside (SQL, table names, stack): that goes to the log, the client hears only that it failed.
     */
    @ExceptionHandler
    ProblemDetail handleUnexpected(Exception ex, HttpServletRequest request) {
        log.error("{} {} failed", request.getMethod(), request.getRequestURI(), ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The service could not handle this request; try again later");
        problem.setType(INTERNAL_ERROR);
        problem.setTitle("Internal error");
        return problem;
    }

    private static String path(JacksonException exception) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : exception.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (WHOLE_NUMBERS.contains(type)) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
