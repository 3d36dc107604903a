package dev.ordersaga.loadtest;

import dev.ordersaga.loadtest.client.PollMode;
import dev.ordersaga.loadtest.reference.ReferenceSize;
import dev.ordersaga.loadtest.workload.Load;
import dev.ordersaga.loadtest.workload.Workloads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The command line of {@code ./bench.sh}. Without {@code --order-url} the tool starts a fresh local stack per
 * strategy and repetition; with it, it drives the stack already running there, labelled {@code --label}.
 *
 * @param repetitions how often every workload is measured per strategy
 * @param pollModes how clients ask for their orders' status; every workload is measured in each
 */
public record BenchOptions(List<String> strategies, List<String> workloads, int repetitions,
                           List<PollMode> pollModes, OptionalInt orders,
                           OptionalInt clients, OptionalDouble rate, Optional<Duration> pollInterval,
                           Duration orderTimeout, int warmUpOrders, int stackWarmUpOrders, long seed, boolean viaKafka,
                           Optional<ReferenceSize> reference, Path out, Path projectRoot, Optional<Existing> existing,
                           String command) {

    public static final List<String> STRATEGIES = List.of("optimistic", "distributed-lock");

    /** A stack someone else started. */
    public record Existing(String orderUrl, String inventoryUrl, Optional<String> bootstrapServers,
                           Optional<String> postgresUrl, String postgresUser, String postgresPassword,
                           String label) {
    }

    public static final String USAGE = """
            Usage: ./bench.sh [options]
              --strategies optimistic,distributed-lock   reservation strategies, each on a fresh local stack
              --workloads uniform,hot,...               of: %s
                                                        (hot-open, hot-open-600: hot offered at 300 / 600 orders/s;
                                                        legacy-*: the workloads the replaced system was measured on)
              --repetitions N                           fresh stacks per strategy, interleaved across the
                                                        strategies (optimistic, distributed-lock, optimistic, ...);
                                                        every workload is measured on each (3)
              --poll short|long                         how clients ask for their order's status (short)
                                                          short  GET /orders/{id} every poll interval
                                                          long   every workload twice, side by side: short, then
                                                                 GET with Prefer: wait=%d, answered when the order
                                                                 changes (200) or after the wait (304)
                                                        Both send If-None-Match with the last ETag; a server that
                                                        ignores these headers is polled every poll interval.
              --orders N                                orders per workload (default: each workload's own)
              --clients N                               closed loop with N clients, for every workload
              --rate R                                  open loop at R orders/s, for every workload
              --poll-interval 50ms                      how often a client polls its order (default per workload)
              --order-timeout 60s                       an order not settled by then counts as lost
              --warm-up N                               unmeasured orders before each workload (300)
              --stack-warm-up N                         unmeasured orders on each fresh stack, in rounds of 1000 (8000)
              --seed N                                  seed of the planned orders (42)
              --via-kafka                               produce OrderPlaced to 'orders' instead of POST /orders
              --reference full|small|off                Kafka and PostgreSQL reference figures (full)
              --out DIR                                 where benchmarks.md and benchmarks/ go (docs)
            Drive a stack that is already running instead (labelled; every repetition on that stack; CPU of the
            processes found by their command lines, as ./run-local.sh starts them):
              --order-url http://localhost:8080 --inventory-url http://localhost:8081
              [--bootstrap-servers localhost:9092] [--postgres-url jdbc:postgresql://localhost:5433/postgres]
              [--postgres-user postgres] [--postgres-password postgres] [--label NAME]
            """.formatted(String.join(",", Workloads.ALL), PollMode.WAIT_SECONDS);

    public static BenchOptions parse(List<String> args, Map<String, String> env) {
        List<String> strategies = STRATEGIES;
        List<String> workloads = Workloads.ALL;
        int repetitions = 3;
        List<PollMode> pollModes = List.of(PollMode.SHORT);
        OptionalInt orders = OptionalInt.empty();
        OptionalInt clients = OptionalInt.empty();
        OptionalDouble rate = OptionalDouble.empty();
        Optional<Duration> poll = Optional.empty();
        Duration timeout = Duration.ofSeconds(60);
        int warmUp = 300;
        int stackWarmUp = 8000;
        long seed = 42;
        boolean viaKafka = false;
        Optional<ReferenceSize> reference = Optional.of(ReferenceSize.FULL);
        Path out = Path.of("docs");
        String orderUrl = null;
        String inventoryUrl = null;
        String bootstrap = null;
        String postgresUrl = null;
        String postgresUser = "postgres";
        String postgresPassword = "postgres";
        String label = "existing stack";
        String projectRoot = env.getOrDefault("ORDERSAGA_PROJECT_ROOT", ".");
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--via-kafka")) {
                viaKafka = true;
                continue;
            }
            if (option.equals("--help") || option.equals("-h")) {
                throw new UsageException("");
            }
            if (i + 1 >= args.size()) {
                throw new UsageException("Option " + option + " needs a value.");
            }
            String value = args.get(++i);
            switch (option) {
                case "--strategies" -> strategies = list(value);
                case "--workloads" -> workloads = list(value);
                case "--repetitions" -> repetitions = positive(option, value);
                case "--poll" -> pollModes = pollModes(value);
                case "--orders" -> orders = OptionalInt.of(positive(option, value));
                case "--clients" -> clients = OptionalInt.of(positive(option, value));
                case "--rate" -> rate = OptionalDouble.of(positiveDecimal(option, value));
                case "--poll-interval" -> poll = Optional.of(duration(option, value));
                case "--order-timeout" -> timeout = duration(option, value);
                case "--warm-up" -> warmUp = whole(option, value);
                case "--stack-warm-up" -> stackWarmUp = whole(option, value);
                case "--seed" -> seed = whole(option, value);
                case "--reference" -> reference = switch (value) {
                    case "full" -> Optional.of(ReferenceSize.FULL);
                    case "small" -> Optional.of(ReferenceSize.SMALL);
                    case "off" -> Optional.empty();
                    default -> throw new UsageException("--reference takes full, small or off, not " + value);
                };
                case "--out" -> out = Path.of(value);
                case "--project-root" -> projectRoot = value;
                case "--order-url" -> orderUrl = stripSlash(value);
                case "--inventory-url" -> inventoryUrl = stripSlash(value);
                case "--bootstrap-servers" -> bootstrap = value;
                case "--postgres-url" -> postgresUrl = value;
                case "--postgres-user" -> postgresUser = value;
                case "--postgres-password" -> postgresPassword = value;
                case "--label" -> label = value;
                default -> throw new UsageException("Unknown option " + option + ".");
            }
        }
        if (clients.isPresent() && rate.isPresent()) {
            throw new UsageException("Choose --clients (closed loop) or --rate (open loop), not both.");
        }
        for (String workload : workloads) {
            if (!Workloads.ALL.contains(workload)) {
                throw new UsageException("No workload '" + workload + "'; choose from " + String.join(", ",
                        Workloads.ALL) + ".");
            }
        }
        Optional<Existing> existing = Optional.empty();
        if (orderUrl != null || inventoryUrl != null) {
            if (orderUrl == null || inventoryUrl == null) {
                throw new UsageException("Driving a running stack needs both --order-url and --inventory-url.");
            }
            existing = Optional.of(new Existing(orderUrl, inventoryUrl, Optional.ofNullable(bootstrap),
                    Optional.ofNullable(postgresUrl), postgresUser, postgresPassword, label));
            strategies = List.of(label);
        } else {
            for (String strategy : strategies) {
                if (!STRATEGIES.contains(strategy)) {
                    throw new UsageException("No strategy '" + strategy + "'; choose from "
                            + String.join(", ", STRATEGIES) + ".");
                }
            }
        }
        if (viaKafka && existing.isPresent() && existing.get().bootstrapServers().isEmpty()) {
            throw new UsageException("--via-kafka on a running stack needs --bootstrap-servers.");
        }
        Path root = Path.of(projectRoot).toAbsolutePath().normalize();
        return new BenchOptions(strategies, workloads, repetitions, pollModes, orders, clients, rate, poll, timeout,
                warmUp, stackWarmUp, seed, viaKafka, reference, out, root, existing, "./bench.sh" + (args.isEmpty() ? "" : " " + String.join(" ", args)));
    }

    /** The load of {@code workload}: its defaults, overridden by --clients / --rate / --poll-interval. */
    public Load loadOf(String workload) {
        Load load = Workloads.defaults(workload).load();
        if (clients.isPresent()) {
            load = Load.closed(clients.getAsInt(), load.pollInterval());
        } else if (rate.isPresent()) {
            load = Load.open(rate.getAsDouble(), load.pollInterval());
        }
        return pollInterval.map(load::withPollInterval).orElse(load);
    }

    public int ordersOf(String workload) {
        return orders.orElse(Workloads.defaults(workload).orders());
    }

    /** "50ms", "2s", "1m" or a plain number of milliseconds. */
    static Duration duration(String option, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.ofMillis(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a duration like 50ms or 2s, not " + value + ".");
        }
    }

    /** Long polling is measured beside short polling, so that the report compares the two. */
    private static List<PollMode> pollModes(String value) {
        return switch (value.trim()) {
            case "short" -> List.of(PollMode.SHORT);
            case "long" -> List.of(PollMode.SHORT, PollMode.LONG);
            default -> throw new UsageException("--poll takes short or long, not " + value + ".");
        };
    }

    private static List<String> list(String value) {
        return new ArrayList<>(Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    private static int positive(String option, String value) {
        int number = whole(option, value);
        if (number < 1) {
            throw new UsageException(option + " must be at least 1, not " + value + ".");
        }
        return number;
    }

    private static int whole(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a whole number, not " + value + ".");
        }
    }

    private static double positiveDecimal(String option, String value) {
        try {
            double number = Double.parseDouble(value.trim());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException(option + " takes a number above 0, not " + value + ".");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** A command line the tool cannot run; its message says what to change. */
    public static final class UsageException extends RuntimeException {

        public UsageException(String message) {
            super(message);
        }
    }
}
