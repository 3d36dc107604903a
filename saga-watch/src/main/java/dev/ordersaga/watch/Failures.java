package dev.ordersaga.watch;

/** Exceptions as one line for people. */
final class Failures {

    private Failures() {
    }

    /**
     * The exception's message followed by its causes': the outer one alone ("Cannot decode X", "Failed to
     * construct kafka consumer") seldom says what is wrong.
     */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        Throwable cause = failure.getCause();
        for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
            text.append(": ").append(cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName());
        }
        return text.toString();
    }
}
