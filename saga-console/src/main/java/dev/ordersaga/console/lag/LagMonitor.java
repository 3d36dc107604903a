package dev.ordersaga.console.lag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.KafkaException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Reads every group's lag every {@code console.poll-interval} and keeps the latest for the snapshots. */
@Component
public class LagMonitor {

    private final ConsumerLagReader reader;
    private final Clock clock;
    private volatile LagView view = new LagView(List.of(), null, "not read yet");

    public LagMonitor(ConsumerLagReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    public LagView view() {
        return view;
    }

    @Scheduled(fixedDelayString = "${console.poll-interval}")
    public void refresh() {
        try {
            view = new LagView(reader.read(), clock.instant(), null);
        } catch (KafkaException e) {
            view = new LagView(view.groups(), view.readAt(), "Cannot read consumer lag: " + e.getMessage());
        }
    }

    /**
     * @param groups as last read, the most behind first
     * @param readAt when; {@code null} before the first good reading
     * @param problem why the last reading failed; {@code null} when it did not
     */
    public record LagView(List<GroupLag> groups, Instant readAt, String problem) {
    }
}
