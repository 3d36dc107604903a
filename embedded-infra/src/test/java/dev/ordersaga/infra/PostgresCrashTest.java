package dev.ordersaga.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL as it dies for real: every process of the server killed at once (SIGKILL), or the JVM
 * that started it killed while the server lives on.
 */
class PostgresCrashTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepEveryAcknowledgedCommitWhenTheServerIsKilled() throws Exception {
        int port = FreePorts.pick();
        AtomicLong lastAcknowledged = new AtomicLong();
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(Optional.of(dataDir), port)) {
            try (Connection c = dataSource(postgres).getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE acknowledged (id bigint PRIMARY KEY)");
            }
            Thread writer = new Thread(() -> commitOneByOne(postgres, lastAcknowledged));
            writer.start();
            while (lastAcknowledged.get() < 300) {
                Thread.sleep(10);
            }
            killEveryServerProcess();
            writer.join(TimeUnit.SECONDS.toMillis(30));
        }
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(Optional.of(dataDir), port);
             Connection c = dataSource(postgres).getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM acknowledged WHERE id <= " + lastAcknowledged)) {
            rs.next();
            assertThat(rs.getLong(1)).as("acknowledged commits that survived the crash")
                    .isEqualTo(lastAcknowledged.get());
        }
    }

    @Test
    void shouldTakeOverTheDataDirectoryOfAServerWhoseLauncherWasKilled() throws Exception {
        int port = FreePorts.pick();
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LauncherThatDies.class.getName(),
                dataDir.toString(), Integer.toString(port))
                .redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null && !line.equals(LauncherThatDies.READY)) {
                // the server's and the library's own output
            }
            assertThat(line).as("the launcher's last line").isEqualTo(LauncherThatDies.READY);
        }
        launcher.destroyForcibly().waitFor();
        ProcessHandle leftover = LeftoverPostgres.runningPostmaster(dataDir).orElseThrow();

        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(Optional.of(dataDir), port);
             Connection c = dataSource(postgres).getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT note FROM notes")) {
            assertThat(leftover.isAlive()).isFalse();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("written before the launcher died");
        }
    }

    @Test
    void shouldRefuseADataDirectoryWhoseServerIsStillInUse() {
        try (EmbeddedPostgresServer running = EmbeddedPostgresServer.start(Optional.of(dataDir), 0)) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(Optional.of(dataDir), 0))
                    .hasMessageContaining("still alive");
            assertThat(LeftoverPostgres.runningPostmaster(dataDir)).isPresent();
        }
    }

    /** Starts a server on a data directory, writes a row, says so, and waits to be killed. */
    static final class LauncherThatDies {

        static final String READY = "launcher ready";

        public static void main(String[] args) throws Exception {
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(Optional.of(Path.of(args[0])),
                    Integer.parseInt(args[1]));
            try (Connection c = dataSource(postgres).getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE notes (note text)");
                s.execute("INSERT INTO notes VALUES ('written before the launcher died')");
            }
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }

    private static void commitOneByOne(EmbeddedPostgresServer postgres, AtomicLong lastAcknowledged) {
        try (Connection c = dataSource(postgres).getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO acknowledged VALUES (?)")) {
            for (long id = 1; ; id++) {
                insert.setLong(1, id);
                insert.executeUpdate(); // auto-commit: returns once the server acknowledged the commit
                lastAcknowledged.set(id);
            }
        } catch (SQLException expected) {
            // the server was killed
        }
    }

    /** SIGKILL to the postmaster and every backend and helper process at once, as a power cut would do. */
    private void killEveryServerProcess() {
        ProcessHandle postmaster = LeftoverPostgres.runningPostmaster(dataDir).orElseThrow();
        var children = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        postmaster.onExit().join();
    }

    private static DataSource dataSource(EmbeddedPostgresServer postgres) {
        return EmbeddedPostgresServer.dataSource(postgres.jdbcUrl("postgres"), EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD);
    }
}
