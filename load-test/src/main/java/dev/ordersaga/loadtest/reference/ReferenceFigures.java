package dev.ordersaga.loadtest.reference;

import java.util.Optional;

/** What the pipeline's parts do alone on the same machine in the same run; empty where a part was not reachable. */
public record ReferenceFigures(Optional<KafkaFigures> kafka, Optional<PostgresFigures> postgres) {

    public static ReferenceFigures none() {
        return new ReferenceFigures(Optional.empty(), Optional.empty());
    }
}
