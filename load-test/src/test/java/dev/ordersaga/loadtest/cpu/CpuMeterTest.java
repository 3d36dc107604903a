package dev.ordersaga.loadtest.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void shouldGiveEachPartsMillisecondsAndTheServerTotalWithoutTheLoadGeneratorOrTheMachine() {
        CpuMeter.Sample before = sample(10, 100, 5, 1000);
        CpuMeter.Sample after = sample(13, 104, 6, 1020);

        assertThat(after.millisSince(before)).containsExactly(
                Map.entry("order-service", 30.0),
                Map.entry("PostgreSQL", 40.0),
                Map.entry(CpuMeter.SERVER_TOTAL, 70.0),
                Map.entry(CpuMeter.LOAD_GENERATOR, 10.0),
                Map.entry(CpuMeter.MACHINE, 200.0));
    }

    @Test
    void shouldLeaveOutAPartThatWasGoneInEitherSample() {
        CpuMeter.Sample before = new CpuMeter.Sample(Map.of("order-service", 10L));
        CpuMeter.Sample after = new CpuMeter.Sample(Map.of("inventory-service", 10L));

        assertThat(after.millisSince(before)).containsExactly(Map.entry(CpuMeter.SERVER_TOTAL, 0.0));
    }

    @Test
    void shouldSampleAProcessTreeTheLoadGeneratorAndTheMachine() {
        CpuMeter meter = new CpuMeter(List.of(MeasuredProcess.tree("this JVM", ProcessHandle.current())));

        assertThat(meter.sample().ticks()).containsKeys("this JVM", CpuMeter.LOAD_GENERATOR, CpuMeter.MACHINE);
    }

    private static CpuMeter.Sample sample(long orderService, long postgres, long bench, long machine) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        ticks.put("order-service", orderService);
        ticks.put("PostgreSQL", postgres);
        ticks.put(CpuMeter.LOAD_GENERATOR, bench);
        ticks.put(CpuMeter.MACHINE, machine);
        return new CpuMeter.Sample(ticks);
    }
}
