package dmtbs.group.msg;

/**
 * An ordered marker: every replica that applies it reports its digest at that sequence number to
 * the replica managers and, if {@code stateFor} names a replica, sends that replica its whole state,
 * or only its digest when {@code digestsOnly} (a replica restarted from its disk checking its
 * history: a state is needed only if the digests differ).
 */
public record Checkpoint(String stateFor, boolean digestsOnly) implements Control {

    public Checkpoint(String stateFor) { this(stateFor, false); }
}
