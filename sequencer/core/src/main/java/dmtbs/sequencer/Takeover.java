package dmtbs.sequencer;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A member that has just become coordinator may not order anything before it knows the highest
 * sequence number any live member delivered: a batch of the dead sequencer may have reached only
 * some members. It asks every member ({@code SyncRequest}), collects the answers here, and starts
 * numbering after the highest one, once it has itself delivered up to there. Members that do not
 * answer within the deadline are taken as crashed (failure detection will remove them). Pure.
 */
public final class Takeover<M> {

    private final long epoch;
    private final Set<M> awaited;
    private final Map<M, Long> replies = new HashMap<>();
    private final long deadlineMillis;
    private long highest;
    private M holderOfHighest;
    private long latestBusinessDay;

    /**
     * @param awaited        the other members of the view
     * @param ownHighest     the highest sequence number this member delivered
     * @param deadlineMillis when to stop waiting for answers
     */
    public Takeover(long epoch, Set<M> awaited, long ownHighest, long deadlineMillis) {
        this.epoch = epoch;
        this.awaited = Set.copyOf(awaited);
        this.highest = ownHighest;
        this.deadlineMillis = deadlineMillis;
    }

    public void reply(M member, long epochOfReply, long highestDelivered, long businessDay) {
        if (epochOfReply != epoch || !awaited.contains(member)) return;
        replies.put(member, highestDelivered);
        latestBusinessDay = Math.max(latestBusinessDay, businessDay);
        if (highestDelivered > highest) {
            highest = highestDelivered;
            holderOfHighest = member;
        }
    }

    /** True once every member answered or the deadline passed. */
    public boolean answersComplete(long nowMillis) {
        return replies.keySet().containsAll(awaited) || nowMillis >= deadlineMillis;
    }

    /** The highest sequence number delivered anywhere among the answers (and here). */
    public long highest() { return highest; }

    /** A member that delivered {@link #highest()}, to fetch from; null if this member has it all. */
    public M holderOfHighest() { return holderOfHighest; }

    public long epoch() { return epoch; }

    /** The latest business day any member delivered a request under (0: none). */
    public long latestBusinessDay() { return latestBusinessDay; }

    public long deadlineMillis() { return deadlineMillis; }
}
