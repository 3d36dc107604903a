package dev.ordersaga.support;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * With {@code ordersaga.launcher-pid} set (the local stack sets it to its own pid), the service exits, through
 * Spring's graceful shutdown, when that process is gone. Unset in every other deployment.
 */
@AutoConfiguration
@ConditionalOnProperty("ordersaga.launcher-pid")
public class LauncherWatchAutoConfiguration {

    @Bean
    ApplicationRunner launcherWatch(@Value("${ordersaga.launcher-pid}") long launcherPid) {
        // System.exit runs the JVM's shutdown hooks, Spring's among them, so the service closes as on SIGTERM.
        return arguments -> LauncherWatch.onExit(launcherPid, () -> System.exit(0));
    }
}
