package dev.ordersaga.payment;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** A simulated payment provider: authorises and voids the saga's payments by test-card rules. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PaymentServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PaymentServiceApplication.class, args);
    }

    /** The time the provider's answers carry: one clock for the service, chosen here and not in each class. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
