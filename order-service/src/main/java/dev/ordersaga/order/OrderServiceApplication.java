package dev.ordersaga.order;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Takes orders over REST, publishes them through a transactional outbox, and shows their saga status. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OrderServiceApplication {

    /** The one clock of the service: what it stamps on orders and messages. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(OrderServiceApplication.class, args);
    }
}
