package dmtbs.group.order;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A member that has just become coordinator may not order anything before it knows the highest
 * sequence number any live member delivered: a batch of the dead sequencer may have reached only
 * some members. It asks every member ({@code SyncRequest}), collects the answers here, and starts
 * numbering after the highest one, once it has itself delivered up to there.
 * <p>It waits for every member of the view, however slow: a member that delivered more than those
 * that answered would drop the new request that reuses its number as one it already has, and apply a
 * different request there. A member that never answers (frozen, crashed) is removed from the view by
 * failure detection, and then no longer waited for ({@link #onlyAmong}). The one exception: a
 * sequencer that syncs again because members joined need not wait long for the members it was
 * ordering for, since it gave every number they hold ({@code settled}, asked with a deadline). Pure.
 */
public final class Takeover<M> {

    private final long epoch;
    private final Set<M> awaited;
    private final Set<M> asked;
    private final long settledDeadlineMillis;
    private final Map<M, Long> replies = new HashMap<>();
    private final Map<M, Long> businessDays = new HashMap<>();
    private final long ownHighest;

    /**
     * @param awaited    the other members of the view
     * @param ownHighest the highest sequence number this member delivered
     */
    public Takeover(long epoch, Set<M> awaited, long ownHighest) { this(epoch, awaited, awaited, Long.MAX_VALUE, ownHighest); }

    /**
     * @param mustAnswer           the members waited for until they answer or leave
     * @param asked                every member asked ({@code mustAnswer} and the settled ones)
     * @param settledDeadlineMillis until when the others are waited for
     */
    public Takeover(long epoch, Set<M> mustAnswer, Set<M> asked, long settledDeadlineMillis, long ownHighest) {
        this.epoch = epoch;
        this.awaited = new HashSet<>(mustAnswer);
        this.asked = new HashSet<>(asked);
        this.asked.addAll(mustAnswer);
        this.settledDeadlineMillis = settledDeadlineMillis;
        this.ownHighest = ownHighest;
    }

    public void reply(M member, long epochOfReply, long highestDelivered, long businessDay) {
        if (epochOfReply != epoch || !asked.contains(member)) return;
        replies.put(member, highestDelivered);
        businessDays.put(member, businessDay);
    }

    /**
     * The view shrank to {@code members}: those that left are no longer waited for, and what they
     * answered no longer counts. A number only a departed member delivered is held by no live member,
     * so giving it anew harms none; counting it, the new sequencer would fetch it for ever from members
     * that never had it.
     */
    public void onlyAmong(Set<M> members) {
        awaited.retainAll(members);
        asked.retainAll(members);
        replies.keySet().retainAll(members);
        businessDays.keySet().retainAll(members);
    }

    /** True once every member still in the view answered (the settled ones: or their time is up). */
    public boolean answersComplete(long nowMillis) {
        return replies.keySet().containsAll(awaited) && (nowMillis >= settledDeadlineMillis || replies.keySet().containsAll(asked));
    }

    /** The members asked that have not answered yet. */
    public Set<M> silent() {
        Set<M> s = new HashSet<>(asked);
        s.removeAll(replies.keySet());
        return s;
    }

    /** The highest sequence number delivered anywhere among the answers (and here). */
    public long highest() { return Math.max(ownHighest, replies.values().stream().mapToLong(Long::longValue).max().orElse(0)); }

    /** A member that delivered {@link #highest()}, to fetch from; null if this member has it all. */
    public M holderOfHighest() {
        M holder = null;
        long best = ownHighest;
        for (Map.Entry<M, Long> e : replies.entrySet()) {
            if (e.getValue() > best) {
                best = e.getValue();
                holder = e.getKey();
            }
        }
        return holder;
    }

    public long epoch() { return epoch; }

    /** The latest business day any member delivered a request under (0: none). */
    public long latestBusinessDay() { return businessDays.values().stream().mapToLong(Long::longValue).max().orElse(0); }
}
