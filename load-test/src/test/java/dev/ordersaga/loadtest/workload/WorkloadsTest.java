package dev.ordersaga.loadtest.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadsTest {

    private static final Load LOAD = Load.closed(8, Duration.ofMillis(50));

    @Test
    void shouldPlanTheSameOrdersForTheSameSeed() {
        assertThat(Workloads.plan("hot", 500, LOAD, "x-", 42).orders())
                .isEqualTo(Workloads.plan("hot", 500, LOAD, "x-", 42).orders())
                .isNotEqualTo(Workloads.plan("hot", 500, LOAD, "x-", 43).orders());
    }

    @Test
    void shouldGiveMultiLineWorkloadsDistinctProductsPerOrderAndStockForEveryOrder() {
        for (String name : new String[] {"uniform", "hot", "legacy-spread"}) {
            Workload workload = Workloads.plan(name, 1000, LOAD, "x-", 42);
            Map<String, Integer> demand = Workload.demand(workload.orders());

            assertThat(workload.orders()).hasSize(1000).allSatisfy(order -> assertThat(order.lines())
                    .extracting(OrderLine::productId).doesNotHaveDuplicates());
            demand.forEach((product, units) -> assertThat(workload.stock().get(product))
                    .as(name + " " + product).isGreaterThanOrEqualTo(units));
        }
    }

    @Test
    void shouldSizeTheCataloguesAndOrderShapesAsTheIssueDescribes() {
        assertThat(Workloads.plan("uniform", 10, LOAD, "x-", 1).stock()).hasSize(10_000);
        assertThat(Workloads.plan("hot", 10, LOAD, "x-", 1).stock()).hasSize(100);
        Workload spread = Workloads.plan("legacy-spread", 1000, LOAD, "x-", 1);
        assertThat(spread.stock()).hasSize(30);
        assertThat(spread.orders()).allSatisfy(order -> {
            assertThat(order.lines()).hasSizeBetween(1, 5);
            assertThat(order.lines()).allSatisfy(line -> assertThat(line.quantity()).isBetween(1, 10));
        });
    }

    @Test
    void shouldGiveTheScarceWorkloadsStockForOnlyPartOfTheOrders() {
        assertThat(Workloads.plan("legacy-hot", 1000, LOAD, "x-", 1).stock()).containsExactly(Map.entry("x-s-1", 200));
        assertThat(Workloads.plan("sold-out", 2000, LOAD, "x-", 1).stock()).containsExactly(Map.entry("x-s-1", 500));
        assertThat(Workloads.plan("single-hot", 3000, LOAD, "x-", 1).stock())
                .containsExactly(Map.entry("x-s-1", 3000));
    }

    @Test
    void shouldOfferTheOpenLoopHotRunAt300OrdersPerSecondFor5Seconds() {
        Workloads.Defaults defaults = Workloads.defaults("hot-open");

        assertThat(defaults.load().openLoop()).isTrue();
        assertThat(defaults.load().ratePerSecond()).isEqualTo(300);
        assertThat(defaults.orders()).isEqualTo(1500);
    }

    @Test
    void shouldOfferTheHotOpen600RunAtTwiceTheRateForTheSameFiveSecondsOnTheHotCatalogue() {
        Workloads.Defaults defaults = Workloads.defaults("hot-open-600");

        assertThat(defaults.load().openLoop()).isTrue();
        assertThat(defaults.load().ratePerSecond()).isEqualTo(600);
        assertThat(defaults.orders()).isEqualTo(3000);
        assertThat(Workloads.plan("hot-open-600", 10, LOAD, "x-", 1).stock()).hasSize(100);
    }

    @Test
    void shouldRejectAnUnknownWorkloadNamingTheKnownOnes() {
        assertThatThrownBy(() -> Workloads.defaults("lukewarm")).hasMessageContaining("single-hot");
    }
}
