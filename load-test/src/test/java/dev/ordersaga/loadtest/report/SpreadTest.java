package dev.ordersaga.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void shouldTakeTheMiddleValueOfAnOddCountAndTheMeanOfTheMiddleTwoOfAnEvenOne() {
        assertThat(Spread.of(List.of(30.0, 10.0, 20.0))).isEqualTo(new Spread(3, 10, 20, 30));
        assertThat(Spread.of(List.of(40.0, 10.0, 20.0, 30.0)).median()).isEqualTo(25.0);
    }

    @Test
    void shouldLeaveOutWhatWasNotMeasured() {
        assertThat(Spread.of(List.of(Double.NaN, 5.0))).isEqualTo(new Spread(1, 5, 5, 5));
        assertThat(Spread.of(List.of(Double.NaN)).format(Format::millis)).isEqualTo("-");
    }

    @Test
    void shouldFormatTheMedianWithItsRangeOnlyWhenThereIsMoreThanOneValue() {
        assertThat(Spread.of(List.of(12.0, 8.0, 10.0)).format(Format::millis)).isEqualTo("10.0 (8.0-12.0)");
        assertThat(Spread.of(List.of(7.0)).format(Format::millis)).isEqualTo("7.0");
    }
}
