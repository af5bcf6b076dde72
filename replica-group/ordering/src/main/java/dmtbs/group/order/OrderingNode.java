package dmtbs.group.order;

import dmtbs.group.msg.ClientRequest;
import dmtbs.group.msg.ClientRequests;
import dmtbs.group.msg.FetchReply;
import dmtbs.group.msg.FetchRequest;
import dmtbs.group.msg.Heartbeat;
import dmtbs.group.msg.OrderedBatch;
import dmtbs.group.msg.OrderedRequest;
import dmtbs.group.msg.ReplicaNames;
import dmtbs.group.msg.Roles;
import dmtbs.group.msg.SyncDone;
import dmtbs.group.msg.SyncReply;
import dmtbs.group.msg.SyncRequest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The ordering protocol of one group member, as a pure state machine: fed messages, views and
 * ticks (with the time), it answers through {@link Effects}. It delivers the total order strictly
 * in sequence order, exactly once, repairing gaps from peers; when the member is the coordinator it
 * is the sequencer, after a takeover sync that finds the highest sequence number delivered anywhere.
 * Single-threaded: the caller serializes calls. The JGroups shell ({@code GroupNode}) and the seeded
 * simulation run this same class.
 *
 * @param <A> member addresses
 */
public final class OrderingNode<A> {

    /** What the node asks its environment to do. */
    public interface Effects<A> {
        void send(A to, Object message);

        void multicast(Object message);

        /** Requests in sequence order, each exactly once. */
        void deliver(List<OrderedRequest> inOrder);

        /**
         * This member (a replica) applied an order from {@code fromSeq} on that the group never had
         * (a deposed sequencer gave it behind a cut): it cannot take it back, so it delivers nothing
         * more and must be replaced.
         */
        default void diverged(long fromSeq) {}
    }

    static final int LOG_CAPACITY = 100_000;
    static final int MAX_BATCH = 1_024;
    static final int FETCH_MAX = 4_096;
    static final long FETCH_RETRY_MILLIS = 150;
    static final long HEARTBEAT_MILLIS = 200;
    /** A takeover asks members that have not answered again this often (an answer may be lost). */
    static final long SYNC_RESEND_MILLIS = 500;
    /** How long a sequencer that syncs again for newcomers waits for the members it was ordering for. */
    static final long SETTLED_WAIT_MILLIS = 2_000;

    private final A self;
    private final Effects<A> fx;
    private final Function<A, String> nameOf;
    private final int replicaQuorum;
    private final boolean needsEveryRequest;
    private final Supplier<LocalDate> wallToday;
    private final BusinessClock clock;
    private final HoldBackQueue holdBack = new HoldBackQueue(1);
    private final OrderLog orderLog = new OrderLog(LOG_CAPACITY);
    private final DuplicateFilter duplicates = new DuplicateFilter();
    private final List<ClientRequest> waitingForTakeover = new ArrayList<>();
    private List<A> members = List.of();
    /** Replica hosts (R1..R4) in the current view: counted once per view, checked on every cut. */
    private long replicaMembers;
    private A coordinator;
    private long highestEpoch;
    private long knownLastSeq;
    private SequencerCore sequencer;
    private Takeover<A> takeover;
    private long lastFetchMillis = Long.MIN_VALUE / 2;
    private int fetchPeerIndex;
    private long lastHeartbeatMillis;
    private long lastSyncMillis;
    private TreeMap<Long, OrderedRequest> stash;
    private long viewId = -1;
    private final List<Early<A>> early = new ArrayList<>();
    private boolean quorumLost;
    /** The business day the order is at after the last request delivered here (or restored from disk). */
    private long lastBusinessDay;
    /** The epoch of each request offered to the hold-back queue and not delivered yet (the order log keeps it). */
    private final TreeMap<Long, Long> heldEpochs = new TreeMap<>();
    /**
     * The latest epoch whose sequencer told this member where its order stands ({@link SyncDone}): its
     * batches are taken only from then on, since this member may first have to drop an order a
     * deposed sequencer gave it.
     */
    private long settledEpoch;
    /** Batches and heartbeats of an epoch not settled yet, kept until it is; bounded. */
    private final List<Early<A>> unsettled = new ArrayList<>();
    private long lastSettleAskMillis = Long.MIN_VALUE / 2;
    /** The order the current sequencer (if this member) continued up to, before its own numbers. */
    private long epochTarget;
    /** A replica that applied an order the group never had: it takes nothing more (see {@link Effects#diverged}). */
    private boolean halted;

    /**
     * @param nameOf            a member's name (replicas are R1..R4: the sequencer orders only while
     *                          {@code replicaQuorum} of them are members)
     * @param needsEveryRequest true for replicas: they never skip a gap
     */
    public OrderingNode(A self, Effects<A> fx, Function<A, String> nameOf, int replicaQuorum, boolean needsEveryRequest,
                        LocalDate pinnedDate, Supplier<LocalDate> wallToday) {
        this.self = self;
        this.fx = fx;
        this.nameOf = nameOf;
        this.replicaQuorum = replicaQuorum;
        this.needsEveryRequest = needsEveryRequest;
        this.clock = new BusinessClock(pinnedDate);
        this.wallToday = wallToday;
    }

    /** Handles one message of the ordering protocol; returns false for any other message. */
    public boolean onMessage(A from, Object m, long now) {
        if (halted) return isOrdering(m);
        if (m instanceof OrderedBatch b) {
            if (fromSequencer(from, b.epoch(), m) && settled(from, b.epoch(), m, now)) onBatch(b, now);
        } else if (m instanceof Heartbeat h) {
            if (fromSequencer(from, h.epoch(), m) && settled(from, h.epoch(), m, now)) onHeartbeat(h, now);
        } else if (m instanceof SyncDone d) {
            if (fromSequencer(from, d.epoch(), m)) onSyncDone(d, now);
        } else if (m instanceof ClientRequests c) onClientRequests(c.requests().stream().filter(r -> submittedBy(from, r)).toList(), now);
        else if (m instanceof SyncRequest s) {
            if (fromSequencer(from, s.epoch(), m)) onSyncRequest(from, s);
        }
        // Where members stand and what they delivered is believed only from the deployment's own
        // processes: one SyncReply claiming a huge sequence number would have the new sequencer fetch
        // for ever, one FetchReply would deliver forged requests.
        else if (m instanceof SyncReply s) {
            if (holdsOwnRole(from)) onSyncReply(from, s, now);
        } else if (m instanceof FetchRequest f) {
            if (holdsOwnRole(from)) {
                fx.send(from, new FetchReply(orderLog.range(f.fromSeq(), f.toSeq(), FETCH_MAX), orderLog.first(),
                        orderLog.epochs(f.fromSeq(), f.toSeq(), FETCH_MAX)));
            }
        } else if (m instanceof FetchReply f) {
            if (holdsOwnRole(from)) onFetchReply(f, now);
        }
        else return false;
        return true;
    }

    /**
     * Ordering comes from the coordinator alone, under an epoch no later than the view it belongs to.
     * A message from anyone else is dropped: a member that claims to order (or a stray one from a
     * deposed sequencer) must not move this member's epoch, since one message with a huge epoch
     * would make it drop every later batch for good. A message under an epoch of a view this member
     * has not installed yet (the new coordinator is quicker than the view) waits for that view.
     */
    private boolean fromSequencer(A from, long epoch, Object m) {
        if (epoch > viewId) {
            if (early.size() == MAX_EARLY) early.remove(0);
            early.add(new Early<>(from, epoch, m));
            return false;
        }
        return from.equals(coordinator);
    }

    /**
     * A request is ordered only for the member whose identity it carries, holding its name in the view,
     * with results going back to that member, a low-water mark no higher than its own counter, either a
     * client's request or a control (replicas would take one that is both or neither for a request),
     * and a state transfer, if any, for that member itself.
     */
    private boolean submittedBy(A from, ClientRequest r) {
        String name = nameOf.apply(from);
        return Roles.holds(members, nameOf, from, name) && Roles.owns(name, r.id()) && r.lowWater() <= r.id().counter()
                && (r.replyTo() == null || r.replyTo().equals(from)) && (r.request() == null) != (r.control() == null)
                && (r.checkpoint() == null || r.checkpoint().stateFor() == null || r.checkpoint().stateFor().equals(name));
    }

    private static boolean isOrdering(Object m) {
        return m instanceof OrderedBatch || m instanceof Heartbeat || m instanceof SyncDone || m instanceof ClientRequests
                || m instanceof SyncRequest || m instanceof SyncReply || m instanceof FetchRequest || m instanceof FetchReply;
    }

    /**
     * Whether the sequencer's epoch is settled here. If not, the message waits, and the sequencer is
     * asked (again, at most every SYNC_RESEND_MILLIS) where this member's order stands: a SyncReply
     * unasked, which it answers with a {@link SyncDone}. Covers a lost or overtaken SyncRequest too.
     */
    private boolean settled(A from, long epoch, Object m, long now) {
        if (epoch <= settledEpoch || epoch < highestEpoch) return true;   // an older epoch's message is dropped further on
        if (unsettled.size() == MAX_EARLY) unsettled.remove(0);
        unsettled.add(new Early<>(from, epoch, m));
        if (now - lastSettleAskMillis >= SYNC_RESEND_MILLIS) {
            lastSettleAskMillis = now;
            fx.send(from, syncReply(epoch));
        }
        return false;
    }

    private SyncReply syncReply(long epoch) {
        return new SyncReply(epoch, holdBack.highestDelivered(), lastBusinessDay, orderLog.lineage(Lineages.MAX));
    }

    /** The sequencer of a new epoch settled the order: drop what departs from it, then take its batches. */
    private void onSyncDone(SyncDone d, long now) {
        if (d.epoch() <= settledEpoch || d.epoch() < highestEpoch) return;
        if (d.staleFrom() <= holdBack.highestDelivered() && !dropFrom(d.staleFrom())) return;
        settledEpoch = d.epoch();
        highestEpoch = d.epoch();
        List<Early<A>> due = unsettled.stream().filter(e -> e.epoch() <= settledEpoch).toList();
        unsettled.removeAll(due);
        for (Early<A> e : due) onMessage(e.from(), e.message(), now);
    }

    /**
     * Drops this member's order from {@code seq} on: a deposed sequencer gave it behind a cut, and the
     * group gave those numbers to other requests. A member that applies nothing forgets it and fetches
     * the group's; a replica cannot take back what it applied, so it stops (returns false), to be replaced.
     */
    private boolean dropFrom(long seq) {
        if (needsEveryRequest && stash == null) {
            halted = true;
            fx.diverged(seq);
            return false;
        }
        orderLog.truncateFrom(seq);
        holdBack.resetTo(seq - 1);
        holdBack.forgetHeld();
        heldEpochs.clear();
        knownLastSeq = seq - 1;                    // its own numbers beyond are not the group's: learnt anew
        return true;
    }

    /** A message that came before its view, kept until the view is installed; bounded. */
    private record Early<A>(A from, long epoch, Object message) {}

    static final int MAX_EARLY = 256;

    private void onBatch(OrderedBatch b, long now) {
        if (b.epoch() < highestEpoch) return;                 // from a deposed sequencer
        highestEpoch = b.epoch();
        knownLastSeq = Math.max(knownLastSeq, b.lastSeq());
        if (stash != null) {
            for (OrderedRequest r : b.requests()) stash.put(r.seq(), r);
            return;
        }
        for (OrderedRequest r : b.requests()) if (r.seq() > holdBack.highestDelivered()) heldEpochs.put(r.seq(), b.epoch());
        deliver(holdBack.offer(b.requests()), b, now);
        maybeFetch(now);
    }

    private void onHeartbeat(Heartbeat h, long now) {
        if (h.epoch() < highestEpoch) return;
        highestEpoch = h.epoch();
        knownLastSeq = Math.max(knownLastSeq, h.lastSeq());
        maybeFetch(now);
    }

    private void deliver(List<OrderedRequest> inOrder, long now) { deliver(inOrder, null, now); }

    /**
     * Delivers in order. {@code arrived} is the batch these requests came in, if any: the order log
     * keeps its requests as the bytes they arrived as, without encoding them again.
     */
    private void deliver(List<OrderedRequest> inOrder, OrderedBatch arrived, long now) {
        if (inOrder.isEmpty()) return;
        for (OrderedRequest r : inOrder) {
            Long epoch = heldEpochs.remove(r.seq());
            orderLog.append(r, arrived == null ? null : arrived.encodingOf(r), epoch == null ? OrderLog.UNKNOWN : epoch);
            duplicates.record(r.id(), r.lowWater());
            lastBusinessDay = BusinessClock.dayAfter(r);
            clock.observe(lastBusinessDay);          // a date change holds here too, should this member order next
        }
        fx.deliver(inOrder);
        checkTakeover(now);
    }

    /** Asks a peer for the missing range, at most every FETCH_RETRY_MILLIS, rotating peers. */
    private void maybeFetch(long now) {
        if (stash != null) return;                             // nothing to deliver before the state arrives
        HoldBackQueue.Gap gap = holdBack.gapUpTo(knownLastSeq);
        if (gap == null || now - lastFetchMillis < FETCH_RETRY_MILLIS) return;
        List<A> peers = peers();
        if (peers.isEmpty()) return;
        lastFetchMillis = now;
        A preferred = takeover != null ? takeover.holderOfHighest() : coordinator;
        A peer = fetchPeerIndex == 0 && preferred != null && !preferred.equals(self) ? preferred
                : peers.get(fetchPeerIndex % peers.size());
        fetchPeerIndex++;
        fx.send(peer, new FetchRequest(gap.from(), Math.min(gap.to(), gap.from() + FETCH_MAX - 1)));
    }

    private void onFetchReply(FetchReply f, long now) {
        if (stash != null) return;
        if (!f.requests().isEmpty()) fetchPeerIndex = 0;
        for (int i = 0; i < f.requests().size(); i++) {
            long seq = f.requests().get(i).seq();
            if (seq > holdBack.highestDelivered()) heldEpochs.put(seq, i < f.epochs().size() ? f.epochs().get(i) : OrderLog.UNKNOWN);
        }
        deliver(holdBack.offer(f.requests()), now);
        if (f.requests().isEmpty() && f.oldestHeld() > holdBack.next() && !needsEveryRequest) {
            // Peers no longer hold what this member missed; it applies nothing, so it may skip ahead.
            deliver(holdBack.resetTo(f.oldestHeld() - 1), now);
        }
        lastFetchMillis = Long.MIN_VALUE / 2;
        maybeFetch(now);
    }

    /** A new view: the coordinator is the sequencer; a new coordinator first syncs. */
    public void onView(long viewId, List<A> newMembers, long now) {
        this.viewId = viewId;
        installView(viewId, newMembers, now);
        // What came early for this view is taken up now (from its coordinator only, as ever).
        List<Early<A>> due = early.stream().filter(e -> e.epoch() <= viewId).toList();
        early.removeAll(due);
        for (Early<A> e : due) onMessage(e.from(), e.message(), now);
    }

    private void installView(long viewId, List<A> newMembers, long now) {
        List<A> previous = members;
        members = List.copyOf(newMembers);
        // Each replica counts once, however many members claim its name.
        replicaMembers = members.stream().map(nameOf).filter(n -> ReplicaNames.index(n) >= 0).distinct().count();
        coordinator = members.isEmpty() ? null : members.get(0);
        if (!self.equals(coordinator)) {
            sequencer = null;
            takeover = null;
            return;
        }
        // Still coordinator, and nobody new: nothing changes. A newcomer may hold order this member
        // does not know: a replica that resumed from its disk after a restart of the whole service, or
        // a member back from the other side of a healed partition, where another coordinator synced
        // under a higher epoch (its members would drop this sequencer's batches as a deposed one's)
        // and possibly ordered. So the coordinator syncs again under this view's epoch, as a new
        // sequencer does. Queued requests are dropped; the front ends re-send what they still wait for.
        if ((sequencer != null || takeover != null) && previous.containsAll(members)) {
            // Members left (failure detection removed them): a takeover stops waiting for them.
            if (takeover != null) {
                takeover.onlyAmong(new HashSet<>(members));
                checkTakeover(now);
            }
            return;
        }
        boolean wasOrdering = sequencer != null;
        sequencer = null;
        // Like every member on a SyncRequest, the new sequencer forgets requests it holds back beyond a
        // gap: they come from the old sequencer and their numbers may be reused. (Found by the seeded
        // simulation: keeping them let it deliver its own new number k and then the old k+1.)
        holdBack.forgetHeld();
        heldEpochs.clear();
        knownLastSeq = holdBack.highestDelivered();
        Set<A> others = new HashSet<>(peers());
        Set<A> mustAnswer = new HashSet<>(others);
        // A member that was ordering until now gave every number its old members hold, and delivers
        // its own within milliseconds: they are waited for SETTLED_WAIT_MILLIS at most, only the
        // newcomers for as long as it takes. (Waiting for every old member, one slow to install the
        // view under 5 % loss held ordering for 24 s after a replacement joined.)
        if (wasOrdering) mustAnswer.removeIf(previous::contains);
        takeover = new Takeover<>(viewId, mustAnswer, others, now + SETTLED_WAIT_MILLIS, holdBack.highestDelivered(),
                orderLog.lineage(Lineages.MAX));
        highestEpoch = Math.max(highestEpoch, viewId);
        for (A a : others) fx.send(a, new SyncRequest(viewId));
        lastSyncMillis = now;
        checkTakeover(now);
    }

    private void onSyncRequest(A from, SyncRequest s) {
        if (s.epoch() < highestEpoch) return;
        highestEpoch = s.epoch();
        if (sequencer != null && sequencer.epoch() < s.epoch()) sequencer = null;
        // Requests held back beyond a gap were ordered by the old sequencer and delivered nowhere
        // (or the sync would report them): the new sequencer re-uses their numbers, so forget them.
        holdBack.forgetHeld();
        heldEpochs.clear();
        // A replacement's stash is the same: the old sequencer's numbers beyond what the others
        // delivered are given anew, and a kept old request would be applied after a new one of its
        // number. What it drops here that the others did deliver it fetches after its state arrives.
        if (stash != null) stash.clear();
        knownLastSeq = holdBack.highestDelivered();
        fx.send(from, syncReply(s.epoch()));
    }

    private void onSyncReply(A from, SyncReply s, long now) {
        if (takeover != null) {
            takeover.reply(from, s.epoch(), s.highestDelivered(), s.businessDay(), s.lineage());
            checkTakeover(now);
        } else if (sequencer != null && s.epoch() == sequencer.epoch() && hasReplicaQuorum()) {
            // Late, or asked again by a member that saw this epoch's batches first: where does its order stand?
            fx.send(from, new SyncDone(s.epoch(),
                    Lineages.departure(s.lineage(), s.highestDelivered(), orderLog.lineage(Lineages.MAX), epochTarget, s.epoch())));
        }
    }

    private void checkTakeover(long now) {
        if (takeover == null || !takeover.answersComplete(now)) return;
        // Only a coordinator with a quorum of replicas settles an epoch: view ids repeat on the two
        // sides of a partition, so the side without a quorum must neither order nor tell anybody
        // where its order stands under that number (found by the simulation: a cut-off sequencer's
        // SyncDone, under the epoch number the other side was ordering under, stopped two healthy
        // replicas). It waits for a view with a quorum, and syncs anew then.
        if (!hasReplicaQuorum()) return;
        long target = takeover.highest();
        if (!takeover.closed()) {
            // Once: the order to continue is chosen. This member's own may be a deposed sequencer's
            // (a coordinator back from a cut): it drops what departs from the chosen one, then fetches that.
            takeover.close();
            long stale = Lineages.departure(orderLog.lineage(Lineages.MAX), holdBack.highestDelivered(), takeover.lineage(), target,
                    takeover.epoch());
            if (stale <= holdBack.highestDelivered() && !dropFrom(stale)) return;
        }
        if (holdBack.highestDelivered() < target) {
            knownLastSeq = Math.max(knownLastSeq, target);
            maybeFetch(now);
            return;
        }
        // What this member delivered its clock followed; a member that delivered less (it joined late,
        // or resumed without a disk) learns the day from the answers.
        clock.observe(takeover.latestBusinessDay());
        sequencer = new SequencerCore(takeover.epoch(), Math.max(target, holdBack.highestDelivered()) + 1, duplicates, clock);
        epochTarget = target;
        settledEpoch = takeover.epoch();
        // Every member that answered learns where its order departs from the one continued (most: nowhere).
        List<dmtbs.group.msg.EpochStart> continued = orderLog.lineage(Lineages.MAX);
        for (A m : takeover.answered()) fx.send(m, new SyncDone(takeover.epoch(), takeover.departureOf(m, continued, target)));
        takeover = null;
        waitingForTakeover.forEach(sequencer::offer);
        waitingForTakeover.clear();
        heartbeat(now);
        cut(now);
    }

    /** Requests for the sequencer (from front ends, or this member's own). */
    public void onClientRequests(List<ClientRequest> requests, long now) {
        if ((sequencer != null || takeover != null) && !hasReplicaQuorum()) {
            quorumLost = true;
            return;                                     // the front ends answer Unavailable at their deadline
        }
        quorumLost = false;
        if (sequencer != null) {
            for (ClientRequest r : requests) sequencer.offer(r);
            cut(now);
        } else if (takeover != null) {
            waitingForTakeover.addAll(requests);
        }
        // Otherwise this member is not the sequencer: the front end re-sends to the coordinator.
    }

    /**
     * A sequencer orders only while its view holds a majority of the replica hosts: in a partition at
     * most one side can, so two sequencers never extend the order at once.
     */
    private boolean hasReplicaQuorum() {
        return replicaMembers >= replicaQuorum;
    }

    /** Orders everything queued, as batches of at most MAX_BATCH. */
    private void cut(long now) {
        if (sequencer == null) return;
        if (!hasReplicaQuorum()) {
            sequencer.dropQueued();
            return;
        }
        OrderedBatch b;
        while ((b = sequencer.cut(wallToday.get(), MAX_BATCH)) != null) {
            fx.multicast(b);
            lastHeartbeatMillis = now;
        }
    }

    private void heartbeat(long now) {
        lastHeartbeatMillis = now;
        fx.multicast(new Heartbeat(sequencer.epoch(), sequencer.lastSeq(), clock.stamp(wallToday.get())));
    }

    /** Timers: a takeover's questions to silent members, gap repair retries, the sequencer's heartbeat. */
    public void tick(long now) {
        if (takeover != null && now - lastSyncMillis >= SYNC_RESEND_MILLIS) {
            lastSyncMillis = now;
            for (A a : takeover.silent()) fx.send(a, new SyncRequest(takeover.epoch()));
        }
        checkTakeover(now);
        maybeFetch(now);
        if (sequencer != null && now - lastHeartbeatMillis >= HEARTBEAT_MILLIS) heartbeat(now);
    }

    /** A replacement: deliver nothing until a state is installed; keep what is ordered meanwhile. */
    public void awaitStateTransfer() {
        stash = new TreeMap<>();
        heldEpochs.clear();
    }

    /**
     * The state as of {@code lastApplied} is installed: deliver what was kept after it, fetch any gap.
     * Also for a member that had applied beyond it (history the group does not share, found at a
     * restart): what it holds after {@code lastApplied} is forgotten and delivered again.
     */
    public void stateInstalled(long lastApplied, long now) {
        TreeMap<Long, OrderedRequest> kept = stash;
        stash = null;
        orderLog.startAt(lastApplied + 1);
        holdBack.resetTo(lastApplied);
        if (kept != null) deliver(holdBack.offer(List.copyOf(kept.tailMap(lastApplied, false).values())), now);
        lastFetchMillis = Long.MIN_VALUE / 2;
        maybeFetch(now);
    }

    /**
     * A member that kept its history on disk starts where it left off (call before the first view):
     * nothing up to {@code lastApplied} is delivered again, the restored {@code tail} (the requests
     * after its snapshot, with their encodings) can be fetched from here, and the business date
     * continues from {@code lastBusinessDay}.
     */
    public void restore(long lastApplied, long lastBusinessDay, List<OrderedRequest> tail, List<byte[]> encodings) {
        orderLog.startAt(tail.isEmpty() ? lastApplied + 1 : tail.get(0).seq());
        for (int i = 0; i < tail.size(); i++) {
            OrderedRequest r = tail.get(i);
            orderLog.append(r, encodings.get(i), OrderLog.UNKNOWN);
            duplicates.record(r.id(), r.lowWater());
        }
        this.lastBusinessDay = Math.max(this.lastBusinessDay, lastBusinessDay);
        clock.observe(this.lastBusinessDay);
        holdBack.resetTo(lastApplied);
        knownLastSeq = Math.max(knownLastSeq, lastApplied);
    }

    /** The business date a request ordered now would get. */
    public LocalDate businessDate() { return clock.current(wallToday.get()); }

    /** The other members that are the deployment's own processes: asked at a takeover, fetched from. */
    private List<A> peers() {
        List<A> peers = new ArrayList<>();
        for (A m : members) if (!m.equals(self) && holdsOwnRole(m)) peers.add(m);
        return peers;
    }

    private boolean holdsOwnRole(A member) { return Roles.holdsOwnRole(members, nameOf, member); }

    public boolean awaitingState() { return stash != null; }

    public long delivered() { return holdBack.highestDelivered(); }

    public boolean isSequencer() { return sequencer != null; }

    public boolean quorumLost() { return quorumLost; }

    public A coordinator() { return coordinator; }
}
