package dev.ordersaga.console.live;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The page's live data: a stream of snapshots, or one snapshot on request (for scripts and curl). */
@RestController
class LiveController {

    private final SnapshotStream stream;
    private final ConsoleSnapshots snapshots;

    LiveController(SnapshotStream stream, ConsoleSnapshots snapshots) {
        this.stream = stream;
        this.snapshots = snapshots;
    }

    /** Server-sent events named {@code snapshot}, each a {@link ConsoleSnapshot} as JSON. */
    @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        return stream.open();
    }

    @GetMapping("/api/snapshot")
    ConsoleSnapshot snapshot() {
        return snapshots.take();
    }
}
