package dev.ordersaga.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestCardRulesTest {

    private static final Duration SLOW = Duration.ofSeconds(5);

    private final TestCardRules rules = new TestCardRules(new SimulatorProperties(null, "0077", SLOW));

    @Test
    void shouldDeclineCardEnding0002AsCardDeclined() {
        assertThat(rules.decide("pay-1", "0002")).isEqualTo(new CardDecision.Decline("card_declined"));
    }

    @Test
    void shouldDeclineCardEnding9995ForInsufficientFunds() {
        assertThat(rules.decide("pay-1", "9995")).isEqualTo(new CardDecision.Decline("insufficient_funds"));
    }

    @Test
    void shouldAuthorizeAnyOtherCardAtOnce() {
        assertThat(rules.decide("pay-1", "4242"))
                .isEqualTo(new CardDecision.Authorize(TestCardRules.authorizationCode("pay-1"), Duration.ZERO));
    }

    @Test
    void shouldAuthorizeCardEndingWithTheSlowSuffixAfterTheSlowAnswerDelay() {
        assertThat(rules.decide("pay-1", "0077"))
                .isEqualTo(new CardDecision.Authorize(TestCardRules.authorizationCode("pay-1"), SLOW));
    }

    @Test
    void shouldDecideTheSameWayWhenAskedAgain() {
        assertThat(rules.decide("pay-7", "4242")).isEqualTo(rules.decide("pay-7", "4242"));
        assertThat(rules.decide("pay-7", "0002")).isEqualTo(rules.decide("pay-7", "0002"));
    }

    @Test
    void shouldDeriveTheAuthorizationCodeFromThePaymentIdAlone() {
        String code = TestCardRules.authorizationCode("pay-1");

        assertThat(code).matches("AUTH-[0-9A-F]{10}");
        // `printf pay-1 | sha256sum` begins 0da3174c44: the code must not change between versions of the service,
        // or a payment authorised before an upgrade would be answered with another code after it.
        assertThat(code).isEqualTo("AUTH-0DA3174C44");
        assertThat(TestCardRules.authorizationCode("pay-2")).isNotEqualTo(code);
    }

    @Test
    void shouldUseTheConfiguredDeclineTableInsteadOfTheDefaultOne() {
        var configured = new TestCardRules(new SimulatorProperties(Map.of("1111", "expired_card"), "0077", SLOW));

        assertThat(configured.decide("pay-1", "1111")).isEqualTo(new CardDecision.Decline("expired_card"));
        assertThat(configured.decide("pay-1", "0002")).isInstanceOf(CardDecision.Authorize.class);
    }
}
