package dev.ordersaga.order.api;

import dev.ordersaga.order.view.OrderChangeWaits;
import dev.ordersaga.order.view.OrderView;
import dev.ordersaga.order.view.OrderViewProperties;
import dev.ordersaga.order.view.OrderViews;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Answers {@code GET /orders/{orderId}} of a known order before Spring MVC: clients poll this endpoint all through
 * an order's saga, so an answer writes the JSON serialized when the order changed, or a bodiless 304, and nothing
 * else. The order comes from memory ({@link OrderViews}); only the first read of an order not held yet costs a
 * primary-key read, which puts it there. A client may also wait for a change ({@code Prefer: wait=N}, RFC 7240,
 * with {@code If-None-Match}). Everything else (an unknown order, an error) goes on to {@link OrderController},
 * which answers the same way and keeps problem responses uniform.
 *
 * <p>A waiting request holds no thread: it is answered 200 with the order as soon as it changes, or 304 when the
 * wait is over, with {@code Preference-Applied: wait=N}.
 */
class OrderReadFilter extends HttpFilter {

    private static final Logger log = LoggerFactory.getLogger(OrderReadFilter.class);
    private static final String PATH = "/orders/";
    private static final String NO_CACHE = "no-cache";

    private final OrderViews views;
    private final OrderChangeWaits waits;
    private final Duration maxWait;

    OrderReadFilter(OrderViews views, OrderChangeWaits waits, OrderViewProperties properties) {
        this.views = views;
        this.waits = waits;
        this.maxWait = properties.maxWait();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String orderId = "GET".equals(request.getMethod()) ? orderIdOf(request) : null;
        if (orderId == null) {
            chain.doFilter(request, response);
            return;
        }
        Duration wait = preferredWait(request.getHeader("Prefer"));
        Optional<OrderView> current;
        try {
            current = views.current(orderId);
        } catch (RuntimeException e) {
            log.debug("Order {} is left to the controller: {}", orderId, e.toString());
            current = Optional.empty();
        }
        if (current.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        OrderView view = current.get();
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (!matches(ifNoneMatch, view.etag())) {
            writeOrder(response, view);
        } else if (wait == null) {
            writeNotModified(response, view);
        } else {
            awaitChange(request, view, wait);
        }
    }

    private void awaitChange(HttpServletRequest request, OrderView view, Duration wait) {
        AsyncContext async = request.startAsync();
        // Only a backstop: the wait below ends first.
        async.setTimeout(wait.plusSeconds(10).toMillis());
        AtomicBoolean answered = new AtomicBoolean();
        var changed = waits.newerThan(view, wait);
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                changed.cancel(false);
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                answer(async, answered, view, Optional.empty(), wait);
            }

            @Override
            public void onError(AsyncEvent event) {
                changed.cancel(false);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        changed.whenComplete((newer, failure) -> {
            if (failure == null) {
                // On a container thread: the thread that completed the wait may be a Kafka consumer.
                async.start(() -> answer(async, answered, view, newer, wait));
            }
        });
    }

    private static void answer(AsyncContext async, AtomicBoolean answered, OrderView seen, Optional<OrderView> newer,
            Duration wait) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        try {
            HttpServletResponse response = (HttpServletResponse) async.getResponse();
            response.setHeader("Preference-Applied", "wait=" + wait.toSeconds());
            if (newer.isPresent()) {
                writeOrder(response, newer.get());
            } else {
                writeNotModified(response, seen);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Could not answer a request waiting for order {}: {}", seen.orderId(), e.toString());
        } finally {
            async.complete();
        }
    }

    private static void writeOrder(HttpServletResponse response, OrderView view) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader(HttpHeaders.ETAG, view.etag());
        response.setHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(view.body().length);
        response.getOutputStream().write(view.body());
    }

    private static void writeNotModified(HttpServletResponse response, OrderView view) {
        response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
        response.setHeader(HttpHeaders.ETAG, view.etag());
        response.setHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE);
    }

    /** The id of {@code /orders/{orderId}}; null for any other path, or an id the controller must decode. */
    private static String orderIdOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith(PATH) || path.length() == PATH.length()) {
            return null;
        }
        String orderId = path.substring(PATH.length());
        return orderId.indexOf('/') < 0 && orderId.indexOf('%') < 0 && orderId.indexOf(';') < 0 ? orderId : null;
    }

    /** Weak comparison, as RFC 9110 asks of If-None-Match: {@code W/"3"} matches {@code "3"}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || (tag.startsWith("W/") && tag.substring(2).equals(etag))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The {@code wait} preference in seconds, cut to {@code orders.view.max-wait}; null without one, for zero, or
     * for a value that is not a whole number of seconds (RFC 7240 says to ignore what cannot be understood).
     */
    Duration preferredWait(String prefer) {
        if (prefer == null) {
            return null;
        }
        for (String preference : prefer.split(",")) {
            String[] nameAndValue = preference.split(";", 2)[0].split("=", 2);
            if (nameAndValue.length == 2 && nameAndValue[0].trim().equalsIgnoreCase("wait")) {
                String value = nameAndValue[1].trim();
                if (!value.matches("[0-9]{1,9}")) {
                    return null;
                }
                Duration wait = Duration.ofSeconds(Long.parseLong(value));
                if (wait.isZero()) {
                    return null;
                }
                return wait.compareTo(maxWait) > 0 ? maxWait : wait;
            }
        }
        return null;
    }
}
