package dev.ordersaga.loadtest.reference;

/** The broker on its own: how fast one small record goes round, and how many it carries per second. */
public record KafkaFigures(int roundTrips, double roundTripP50Millis, double roundTripP99Millis, int records,
                           double producedPerSecond, double consumedPerSecond) {
}
