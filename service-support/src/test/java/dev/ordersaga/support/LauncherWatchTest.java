package dev.ordersaga.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LauncherWatchTest {

    @Test
    void shouldActWhenTheLauncherDies() throws Exception {
        Process launcher = new ProcessBuilder("sleep", "120").start();
        CountDownLatch shutDown = new CountDownLatch(1);
        LauncherWatch.onExit(launcher.pid(), shutDown::countDown);

        assertThat(shutDown.await(300, TimeUnit.MILLISECONDS)).as("acted while the launcher runs").isFalse();
        launcher.destroyForcibly();
        assertThat(shutDown.await(30, TimeUnit.SECONDS)).as("acted once the launcher died").isTrue();
    }

    @Test
    void shouldActAtOnceWhenTheLauncherIsAlreadyGone() throws Exception {
        Process launcher = new ProcessBuilder("true").start();
        launcher.waitFor();
        CountDownLatch shutDown = new CountDownLatch(1);
        LauncherWatch.onExit(launcher.pid(), shutDown::countDown);

        assertThat(shutDown.await(30, TimeUnit.SECONDS)).isTrue();
    }
}
