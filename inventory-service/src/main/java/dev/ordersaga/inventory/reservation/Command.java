package dev.ordersaga.inventory.reservation;

import dev.ordersaga.messages.CommitInventory;
import dev.ordersaga.messages.ReleaseInventory;
import dev.ordersaga.messages.ReserveInventory;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record of a batch, decoded: the message (expected to be an inventory command, but not yet checked) and which
 * attempt at it this is.
 */
record Command(SpecificRecord message, Attempt attempt) {

    /** The order the command is about; null for a message that is not an inventory command. */
    String orderId() {
        if (message instanceof ReserveInventory reserve) {
            return reserve.getOrderId();
        }
        if (message instanceof ReleaseInventory release) {
            return release.getOrderId();
        }
        if (message instanceof CommitInventory commit) {
            return commit.getOrderId();
        }
        return null;
    }

    /** The {@code command} tag of the metrics: reserve, release, commit. */
    String name() {
        if (message instanceof ReserveInventory) {
            return "reserve";
        }
        if (message instanceof ReleaseInventory) {
            return "release";
        }
        if (message instanceof CommitInventory) {
            return "commit";
        }
        return message == null ? "empty" : "unexpected";
    }
}
