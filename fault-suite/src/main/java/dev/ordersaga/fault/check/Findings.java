package dev.ordersaga.fault.check;

import java.util.ArrayList;
import java.util.List;

/** Counts of one kind of failure with the first few examples. */
final class Findings {

    private static final int EXAMPLES = 5;

    private final String kind;
    private final List<String> examples = new ArrayList<>();
    private int count;

    Findings(String kind) {
        this.kind = kind;
    }

    void add(String example) {
        add(1, example);
    }

    void add(int amount, String example) {
        count += amount;
        if (examples.size() < EXAMPLES) {
            examples.add(kind + ": " + example);
        }
    }

    int count() {
        return count;
    }

    List<String> examples() {
        return examples;
    }
}
