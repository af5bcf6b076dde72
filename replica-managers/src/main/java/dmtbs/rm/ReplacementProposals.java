package dmtbs.rm;

/**
 * The one replacement a manager may have under way: first a proposal collecting votes, then, once
 * the managers agreed, the replacement itself. Nothing new is proposed until that replacement is
 * done: a second proposal made from the same evidence (another late report of the old process,
 * queued behind the decision) would otherwise be agreed as well and replace the fresh replica too.
 * A proposal that gathers no decision in time expires, so it can be retried. Pure; not thread-safe.
 */
final class ReplacementProposals {

    private final long timeoutMillis;
    private long nextId = 1;
    private Agreement open;
    private long openId;
    private String openReason;
    private long openedAt;
    private boolean replacing;

    ReplacementProposals(long timeoutMillis) { this.timeoutMillis = timeoutMillis; }

    /** Opens a proposal and returns its ID, or 0 while another proposal or a replacement is under way. */
    long open(String proposer, String reason, int managers, long nowMillis) {
        if (open != null || replacing) return 0;
        open = new Agreement(proposer, managers);
        openId = nextId++;
        openReason = reason;
        openedAt = nowMillis;
        return openId;
    }

    /**
     * Counts a vote on proposal {@code id} (a vote on any other is ignored: PENDING). YES and NO close
     * the proposal; YES starts the replacement, which lasts until {@link #replaced()}.
     */
    Agreement.Outcome vote(long id, String voter, boolean yes) {
        if (open == null || id != openId) return Agreement.Outcome.PENDING;
        return settle(open.vote(voter, yes));
    }

    /** The outcome of proposal {@code id} from the votes so far. */
    Agreement.Outcome outcome(long id) {
        if (open == null || id != openId) return Agreement.Outcome.PENDING;
        return settle(open.outcome());
    }

    private Agreement.Outcome settle(Agreement.Outcome o) {
        if (o == Agreement.Outcome.YES) replacing = true;
        if (o != Agreement.Outcome.PENDING) open = null;
        return o;
    }

    /** The reason of the latest proposal (the one just decided, when called after a decision). */
    String reason() { return openReason; }

    /** Drops a proposal that has waited longer than the timeout for its votes. */
    void expire(long nowMillis) {
        if (open != null && nowMillis - openedAt > timeoutMillis) open = null;
    }

    /** The decided replacement is done (or failed): proposals are possible again. */
    void replaced() { replacing = false; }

    boolean replacing() { return replacing; }
}
