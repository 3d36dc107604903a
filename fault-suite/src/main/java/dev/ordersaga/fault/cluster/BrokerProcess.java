package dev.ordersaga.fault.cluster;

import dev.ordersaga.infra.InProcessKafkaBroker;
import dev.ordersaga.infra.InProcessKafkaBrokerMain;
import dev.ordersaga.localstack.ServiceProcess;
import dev.ordersaga.messaging.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The KRaft broker in a JVM of its own, its data kept in one directory so that it can be killed and restarted. */
final class BrokerProcess implements AutoCloseable {

    private final Path dataDir;
    private final Path logDir;
    private final int port;
    private int starts;
    private ServiceProcess process;

    private BrokerProcess(Path dataDir, Path logDir, int port) {
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.port = port;
    }

    static BrokerProcess start(Path dataDir, Path logDir, int port, Duration timeout) {
        BrokerProcess broker = new BrokerProcess(dataDir, logDir, port);
        broker.restart(timeout);
        InProcessKafkaBroker.createTopics(broker.bootstrapServers(), Topics.newTopics(Topics.PARTITIONS, (short) 1));
        return broker;
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    void kill() {
        process.kill();
    }

    /** Starts it (again) on the same data and port; a new log file each time, so readiness is this start's. */
    void restart(Duration timeout) {
        starts++;
        Path log = logDir.resolve("kafka-" + starts + ".log");
        process = ServiceProcess.startJava("kafka", JavaMain.arguments(InProcessKafkaBrokerMain.class,
                        List.of(dataDir.toString(), String.valueOf(port))), Cluster.LEAN_JVMS, log, false,
                new ServiceProcess.Readiness(log.toString(), () -> logContains(log, InProcessKafkaBrokerMain.READY)));
        process.awaitReady(timeout);
    }

    static boolean logContains(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
