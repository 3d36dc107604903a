package dev.ordersaga.fault.workload;

import dev.ordersaga.fault.cluster.Endpoints;
import dev.ordersaga.loadtest.client.BlockingHttpClient;
import dev.ordersaga.loadtest.inventory.InventoryClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady stream of customers at a fixed rate, whatever the stack is going through: each orders 1-4 lines of a
 * small set of products with limited stock (so some orders fail OUT_OF_STOCK), then pays, is declined, cancels or
 * walks away. The products are the workload's own, so its stock can be accounted for exactly.
 */
public final class Workload implements AutoCloseable {

    /**
     * @param ordersPerSecond the rate customers arrive at
     * @param products how many products the orders share
     * @param stockPerProduct the units of each put at the start
     * @param finalWithin how long a customer waits for the final status before it counts as stuck
     */
    public record Settings(double ordersPerSecond, int products, int stockPerProduct, Duration finalWithin) {
    }

    private final Customer customer;
    private final Map<String, Integer> stockPut;
    private final Random random;
    private final String customerPrefix;
    private final ScheduledExecutorService arrivals = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService customers = Executors.newCachedThreadPool();
    private final List<CompletableFuture<CustomerOrder>> orders = new ArrayList<>();
    private final AtomicInteger count = new AtomicInteger();

    private Workload(Customer customer, Map<String, Integer> stockPut, Random random, String customerPrefix) {
        this.customer = customer;
        this.stockPut = stockPut;
        this.random = random;
        this.customerPrefix = customerPrefix;
    }

    /** Puts the products' stock ({@code PUT /inventory/{id}}), then lets customers arrive until stopped. */
    public static Workload start(BlockingHttpClient http, Endpoints endpoints, String prefix, Settings settings,
                                 long seed) {
        Map<String, Integer> stock = new TreeMap<>();
        for (int i = 1; i <= settings.products(); i++) {
            stock.put(prefix + "-p" + i, settings.stockPerProduct());
        }
        new InventoryClient(http, endpoints.inventoryServiceUrl()).putStock(stock);
        Workload workload = new Workload(new Customer(new OrderServiceClient(http, endpoints.orderServiceUrls()),
                settings.finalWithin()), stock, new Random(seed), prefix + "-c");
        long periodMicros = (long) (1_000_000 / settings.ordersPerSecond());
        workload.arrivals.scheduleAtFixedRate(workload::arrive, 0, periodMicros, TimeUnit.MICROSECONDS);
        return workload;
    }

    public Map<String, Integer> stockPut() {
        return Map.copyOf(stockPut);
    }

    public int placed() {
        return count.get();
    }

    /** No new customers; those under way go on. */
    public void stopArrivals() {
        arrivals.shutdownNow();
        try {
            arrivals.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every customer's order once each is final or its bound passed. */
    public List<CustomerOrder> awaitCustomers() {
        stopArrivals();
        List<CompletableFuture<CustomerOrder>> all;
        synchronized (orders) {
            all = List.copyOf(orders);
        }
        return all.stream().map(CompletableFuture::join).toList();
    }

    private void arrive() {
        Map<String, Integer> lines = new LinkedHashMap<>();
        Behaviour behaviour;
        synchronized (random) {
            List<String> products = new ArrayList<>(stockPut.keySet());
            int lineCount = 1 + random.nextInt(Math.min(4, products.size()));
            for (int i = 0; i < lineCount; i++) {
                lines.put(products.remove(random.nextInt(products.size())), 1 + random.nextInt(3));
            }
            behaviour = Behaviour.pick(random);
        }
        String customerId = customerPrefix + count.incrementAndGet();
        synchronized (orders) {
            orders.add(CompletableFuture.supplyAsync(() -> customer.order(customerId, lines, behaviour), customers));
        }
    }

    @Override
    public void close() {
        stopArrivals();
        customers.shutdownNow();
    }
}
