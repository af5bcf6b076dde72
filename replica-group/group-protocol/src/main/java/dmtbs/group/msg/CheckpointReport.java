package dmtbs.group.msg;

import dmtbs.booking.BookingState;

/**
 * A replica's answer to a checkpoint: its digest after applying sequence number {@code seq}, and its
 * state when this copy goes to a recovering replica (otherwise null).
 */
public record CheckpointReport(String replica, String implementation, long seq, String digest, BookingState state) {}
