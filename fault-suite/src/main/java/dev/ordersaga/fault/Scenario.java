package dev.ordersaga.fault;

import java.util.List;
import java.util.Map;

/**
 * One fault, struck in the middle of a steady workload.
 *
 * @param name short, for the report and the test
 * @param fault what happens, in plain words
 * @param strike does it (kill, wait, restart; or write to topics) and returns, per dead-letter topic, the keys of
 *     the poison written for it (none for most scenarios)
 */
record Scenario(String name, String fault, Strike strike) {

    @FunctionalInterface
    interface Strike {
        Map<String, List<String>> strike() throws Exception;
    }
}
