package dev.ordersaga.loadtest.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bench's HTTP: blocking {@link HttpURLConnection} calls on a pool of threads, over kept-alive connections.
 * The bench shares the machine with the pipeline it measures, so every microsecond it spends per request is taken
 * from the services. The JDK's asynchronous {@code HttpClient} spent ~670 µs of CPU per status poll here, against
 * ~140 µs for this (16 concurrent GETs against a warm order-service), and order-service itself spends ~400 µs.
 *
 * <p>The pool bounds the requests in flight, as a browser's connection limit does; a poll that finds every
 * thread busy waits for one, which only happens when the services answer slower than the polls come.
 */
public final class BlockingHttpClient implements AutoCloseable {

    /** Kept-alive connections per host; the JDK's default of 5 would open a new connection for most requests. */
    private static final String MAX_CONNECTIONS = "http.maxConnections";

    static {
        if (System.getProperty(MAX_CONNECTIONS) == null) {
            System.setProperty(MAX_CONNECTIONS, "512");
        }
    }

    /**
     * @param etag the {@code ETag} header, or null when the server sent none
     */
    public record Response(int status, String body, String etag) {
    }

    private final ExecutorService pool;
    private final Duration connectTimeout;

    public BlockingHttpClient(int threads, Duration connectTimeout) {
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.connectTimeout = connectTimeout;
    }

    public CompletableFuture<Response> get(URI uri, Duration timeout) {
        return get(uri, Map.of(), timeout);
    }

    /** A GET with request headers, such as {@code If-None-Match} and {@code Prefer}. */
    public CompletableFuture<Response> get(URI uri, Map<String, String> headers, Duration timeout) {
        return CompletableFuture.supplyAsync(() -> call("GET", uri, headers, null, timeout), pool);
    }

    public CompletableFuture<Response> postJson(URI uri, String json, Duration timeout) {
        return CompletableFuture.supplyAsync(() -> call("POST", uri, Map.of(), json, timeout), pool);
    }

    public CompletableFuture<Response> putJson(URI uri, String json, Duration timeout) {
        return CompletableFuture.supplyAsync(() -> call("PUT", uri, Map.of(), json, timeout), pool);
    }

    private Response call(String method, URI uri, Map<String, String> headers, String json, Duration timeout) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout((int) connectTimeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            headers.forEach(connection::setRequestProperty);
            if (json != null) {
                byte[] body = json.getBytes(StandardCharsets.UTF_8);
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(body.length);
                connection.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            // Reading the body to its end and closing it hands the connection back for the next request.
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                return new Response(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        connection.getHeaderField("ETag"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
