package dev.ordersaga.console.live;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends every open page one snapshot every {@code console.snapshot-interval}, as a server-sent event: however busy
 * the saga is, the browser gets the same small message at the same rate. A snapshot is taken and written as JSON
 * once per interval, for all pages together, and not at all while no page is open.
 */
@Component
class SnapshotStream implements SmartLifecycle {

    private final ConsoleSnapshots snapshots;
    private final JsonMapper json;
    private final List<SseEmitter> pages = new CopyOnWriteArrayList<>();
    private volatile boolean running;

    SnapshotStream(ConsoleSnapshots snapshots, JsonMapper json) {
        this.snapshots = snapshots;
        this.json = json;
    }

    /** A new page's stream, which gets the current snapshot at once. */
    SseEmitter open() {
        SseEmitter page = new SseEmitter(0L); // open as long as the page is
        page.onCompletion(() -> pages.remove(page));
        page.onTimeout(() -> pages.remove(page));
        page.onError(failure -> pages.remove(page));
        if (send(page, json.writeValueAsString(snapshots.take()))) {
            pages.add(page);
        }
        return page;
    }

    @Scheduled(fixedRateString = "${console.snapshot-interval}")
    void push() {
        if (pages.isEmpty()) {
            return;
        }
        String snapshot = json.writeValueAsString(snapshots.take());
        for (SseEmitter page : pages) {
            if (!send(page, snapshot)) {
                pages.remove(page);
            }
        }
    }

    private static boolean send(SseEmitter page, String snapshot) {
        try {
            page.send(SseEmitter.event().name("snapshot").data(snapshot, MediaType.APPLICATION_JSON));
            return true;
        } catch (IOException | IllegalStateException e) {
            // The page went away (closed, reloaded); the browser opens a new stream if it is still there.
            page.completeWithError(e);
            return false;
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends the streams before the web server's graceful shutdown, which would otherwise wait for them. */
    @Override
    public void stop() {
        running = false;
        pages.forEach(SseEmitter::complete);
        pages.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
