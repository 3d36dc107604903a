package dev.ordersaga.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * The console's HTTP calls to the services, each bounded by {@code console.http-timeout}: a service that is slow
 * under load shows as unavailable on the page rather than holding up the console.
 */
@Component
public class ServiceCalls {

    private final HttpClient http;
    private final Duration timeout;

    public ServiceCalls(ConsoleProperties properties) {
        this.timeout = properties.httpTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The body of a {@code GET} that answered 200. */
    public String get(URI uri) {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ServiceUnavailableException(uri + " did not answer: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("Interrupted while calling " + uri, e);
        }
        if (response.statusCode() != 200) {
            throw new ServiceUnavailableException(uri + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** POSTs JSON; the answer whatever its status. */
    public CompletableFuture<HttpResponse<String>> postJson(URI uri, String json) {
        return http.sendAsync(HttpRequest.newBuilder(uri).timeout(timeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The JDK's connection errors often have no message of their own, only a type. */
    public static String describe(Throwable failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }

    /** A service did not answer, or not with what was asked. */
    public static class ServiceUnavailableException extends RuntimeException {

        public ServiceUnavailableException(String message) {
            super(message);
        }

        public ServiceUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
