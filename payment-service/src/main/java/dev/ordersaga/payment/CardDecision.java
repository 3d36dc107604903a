package dev.ordersaga.payment;

import java.time.Duration;

/** What the simulated provider answers to one authorisation request. */
sealed interface CardDecision {

    /**
     * @param authorizationCode the same for every request with the same payment id
     * @param answerDelay how long the provider takes to say so; zero for an answer at once
     */
    record Authorize(String authorizationCode, Duration answerDelay) implements CardDecision {
    }

    /** @param declineCode the provider's reason, e.g. {@code card_declined} */
    record Decline(String declineCode) implements CardDecision {
    }
}
