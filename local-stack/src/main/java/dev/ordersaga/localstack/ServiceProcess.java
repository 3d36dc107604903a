package dev.ordersaga.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One service running as a child JVM from its executable jar (or any other Java program: the fault suite runs
 * the broker and the launcher this way too), its output in a log file.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Readiness readiness;

    /**
     * When the process is ready to work.
     *
     * @param where what is asked, for the error message
     * @param check true once ready; called every 250 ms
     */
    public record Readiness(String where, BooleanSupplier check) {

        /** The service is ready when {@code uri} answers 200 with a body containing {@code bodyContains}. */
        public static Readiness http(URI uri, String bodyContains) {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
            return new Readiness(uri.toString(), () -> {
                try {
                    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                    return response.statusCode() == 200 && response.body().contains(bodyContains);
                } catch (IOException e) {
                    return false; // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LocalStackException("Interrupted while waiting for " + uri);
                }
            });
        }
    }

    private ServiceProcess(String name, Process process, Path logFile, Readiness readiness) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.readiness = readiness;
    }

    static ServiceProcess start(String name, Path jar, List<String> jvmOptions, List<String> arguments,
                                Map<String, String> environment, Path logFile, boolean appendToLog,
                                Readiness readiness) {
        List<String> javaArguments = new ArrayList<>(jvmOptions);
        javaArguments.add("-jar");
        javaArguments.add(jar.toString());
        javaArguments.addAll(arguments);
        return startJava(name, javaArguments, environment, logFile, appendToLog, readiness);
    }

    /**
     * Starts {@code java} (of this JVM's installation) with {@code javaArguments}, e.g. {@code -cp ... Main}.
     * Call {@link #awaitReady} to wait for it.
     */
    public static ServiceProcess startJava(String name, List<String> javaArguments, Map<String, String> environment,
                                           Path logFile, boolean appendToLog, Readiness readiness) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaArguments);
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(appendToLog ? ProcessBuilder.Redirect.appendTo(logFile.toFile())
                            : ProcessBuilder.Redirect.to(logFile.toFile()));
            builder.environment().putAll(environment);
            return new ServiceProcess(name, builder.start(), logFile, readiness);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The operating system's process, e.g. to find what it started itself. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Waits until the service is ready to work; fails at once when the process died. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new LocalStackException(name + " exited with code " + process.exitValue()
                        + " while starting. Last lines of " + logFile + ":\n" + tail(40));
            }
            if (readiness.check().getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new LocalStackException(name + " was not ready at " + readiness.where() + " within " + timeout
                        + ". Last lines of " + logFile + ":\n" + tail(40));
            }
            sleep(Duration.ofMillis(250));
        }
    }

    /** The last lines of the service's log, to show why it failed. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Asks the service to stop (SIGTERM, so Spring closes gracefully); kills it after 20 seconds. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the service at once, as a crash would (no graceful shutdown). */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted");
        }
    }
}
