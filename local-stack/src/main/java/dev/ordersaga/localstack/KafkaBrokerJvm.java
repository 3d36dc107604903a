package dev.ordersaga.localstack;

import dev.ordersaga.infra.InProcessKafkaBrokerMain;
import dev.ordersaga.infra.FreePorts;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The KRaft broker in a child JVM of its own rather than in the launcher's: the load test measures each process's
 * CPU, and a broker inside the bench's JVM could not be told apart from the load generator.
 */
final class KafkaBrokerJvm implements AutoCloseable {

    private final ServiceProcess process;
    private final int port;

    private KafkaBrokerJvm(ServiceProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@link InProcessKafkaBrokerMain} on {@code dataDir} and waits until it answers. */
    static KafkaBrokerJvm start(Path dataDir, int port, Path logFile, Duration timeout) {
        int actualPort = port == 0 ? FreePorts.pick() : FreePorts.requireFree(port, "Kafka");
        ServiceProcess process = ServiceProcess.startJava("kafka", javaArguments(dataDir, actualPort), Map.of(),
                logFile, false, new ServiceProcess.Readiness(logFile.toString(), () -> contains(logFile)));
        KafkaBrokerJvm broker = new KafkaBrokerJvm(process, actualPort);
        // The services stop by themselves when the launcher is gone; the broker does not watch it, so a launcher
        // stopped by Ctrl-C takes it down here instead of leaving it running.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> process.handle().destroy(), "kafka-broker-stop"));
        try {
            process.awaitReady(timeout);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    ProcessHandle handle() {
        return process.handle();
    }

    /** This JVM's own classpath; from an executable jar, Spring Boot's launcher finds the nested classes. */
    private static List<String> javaArguments(Path dataDir, int port) {
        String classpath = System.getProperty("java.class.path");
        List<String> arguments = new ArrayList<>(List.of("-Xmx512m"));
        arguments.addAll(OrderSagaServices.splitOptions(OrderSagaServices.LEAN_JVM_OPTIONS));
        arguments.addAll(List.of("-cp", classpath));
        if (!classpath.contains(File.pathSeparator) && classpath.endsWith("-exec.jar")) {
            arguments.add("-Dloader.main=" + InProcessKafkaBrokerMain.class.getName());
            arguments.add("org.springframework.boot.loader.launch.PropertiesLauncher");
        } else {
            arguments.add(InProcessKafkaBrokerMain.class.getName());
        }
        arguments.add(dataDir.toAbsolutePath().toString());
        arguments.add(String.valueOf(port));
        return arguments;
    }

    private static boolean contains(Path log) {
        try {
            return Files.exists(log) && Files.readString(log).contains(InProcessKafkaBrokerMain.READY);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
