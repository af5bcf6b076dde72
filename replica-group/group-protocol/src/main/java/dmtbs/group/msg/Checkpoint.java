package dmtbs.group.msg;

/**
 * An ordered marker: every replica that applies it reports its digest at that sequence number to
 * the replica managers, and, if {@code stateFor} names a replica, sends it its whole state.
 */
public record Checkpoint(String stateFor) {}
