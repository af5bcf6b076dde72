package dmtbs.group.node;

import dmtbs.group.msg.ClientRequest;
import dmtbs.group.msg.ClientRequests;
import dmtbs.group.msg.Codec;
import dmtbs.group.msg.FetchReply;
import dmtbs.group.msg.FetchRequest;
import dmtbs.group.msg.Heartbeat;
import dmtbs.group.msg.OrderedBatch;
import dmtbs.group.msg.OrderedRequest;
import dmtbs.group.msg.SyncReply;
import dmtbs.group.msg.SyncRequest;
import dmtbs.group.order.DuplicateFilter;
import dmtbs.group.order.HoldBackQueue;
import dmtbs.group.order.OrderLog;
import dmtbs.sequencer.BusinessClock;
import dmtbs.sequencer.SequencerCore;
import dmtbs.sequencer.Takeover;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.TP;
import org.jgroups.stack.ProtocolStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One process's membership in the replica group. Every process (sequencer, replicas, front end,
 * replica managers) runs one. It delivers the total order to its {@link Role} strictly in sequence
 * order, exactly once, repairing gaps by fetching from peers (JGroups' SEQUENCER gives no virtual
 * synchrony: a batch of a dying sequencer may reach only some members). The member that is the
 * JGroups coordinator is the sequencer: on becoming coordinator it first learns the highest sequence
 * number any member delivered ({@link Takeover}), then numbers new requests after it.
 *
 * <p>Threading: all ordering state is guarded by one lock, taken by the JGroups thread that delivers
 * a message, which handles it there and then (replicas even apply on it): no hand-off to another
 * thread on the request path, since every hand-off is a wake-up that costs latency on a busy host.
 * View changes and timers run on a small scheduler thread under the same lock.
 */
public final class GroupNode implements Receiver, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupNode.class);
    static final ZoneId BUSINESS_ZONE = ZoneId.of("America/Montreal");
    private static final int LOG_CAPACITY = 100_000;
    private static final int MAX_BATCH = 1_024;
    private static final int FETCH_MAX = 4_096;
    private static final long FETCH_RETRY_MILLIS = 150;
    private static final long HEARTBEAT_MILLIS = 200;
    private static final long SYNC_DEADLINE_MILLIS = 2_000;

    private final String name;
    private final GroupConfig config;
    private final Role role;
    private final ScheduledExecutorService loop;
    private final Object lock = new Object();
    private JChannel channel;

    // Guarded by lock.
    private final HoldBackQueue holdBack = new HoldBackQueue(1);
    private final OrderLog orderLog = new OrderLog(LOG_CAPACITY);
    private final DuplicateFilter duplicates = new DuplicateFilter();
    private final BusinessClock clock;
    private long highestEpoch;
    private long knownLastSeq;
    private SequencerCore sequencer;
    private Takeover<Address> takeover;
    private final List<ClientRequest> waitingForTakeover = new ArrayList<>();
    private long lastFetchMillis;
    private int fetchPeerIndex;
    private long lastHeartbeatMillis;
    private boolean warnedNoQuorum;
    /** Non-null while this member waits for a state transfer: ordered requests wait here. */
    private java.util.TreeMap<Long, OrderedRequest> stash;

    // Read from other threads.
    private volatile View view;
    private volatile long delivered;
    private volatile boolean activeSequencer;

    public GroupNode(String name, GroupConfig config, Role role) {
        this.name = name;
        this.config = config;
        this.role = role;
        this.clock = new BusinessClock(config.pinnedDate());
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "group-loop-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    public GroupNode start() throws Exception {
        channel = new JChannel(config.jgroupsConfig());
        channel.setName(name);
        channel.setReceiver(this);
        if (config.discardRate() > 0) setDiscardRate(config.discardRate());
        channel.connect(config.cluster());
        loop.scheduleWithFixedDelay(() -> locked(this::tick), 50, 50, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Drops this fraction of incoming and outgoing messages below the reliability layer (fault injection). */
    public void setDiscardRate(double rate) {
        ProtocolStack stack = channel.getProtocolStack();
        DISCARD discard = stack.findProtocol(DISCARD.class);
        if (discard == null) {
            discard = new DISCARD();
            try {
                stack.insertProtocol(discard, ProtocolStack.Position.ABOVE, TP.class);
                discard.init();
                if (channel.isConnected()) discard.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot insert DISCARD", e);
            }
        }
        discard.setUpDiscardRate(rate);
        discard.setDownDiscardRate(rate);
        log.info("{}: discarding {}% of messages", name, rate * 100);
    }

    // ---------------------------------------------------------------- JGroups callbacks (never block)

    @Override
    public void receive(Message msg) {
        Object m;
        try {
            m = Codec.decode(msg.getArray(), msg.getOffset(), msg.getLength());
        } catch (RuntimeException e) {
            log.warn("{}: undecodable message from {}: {}", name, msg.getSrc(), e.toString());
            return;
        }
        Address from = msg.getSrc();
        Runnable task;
        if (m instanceof OrderedBatch b) task = () -> onBatch(b);
        else if (m instanceof Heartbeat h) task = () -> onHeartbeat(h);
        else if (m instanceof ClientRequests c) task = () -> onClientRequests(c.requests());
        else if (m instanceof SyncRequest s) task = () -> onSyncRequest(from, s);
        else if (m instanceof SyncReply s) task = () -> onSyncReply(from, s);
        else if (m instanceof FetchRequest f) task = () -> onFetchRequest(from, f);
        else if (m instanceof FetchReply f) task = () -> onFetchReply(f);
        else {
            role.received(from, m);
            return;
        }
        locked(task);
    }

    @Override
    public void viewAccepted(View v) {
        view = v;
        log.info("{}: view {}", name, v);
        loop.execute(() -> locked(() -> onView(v)));       // never block a view installation
        role.viewChanged(v);
    }

    // ---------------------------------------------------------------- ordering (loop thread)

    private void onBatch(OrderedBatch b) {
        if (b.epoch() < highestEpoch) return;                 // from a deposed sequencer
        highestEpoch = b.epoch();
        knownLastSeq = Math.max(knownLastSeq, b.lastSeq());
        if (stash != null) {
            for (OrderedRequest r : b.requests()) stash.put(r.seq(), r);
            return;
        }
        deliver(holdBack.offer(b.requests()));
        maybeFetch();
    }

    private void onHeartbeat(Heartbeat h) {
        if (h.epoch() < highestEpoch) return;
        highestEpoch = h.epoch();
        knownLastSeq = Math.max(knownLastSeq, h.lastSeq());
        maybeFetch();
    }

    private void deliver(List<OrderedRequest> inOrder) {
        if (inOrder.isEmpty()) return;
        for (OrderedRequest r : inOrder) {
            orderLog.append(r);
            duplicates.record(r.id(), r.lowWater());
        }
        delivered = holdBack.highestDelivered();
        role.delivered(inOrder);
        checkTakeover();
    }

    /** Asks a peer for the missing range, at most every FETCH_RETRY_MILLIS, rotating peers. */
    private void maybeFetch() {
        if (stash != null) return;                             // nothing to deliver before the state arrives
        HoldBackQueue.Gap gap = holdBack.gapUpTo(knownLastSeq);
        if (gap == null) return;
        long now = System.currentTimeMillis();
        if (now - lastFetchMillis < FETCH_RETRY_MILLIS) return;
        List<Address> peers = peers();
        if (peers.isEmpty()) return;
        lastFetchMillis = now;
        Address preferred = takeover != null ? takeover.holderOfHighest() : view.getCoord();
        Address peer = fetchPeerIndex == 0 && preferred != null && !preferred.equals(channel.getAddress())
                ? preferred : peers.get(fetchPeerIndex % peers.size());
        fetchPeerIndex++;
        send(peer, new FetchRequest(gap.from(), Math.min(gap.to(), gap.from() + FETCH_MAX - 1)));
    }

    private void onFetchRequest(Address from, FetchRequest f) {
        send(from, new FetchReply(orderLog.range(f.fromSeq(), f.toSeq(), FETCH_MAX), orderLog.first()));
    }

    private void onFetchReply(FetchReply f) {
        if (!f.requests().isEmpty()) fetchPeerIndex = 0;
        deliver(holdBack.offer(f.requests()));
        if (f.requests().isEmpty() && f.oldestHeld() > holdBack.next() && !role.needsEveryRequest()) {
            // Peers no longer hold what this member missed; it applies nothing, so it may skip ahead.
            log.warn("{}: skipping to {} (peers hold nothing older)", name, f.oldestHeld());
            deliver(holdBack.resetTo(f.oldestHeld() - 1));
        }
        lastFetchMillis = 0;
        maybeFetch();
    }

    // ---------------------------------------------------------------- the sequencer role (loop thread)

    private void onView(View v) {
        boolean coordinator = v.getCoord().equals(channel.getAddress());
        if (!coordinator) {
            if (sequencer != null || takeover != null) log.info("{}: no longer sequencer", name);
            sequencer = null;
            takeover = null;
            activeSequencer = false;
            return;
        }
        if (sequencer != null || takeover != null) return;     // still coordinator: nothing changes
        long epoch = v.getViewId().getId();
        Set<Address> others = new HashSet<>(v.getMembers());
        others.remove(channel.getAddress());
        takeover = new Takeover<>(epoch, others, holdBack.highestDelivered(),
                System.currentTimeMillis() + SYNC_DEADLINE_MILLIS);
        highestEpoch = Math.max(highestEpoch, epoch);
        log.info("{}: became coordinator in view {}; syncing with {} members", name, epoch, others.size());
        for (Address a : others) send(a, new SyncRequest(epoch));
        checkTakeover();
    }

    private void onSyncRequest(Address from, SyncRequest s) {
        if (s.epoch() < highestEpoch) return;
        highestEpoch = s.epoch();
        if (sequencer != null && sequencer.epoch() < s.epoch()) {
            sequencer = null;
            activeSequencer = false;
        }
        // Requests held back beyond a gap were ordered by the old sequencer and delivered nowhere
        // (or the sync would report them): the new sequencer re-uses their numbers, so forget them.
        holdBack.resetTo(holdBack.highestDelivered());
        knownLastSeq = holdBack.highestDelivered();
        send(from, new SyncReply(s.epoch(), holdBack.highestDelivered()));
    }

    private void onSyncReply(Address from, SyncReply s) {
        if (takeover == null) return;
        takeover.reply(from, s.epoch(), s.highestDelivered());
        checkTakeover();
    }

    private void checkTakeover() {
        if (takeover == null || !takeover.answersComplete(System.currentTimeMillis())) return;
        long target = takeover.highest();
        if (holdBack.highestDelivered() < target) {
            knownLastSeq = Math.max(knownLastSeq, target);
            maybeFetch();
            return;
        }
        OrderedRequest last = orderLog.last();
        if (last != null) clock.observe(last.businessDate());
        sequencer = new SequencerCore(takeover.epoch(), target + 1, duplicates, clock);
        activeSequencer = true;
        log.info("{}: sequencer active, epoch {}, next sequence number {}", name, takeover.epoch(), target + 1);
        takeover = null;
        waitingForTakeover.forEach(sequencer::offer);
        waitingForTakeover.clear();
        heartbeat();
        cut();
    }

    /**
     * A sequencer orders only while its view holds a majority of the replica hosts: in a partition at
     * most one side can, so two sequencers never extend the order at once. Without it, requests are
     * refused (the front end answers Unavailable when its deadline passes).
     */
    private boolean hasReplicaQuorum() {
        View v = view;
        return v != null && v.getMembers().stream().map(String::valueOf).filter(n -> n.matches("R[1-4]")).count()
                >= config.replicaQuorum();
    }

    private void onClientRequests(List<ClientRequest> requests) {
        if (sequencer != null && !hasReplicaQuorum()) {
            if (!warnedNoQuorum) log.warn("{}: fewer than {} replicas in the view: not ordering", name, config.replicaQuorum());
            warnedNoQuorum = true;
            return;
        }
        warnedNoQuorum = false;
        if (sequencer != null) {
            for (ClientRequest r : requests) sequencer.offer(r);
            cut();
        } else if (takeover != null) {
            waitingForTakeover.addAll(requests);
        }
        // Otherwise this member is not the sequencer: the front end re-sends to the coordinator.
    }

    /**
     * Orders everything queued, as few batches as possible. Batches grow naturally under load: the
     * front ends send whatever their callers queued while the previous send was going out.
     */
    private void cut() {
        if (sequencer == null) return;
        if (!hasReplicaQuorum()) {
            sequencer.dropQueued();
            return;
        }
        OrderedBatch b = sequencer.cut(LocalDate.now(BUSINESS_ZONE), MAX_BATCH);
        if (b == null) return;
        multicast(b);
        lastHeartbeatMillis = System.currentTimeMillis();
        if (sequencer.queued() > 0) cut();
    }

    private void heartbeat() {
        lastHeartbeatMillis = System.currentTimeMillis();
        multicast(new Heartbeat(sequencer.epoch(), sequencer.lastSeq(), clock.stamp(LocalDate.now(BUSINESS_ZONE)).toEpochDay()));
    }

    private void tick() {
        checkTakeover();
        maybeFetch();
        if (sequencer != null && System.currentTimeMillis() - lastHeartbeatMillis >= HEARTBEAT_MILLIS) heartbeat();
    }

    // ---------------------------------------------------------------- API for roles (any thread)

    /** Sends requests to the sequencer (the coordinator); the caller re-sends if they are not ordered in time. */
    public void submit(List<ClientRequest> requests) {
        View v = view;
        if (v == null) return;
        if (v.getCoord().equals(channel.getAddress())) {
            locked(() -> onClientRequests(requests));
        } else {
            send(v.getCoord(), new ClientRequests(requests));
        }
    }

    /** Moves the pinned business date forward, if this member becomes (or is) the sequencer. */
    public boolean pinDate(LocalDate date) {
        synchronized (lock) {
            return clock.pin(date);
        }
    }

    public void send(Address to, Object message) {
        try {
            channel.send(new BytesMessage(to, Codec.encode(message)));
        } catch (Exception e) {
            log.warn("{}: cannot send {} to {}: {}", name, message.getClass().getSimpleName(), to, e.toString());
        }
    }

    private void multicast(Object message) { send(null, message); }

    /**
     * Runs {@code task} between two deliveries (replicas: between two applies), e.g. to take a digest
     * at a known sequence number.
     */
    public <T> T between(java.util.function.Supplier<T> task) {
        synchronized (lock) {
            return task.get();
        }
    }

    /**
     * A replacement replica: deliver nothing until a state is installed; keep what is ordered
     * meanwhile. Call before {@link #start()}.
     */
    public void awaitStateTransfer() {
        synchronized (lock) {
            stash = new java.util.TreeMap<>();
        }
    }

    /**
     * The state as of {@code lastApplied} is installed: deliver what was kept after it, and fetch any
     * gap from peers. Call inside {@link #between} (the role's state and the order move together).
     */
    public void stateInstalled(long lastApplied) {
        java.util.TreeMap<Long, OrderedRequest> kept = stash;
        stash = null;
        holdBack.resetTo(lastApplied);
        delivered = holdBack.highestDelivered();
        if (kept != null) deliver(holdBack.offer(List.copyOf(kept.tailMap(lastApplied, false).values())));
        lastFetchMillis = 0;
        maybeFetch();
    }

    public boolean awaitingState() {
        synchronized (lock) {
            return stash != null;
        }
    }

    private List<Address> peers() {
        List<Address> peers = new ArrayList<>(view.getMembers());
        peers.remove(channel.getAddress());
        return peers;
    }

    public View view() { return view; }

    public Address address() { return channel.getAddress(); }

    public String name() { return name; }

    public long delivered() { return delivered; }

    public boolean isSequencer() { return activeSequencer; }

    public GroupConfig config() { return config; }

    private void locked(Runnable r) {
        synchronized (lock) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.error("{}: {}", name, e.toString(), e);
            }
        }
    }

    @Override
    public void close() {
        loop.shutdownNow();
        if (channel != null) channel.close();
    }
}
