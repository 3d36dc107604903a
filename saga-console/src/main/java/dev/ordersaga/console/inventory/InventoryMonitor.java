package dev.ordersaga.console.inventory;

import dev.ordersaga.console.ServiceCalls;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads inventory-service's stock and counters every {@code console.poll-interval} and keeps the latest, so that
 * a snapshot never waits for the service. Each part keeps its last good reading when a read fails, with the
 * failure beside it.
 */
@Component
public class InventoryMonitor {

    private final InventoryClient client;
    private final Clock clock;
    private volatile InventoryView view = new InventoryView(List.of(), null, "not read yet", null, "not read yet");

    public InventoryMonitor(InventoryClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public InventoryView view() {
        return view;
    }

    @Scheduled(fixedDelayString = "${console.poll-interval}")
    public void refresh() {
        InventoryView last = view;
        List<StockLevel> products = last.products();
        Instant readAt = last.stockReadAt();
        String stockProblem = null;
        try {
            products = client.stock();
            readAt = clock.instant();
        } catch (ServiceCalls.ServiceUnavailableException e) {
            stockProblem = e.getMessage();
        }
        InventoryMeters meters = last.meters();
        String metersProblem = null;
        try {
            meters = client.meters();
        } catch (ServiceCalls.ServiceUnavailableException e) {
            metersProblem = e.getMessage();
        }
        view = new InventoryView(products, readAt, stockProblem, meters, metersProblem);
    }

    /**
     * @param products every product's stock as last read
     * @param stockReadAt when; {@code null} before the first good reading
     * @param stockProblem why the last reading of the stock failed; {@code null} when it did not
     * @param meters the contention counters as last read; {@code null} before the first good reading
     * @param metersProblem why the last reading of the counters failed
     */
    public record InventoryView(List<StockLevel> products, Instant stockReadAt, String stockProblem,
                                InventoryMeters meters, String metersProblem) {
    }
}
