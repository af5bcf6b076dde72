package dmtbs.group.msg;

import dmtbs.booking.BookingState;

/**
 * A replica's answer to a checkpoint: its digest after applying sequence number {@code seq}, how long
 * computing it took (the managers space checkpoints by that cost), and its state when this copy goes
 * to a recovering replica (otherwise null).
 */
public record CheckpointReport(String replica, String implementation, long seq, String digest, long digestMicros,
                               BookingState state) {}
