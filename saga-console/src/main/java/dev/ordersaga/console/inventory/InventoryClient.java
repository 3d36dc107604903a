package dev.ordersaga.console.inventory;

import dev.ordersaga.console.ConsoleProperties;
import dev.ordersaga.console.ServiceCalls;
import java.net.URI;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** What the console reads from inventory-service: every product's stock, and its contention counters. */
@Component
public class InventoryClient {

    private static final TypeReference<List<StockLevel>> STOCK_LIST = new TypeReference<>() {
    };

    private final ServiceCalls calls;
    private final JsonMapper json;
    private final URI stock;
    private final URI prometheus;

    public InventoryClient(ServiceCalls calls, JsonMapper json, ConsoleProperties properties) {
        this.calls = calls;
        this.json = json;
        this.stock = properties.inventoryServiceUrl().resolve("/inventory");
        this.prometheus = properties.inventoryServiceUrl().resolve("/actuator/prometheus");
    }

    /** Every product, ordered by id. */
    public List<StockLevel> stock() {
        String body = calls.get(stock);
        try {
            return json.readValue(body, STOCK_LIST);
        } catch (JacksonException e) {
            throw new ServiceCalls.ServiceUnavailableException(stock + " answered no stock list: "
                    + e.getOriginalMessage(), e);
        }
    }

    public InventoryMeters meters() {
        return InventoryMeters.parse(calls.get(prometheus));
    }
}
