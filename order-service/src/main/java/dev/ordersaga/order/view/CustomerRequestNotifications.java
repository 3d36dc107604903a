package dev.ordersaga.order.view;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hears of payments and cancellations taken by any instance (PostgreSQL {@code LISTEN}, see migration V4) and has
 * {@link OrderViews} forget those orders, so that the instance holding an order never shows it without a payment
 * or cancellation another instance took. Status changes need no notice: the instance holding an order consumes
 * them itself.
 *
 * <p>Its own connection, outside the pool, waits for notices on a thread of its own. When the connection is lost
 * (the database restarted, its sessions ended) notices may have been missed: once listening again, every order
 * held is forgotten.
 */
@Component
class CustomerRequestNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CustomerRequestNotifications.class);
    private static final String CHANNEL = "order_customer_requests";
    private static final int WAIT_MS = 500;
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

    private final OrderViews views;
    private final DataSourceProperties database;
    private volatile Thread listener;

    CustomerRequestNotifications(OrderViews views, DataSourceProperties database) {
        this.views = views;
        this.database = database;
    }

    @Override
    public void start() {
        listener = new Thread(this::listen, "order-customer-requests");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void stop() {
        Thread running = listener;
        listener = null;
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return listener != null;
    }

    private void listen() {
        boolean reported = false;
        while (listener == Thread.currentThread()) {
            try (Connection connection = DriverManager.getConnection(database.determineUrl(),
                    database.determineUsername(), database.determinePassword())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                views.forgetAll(true);
                reported = false;
                PGConnection notices = connection.unwrap(PGConnection.class);
                while (listener == Thread.currentThread()) {
                    PGNotification[] received = notices.getNotifications(WAIT_MS);
                    if (received != null) {
                        for (PGNotification notice : received) {
                            views.forget(notice.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (!reported) {
                    log.warn("Not listening for payments and cancellations taken by other instances; orders are "
                            + "read from the database until it answers again: {}", e.toString());
                    reported = true;
                }
                views.forgetAll(false);
                if (!pause()) {
                    return;
                }
            }
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
