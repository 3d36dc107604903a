package dev.ordersaga.loadtest.reference;

/**
 * The database on its own: versioned single-row updates after a read, as a reservation does them, from
 * {@code threads} connections; on one hot row, where they conflict, and on rows chosen at random.
 */
public record PostgresFigures(int threads, double seconds, double hotUpdatesPerSecond, double hotConflictsPerSecond,
                              int spreadRows, double spreadUpdatesPerSecond) {
}
