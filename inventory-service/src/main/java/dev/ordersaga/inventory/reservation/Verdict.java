package dev.ordersaga.inventory.reservation;

/** What became of one command of a batch. */
sealed interface Verdict {

    /** A ReserveInventory decided now, or before (a replay). */
    record Decided(ReservationOutcome outcome) implements Verdict {
    }

    /** A ReleaseInventory or CommitInventory applied; the reservation as it ended up. */
    record Settled(Reservation reservation) implements Verdict {
    }

    /** Conflicted, with attempts left: the command goes to the retry topic of its next attempt. */
    record Retry() implements Verdict {
    }

    /** Cannot apply, however often it is tried: the record goes to the dead-letter topic, alone. */
    record DeadLetter(RuntimeException reason) implements Verdict {
    }
}
