package dmtbs.group.msg;

import dmtbs.booking.BookingState;

/**
 * A replica's answer to a checkpoint: its digest after applying sequence number {@code seq}, how long
 * computing it took (the managers space checkpoints by that cost), and its state when this copy goes
 * to a recovering replica (otherwise null) with its client sessions (the text the replica keeps them
 * as; empty when it has none). The digest covers both.
 */
public record CheckpointReport(String replica, String implementation, long seq, String digest, long digestMicros,
                               BookingState state, String sessions) {

    /** A report without client sessions. */
    public CheckpointReport(String replica, String implementation, long seq, String digest, long digestMicros, BookingState state) {
        this(replica, implementation, seq, digest, digestMicros, state, state == null ? null : "");
    }
}
