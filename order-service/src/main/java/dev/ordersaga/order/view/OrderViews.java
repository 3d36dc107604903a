package dev.ordersaga.order.view;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ordersaga.order.OrderRepository;
import dev.ordersaga.order.StoredOrder;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Orders as {@code GET /orders/{orderId}} shows them, held in memory for the orders whose status events this
 * instance consumes: for those it hears of every status change as it is recorded, so the copy is never older than
 * the database once the change committed. Orders of other partitions are read from the database every time. A
 * payment or cancellation taken by another instance reaches it through {@link CustomerRequestNotifications}.
 *
 * <p>A copy only ever moves to a higher version. Only a read of the database puts an order in memory, inside the
 * cache's per-key computation, so a change committed meanwhile waits for it and then replaces it; a committed
 * change only updates a copy already held. So no late or concurrent fill, not even one that meets an eviction,
 * can leave an older state behind. Evicting is always safe: the next read goes to the database.
 */
@Component
public class OrderViews {

    private static final Logger log = LoggerFactory.getLogger(OrderViews.class);

    private final OrderRepository orders;
    private final JsonMapper json;
    private final StatusPartitions partitions;
    private final Cache<String, OrderView> cached;
    private final List<Consumer<OrderView>> changeListeners = new CopyOnWriteArrayList<>();
    /** Whether orders may be held: only while this instance hears of other instances' changes. */
    private volatile boolean holding;

    OrderViews(OrderRepository orders, JsonMapper json, StatusPartitions partitions, OrderViewProperties properties) {
        this.orders = orders;
        this.json = json;
        this.partitions = partitions;
        this.cached = Caffeine.newBuilder().maximumSize(properties.maxCached()).build();
    }

    /** The order if it is held in memory: the current state of an order of a partition this instance owns. */
    public Optional<OrderView> cached(String orderId) {
        if (!owns(orderId)) {
            return Optional.empty();
        }
        return Optional.ofNullable(cached.getIfPresent(orderId));
    }

    /** The order as it is now, from memory or else from the database; empty if there is no such order. */
    public Optional<OrderView> current(String orderId) {
        if (!owns(orderId)) {
            return read(orderId);
        }
        OrderView held = cached.getIfPresent(orderId);
        if (held != null) {
            return Optional.of(held);
        }
        // A primary-key read inside the computation: a change of this order committed meanwhile waits for it.
        OrderView loaded = cached.asMap().computeIfAbsent(orderId, id -> read(id).orElse(null));
        dropUnlessOwned(orderId);
        return Optional.ofNullable(loaded);
    }

    /**
     * Reads the order from the database, for a waiting request that may have missed a change made through another
     * instance, and updates the copy in memory with it.
     */
    Optional<OrderView> reload(String orderId) {
        return read(orderId).map(this::update);
    }

    /**
     * Shows a change of an order once the transaction that made it commits, or at once outside a transaction. A
     * rolled-back change is never shown.
     */
    public void changed(StoredOrder stored) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    show(stored);
                }
            });
        } else {
            show(stored);
        }
    }

    private void show(StoredOrder stored) {
        OrderView view = update(view(stored));
        changeListeners.forEach(listener -> listener.accept(view));
    }

    /** Calls {@code listener} with each committed change of an order, whichever partition it belongs to. */
    void onChange(Consumer<OrderView> listener) {
        changeListeners.add(listener);
    }

    /** This instance now consumes these partitions' status events. */
    public void assigned(Collection<TopicPartition> assigned) {
        partitions.assigned(assigned);
    }

    /** Another instance changed the order (a payment or cancellation it took): the next read goes to the database. */
    void forget(String orderId) {
        cached.invalidate(orderId);
    }

    /**
     * Forgets every order held; with {@code holdFromNow} false, holds none until called again with true: while
     * this instance cannot hear of other instances' changes, every read goes to the database.
     */
    void forgetAll(boolean holdFromNow) {
        holding = holdFromNow;
        cached.invalidateAll();
    }

    /** Another instance may record these partitions' changes from now on: their orders are forgotten here. */
    public void revoked(Collection<TopicPartition> revoked) {
        Set<Integer> gone = partitions.revoked(revoked);
        if (!gone.isEmpty()) {
            cached.asMap().keySet().removeIf(orderId -> gone.contains(partitions.of(orderId)));
            log.debug("Forgot the orders of order-status partitions {}", gone);
        }
    }

    /** @return the newest view of the order known now, the one given or the one held */
    private OrderView update(OrderView view) {
        if (!owns(view.orderId())) {
            return view;
        }
        // compute, not computeIfPresent: Caffeine's computeIfPresent skips a key whose load is under way, while
        // compute waits for the load to finish and then replaces what it read.
        OrderView newest = cached.asMap().compute(view.orderId(),
                (id, held) -> held == null ? null : OrderView.newer(held, view));
        dropUnlessOwned(view.orderId());
        return newest == null ? view : newest;
    }

    /** A partition revoked, or holding stopped, during a fill: what the fill put in memory must not stay. */
    private void dropUnlessOwned(String orderId) {
        if (!owns(orderId)) {
            cached.invalidate(orderId);
        }
    }

    private Optional<OrderView> read(String orderId) {
        return orders.findStored(orderId).map(this::view);
    }

    private OrderView view(StoredOrder stored) {
        return OrderView.of(stored, json.writeValueAsBytes(stored.order()));
    }

    private boolean owns(String orderId) {
        return holding && partitions.owns(partitions.of(orderId));
    }
}
