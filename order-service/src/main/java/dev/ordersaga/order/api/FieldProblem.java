package dev.ordersaga.order.api;

/** One entry of a problem's {@code errors}: which request field is wrong and why. */
record FieldProblem(String field, String message) {
}
