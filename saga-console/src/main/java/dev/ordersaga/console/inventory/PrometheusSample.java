package dev.ordersaga.console.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sample of Prometheus' text format: {@code name{label="value",...} 12.0}. Comments and lines that are no
 * sample are skipped.
 */
record PrometheusSample(String name, Map<String, String> labels, double value) {

    static List<PrometheusSample> parseAll(String text) {
        List<PrometheusSample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            PrometheusSample sample = parse(line.trim());
            if (sample != null) {
                samples.add(sample);
            }
        }
        return samples;
    }

    /** The sample on {@code line}, or {@code null}. */
    static PrometheusSample parse(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return null;
        }
        int nameEnd = 0;
        while (nameEnd < line.length() && line.charAt(nameEnd) != '{'
                && !Character.isWhitespace(line.charAt(nameEnd))) {
            nameEnd++;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        int position = nameEnd;
        if (position < line.length() && line.charAt(position) == '{') {
            position = readLabels(line, position + 1, labels);
            if (position < 0) {
                return null;
            }
        }
        String[] rest = line.substring(position).trim().split("\\s+");
        try {
            return new PrometheusSample(line.substring(0, nameEnd), labels, Double.parseDouble(rest[0]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Reads {@code a="x",b="y"}} from {@code start}; the position after the closing brace, or -1 if malformed. */
    private static int readLabels(String line, int start, Map<String, String> labels) {
        int position = start;
        while (position < line.length()) {
            char c = line.charAt(position);
            if (c == '}') {
                return position + 1;
            }
            if (c == ',' || c == ' ') {
                position++;
                continue;
            }
            int equals = line.indexOf("=\"", position);
            if (equals < 0) {
                return -1;
            }
            StringBuilder value = new StringBuilder();
            int i = equals + 2;
            for (; i < line.length() && line.charAt(i) != '"'; i++) {
                char v = line.charAt(i);
                if (v == '\\' && i + 1 < line.length()) {
                    char escaped = line.charAt(++i);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(v);
                }
            }
            if (i >= line.length()) {
                return -1;
            }
            labels.put(line.substring(position, equals), value.toString());
            position = i + 1;
        }
        return -1;
    }
}
