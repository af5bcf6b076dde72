package dmtbs.group.msg;

/**
 * Replica managers agree before replacing a replica: the manager of {@code replica} proposes, every
 * live manager votes from its own evidence, and a majority of all four managers decides.
 */
public sealed interface RmMessage {

    /** The manager of {@code replica} proposes to replace it, for {@code reason} (CRASH, WRONG, CORRUPT or EXCLUDED). */
    record Proposal(long id, String replica, String reason) implements RmMessage {}

    /** One manager's vote on a proposal. */
    record Vote(long id, String replica, String voter, boolean yes) implements RmMessage {}

    /**
     * A manager announces a replacement it performed (for the admin view's history), naming the
     * incarnation it replaced: reports about that process no longer count.
     */
    record Replaced(String replica, String reason, long atMillis, String incarnation) implements RmMessage {}
}
