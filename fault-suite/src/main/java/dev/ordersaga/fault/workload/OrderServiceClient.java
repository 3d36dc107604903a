package dev.ordersaga.fault.workload;

import dev.ordersaga.loadtest.client.BlockingHttpClient;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * order-service's REST API over all its instances, as a load balancer in front of them would use it: requests go
 * round robin, and one an instance refuses (it is down) goes to the next one.
 */
final class OrderServiceClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final BlockingHttpClient http;
    private final List<String> instances;
    private final AtomicInteger next = new AtomicInteger();

    OrderServiceClient(BlockingHttpClient http, List<String> instances) {
        this.http = http;
        this.instances = List.copyOf(instances);
    }

    /**
     * The answer of the first instance that took the request, or empty when none answered or the connection broke
     * after the request was sent (then nobody knows whether it was applied).
     */
    Optional<BlockingHttpClient.Response> post(String path, String json) {
        return send(base -> http.postJson(URI.create(base + path), json == null ? "" : json, TIMEOUT));
    }

    Optional<BlockingHttpClient.Response> get(String path) {
        return send(base -> http.get(URI.create(base + path), TIMEOUT));
    }

    private Optional<BlockingHttpClient.Response> send(
            Function<String, CompletableFuture<BlockingHttpClient.Response>> request) {
        int first = Math.floorMod(next.getAndIncrement(), instances.size());
        for (int i = 0; i < instances.size(); i++) {
            try {
                return Optional.of(request.apply(instances.get((first + i) % instances.size())).join());
            } catch (CompletionException e) {
                if (!refused(e)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static boolean refused(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
