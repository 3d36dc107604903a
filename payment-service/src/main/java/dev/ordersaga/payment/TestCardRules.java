package dev.ordersaga.payment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * The simulated provider's whole decision, from the card's last four digits alone. It depends on nothing but its
 * input and configuration, so a repeated request (a redelivery, or the saga asking again while it waits) gets the
 * same decision and the same authorisation code: that is what makes the stateless service idempotent.
 */
@Component
class TestCardRules {

    private static final int AUTHORIZATION_CODE_HEX_DIGITS = 10;

    private final SimulatorProperties properties;

    TestCardRules(SimulatorProperties properties) {
        this.properties = properties;
    }

    CardDecision decide(String paymentId, String cardLast4) {
        String declineCode = properties.declinedCards().get(cardLast4);
        if (declineCode != null) {
            return new CardDecision.Decline(declineCode);
        }
        Duration delay = cardLast4.endsWith(properties.slowCardSuffix()) ? properties.slowAnswerDelay() : Duration.ZERO;
        return new CardDecision.Authorize(authorizationCode(paymentId), delay);
    }

    /** "AUTH-" and the first hex digits of the payment id's SHA-256: derived, never stored. */
    static String authorizationCode(String paymentId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(paymentId.getBytes(StandardCharsets.UTF_8));
            return "AUTH-" + HexFormat.of().withUpperCase().formatHex(digest)
                    .substring(0, AUTHORIZATION_CODE_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
