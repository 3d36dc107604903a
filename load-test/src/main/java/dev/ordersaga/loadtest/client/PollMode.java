package dev.ordersaga.loadtest.client;

import java.time.Duration;
import java.util.Locale;

/**
 * How a client asks for its order's status. Both send {@code If-None-Match} with the ETag of the last answer when
 * there was one, so an unchanged order can be answered 304 without a body.
 *
 * <ul>
 *   <li>{@code SHORT}: a {@code GET} every poll interval.</li>
 *   <li>{@code LONG}: each {@code GET} also says {@code Prefer: wait=}{@value #WAIT_SECONDS}, asking the server
 *   to hold it until the order changes (then 200 with the new body) or the wait is over (then 304). The next
 *   request follows at once after news or after a held 304. A server that ignores the headers answers at once
 *   with what the client already knows: then the client waits a poll interval, as a short poll would.</li>
 * </ul>
 */
public enum PollMode {
    SHORT,
    LONG;

    public static final int WAIT_SECONDS = 10;

    /** A held request may take the whole wait; the read time-out leaves room for the answer after it. */
    static final Duration LONG_POLL_TIMEOUT = Duration.ofSeconds(WAIT_SECONDS + 10);

    /** As on the command line and in reports: {@code short} or {@code long}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PollMode of(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }
}
