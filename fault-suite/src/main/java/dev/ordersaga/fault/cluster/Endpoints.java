package dev.ordersaga.fault.cluster;

import java.util.List;

/**
 * Where a stack under test answers, all a client outside needs.
 *
 * @param orderServiceUrls every order-service instance; clients go round robin and fail over
 */
public record Endpoints(List<String> orderServiceUrls, String inventoryServiceUrl, String bootstrapServers) {

    public Endpoints {
        orderServiceUrls = List.copyOf(orderServiceUrls);
    }
}
