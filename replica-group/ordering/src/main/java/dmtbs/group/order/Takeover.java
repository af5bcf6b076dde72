package dmtbs.group.order;

import dmtbs.group.msg.EpochStart;

import java.util.HashMap;
import java.util.List;
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
    private final Map<M, List<EpochStart>> lineages = new HashMap<>();
    private final long ownHighest;
    private final List<EpochStart> ownLineage;
    /** Answers are complete and the order to continue chosen: later answers change nothing. */
    private boolean closed;

    /**
     * @param awaited    the other members of the view
     * @param ownHighest the highest sequence number this member delivered
     */
    public Takeover(long epoch, Set<M> awaited, long ownHighest) { this(epoch, awaited, awaited, Long.MAX_VALUE, ownHighest, List.of()); }

    /**
     * @param mustAnswer           the members waited for until they answer or leave
     * @param asked                every member asked ({@code mustAnswer} and the settled ones)
     * @param settledDeadlineMillis until when the others are waited for
     */
    public Takeover(long epoch, Set<M> mustAnswer, Set<M> asked, long settledDeadlineMillis, long ownHighest, List<EpochStart> ownLineage) {
        this.epoch = epoch;
        this.awaited = new HashSet<>(mustAnswer);
        this.asked = new HashSet<>(asked);
        this.asked.addAll(mustAnswer);
        this.settledDeadlineMillis = settledDeadlineMillis;
        this.ownHighest = ownHighest;
        this.ownLineage = List.copyOf(ownLineage);
    }

    public void reply(M member, long epochOfReply, long highestDelivered, long businessDay) {
        reply(member, epochOfReply, highestDelivered, businessDay, List.of());
    }

    public void reply(M member, long epochOfReply, long highestDelivered, long businessDay, List<EpochStart> lineage) {
        if (closed || epochOfReply != epoch || !asked.contains(member)) return;
        replies.put(member, highestDelivered);
        businessDays.put(member, businessDay);
        lineages.put(member, List.copyOf(lineage));
    }

    /** The answers are in and acted on: the order to continue no longer changes. */
    public void close() { closed = true; }

    public boolean closed() { return closed; }

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
        lineages.keySet().retainAll(members);
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

    /**
     * The member (null: this one) whose order the new sequencer continues: of those whose epochs are
     * known, the one whose order ends under the latest epoch, then the furthest (Viewstamped
     * Replication's rule: that order was extended by the latest sequencer, which synced with a quorum
     * of replicas, so it holds every acknowledged request). An order that ends under an older epoch
     * beyond it is a deposed sequencer's, given behind a cut, and is not continued. Of equal ones,
     * the lineage that reaches furthest back: a replacement's begins at its state transfer, and
     * against it an order that departed earlier looked like the group's (found at seeds 54526 and
     * 59803 of the long simulation: a sequencer back from a cut kept its own two numbers, and told
     * three healthy replicas that theirs departed there, so they stopped).
     */
    private M authority() {
        M best = null;
        long bestEpoch = Lineages.lastEpoch(ownLineage);
        long bestHighest = ownHighest;
        long bestReach = reach(ownLineage);
        for (Map.Entry<M, List<EpochStart>> e : lineages.entrySet()) {
            long epochOf = Lineages.lastEpoch(e.getValue());
            long highestOf = replies.get(e.getKey());
            long reachOf = reach(e.getValue());
            if (epochOf > bestEpoch || (epochOf == bestEpoch && (highestOf > bestHighest || (highestOf == bestHighest && reachOf < bestReach)))) {
                best = e.getKey();
                bestEpoch = epochOf;
                bestHighest = highestOf;
                bestReach = reachOf;
            }
        }
        return best;
    }

    /** The first number a lineage tells the epoch of (Long.MAX_VALUE for none). */
    private static long reach(List<EpochStart> lineage) { return lineage.isEmpty() ? Long.MAX_VALUE : lineage.get(0).firstSeq(); }

    /** The order to continue: the authority's lineage ({@link #authority}). */
    public List<EpochStart> lineage() {
        M a = authority();
        return a == null ? ownLineage : lineages.get(a);
    }

    /**
     * The highest sequence number of the order to continue: the authority's, or further where a
     * member's epochs are unknown (it resumed from disk after a restart of the whole service) and it
     * delivered more.
     */
    public long highest() {
        M a = authority();
        long target = a == null ? ownHighest : replies.get(a);
        boolean known = !(a == null ? ownLineage : lineages.get(a)).isEmpty();     // an empty lineage: epochs unknown
        if (!known || ownLineage.isEmpty()) target = Math.max(target, ownHighest);
        for (Map.Entry<M, Long> e : replies.entrySet()) {
            if (!known || lineages.getOrDefault(e.getKey(), List.of()).isEmpty()) target = Math.max(target, e.getValue());
        }
        return target;
    }

    /** A member that delivered {@link #highest()} of the order to continue, to fetch from; null if this member has it all. */
    public M holderOfHighest() {
        long target = highest();
        M a = authority();
        if (a != null && replies.get(a) == target) return a;
        if (ownHighest >= target) return null;
        for (Map.Entry<M, Long> e : replies.entrySet()) if (e.getValue() == target) return e.getKey();
        return null;
    }

    /** Where {@code member}'s order departs from the one continued (Long.MAX_VALUE: it does not, or it did not answer). */
    public long departureOf(M member, List<EpochStart> continued, long target) {
        Long highestOf = replies.get(member);
        return highestOf == null ? Long.MAX_VALUE : Lineages.departure(lineages.getOrDefault(member, List.of()), highestOf, continued, target, epoch);
    }

    /** The members that answered, in an order fixed by the answers alone (Set.copyOf's varies from one JVM to the next, and a seed must replay). */
    public List<M> answered() { return new java.util.ArrayList<>(replies.keySet()); }

    public long epoch() { return epoch; }

    /** The latest business day any member delivered a request under (0: none). */
    public long latestBusinessDay() { return businessDays.values().stream().mapToLong(Long::longValue).max().orElse(0); }
}
