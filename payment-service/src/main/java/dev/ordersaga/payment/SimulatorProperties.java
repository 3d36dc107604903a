package dev.ordersaga.payment;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The test cards of the simulated provider (see docs/payment.md).
 *
 * @param declinedCards card last four digits -> the decline code answered for them. Setting any entry replaces the
 *     whole default table ({@code 0002: card_declined}, {@code 9995: insufficient_funds}); quote the keys in YAML,
 *     or {@code 0002} is read as the number 2
 * @param slowCardSuffix cards whose last digits end with this are authorised, but only after {@code slowAnswerDelay}
 * @param slowAnswerDelay how long a slow card's answer takes
 */
@ConfigurationProperties("payment.simulator")
public record SimulatorProperties(
        Map<String, String> declinedCards,
        @DefaultValue("0077") String slowCardSuffix,
        @DefaultValue("5s") Duration slowAnswerDelay) {

    static final Map<String, String> DEFAULT_DECLINED_CARDS = Map.of(
            "0002", "card_declined",
            "9995", "insufficient_funds");

    public SimulatorProperties {
        declinedCards = declinedCards == null || declinedCards.isEmpty()
                ? DEFAULT_DECLINED_CARDS
                : Map.copyOf(declinedCards);
        if (slowAnswerDelay.isNegative()) {
            throw new IllegalArgumentException("payment.simulator.slow-answer-delay must not be negative, was "
                    + slowAnswerDelay);
        }
    }
}
