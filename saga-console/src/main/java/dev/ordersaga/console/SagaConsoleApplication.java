package dev.ordersaga.console;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The saga console: a live view of the running saga in the browser. It watches the saga's topics without a
 * consumer group, asks inventory-service for stock and contention counters and the broker for consumer lag, and
 * sends the browser one snapshot of it all at a fixed rate.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SagaConsoleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SagaConsoleApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
