package dmtbs.group.node;

import dmtbs.group.msg.ClientRequest;
import dmtbs.group.msg.ClientRequests;
import dmtbs.group.msg.Codec;
import dmtbs.group.msg.DateChange;
import dmtbs.group.msg.OrderedRequest;
import dmtbs.group.msg.RequestId;
import dmtbs.group.msg.Roles;
import dmtbs.group.order.OrderingNode;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.conf.ConfiguratorFactory;
import org.jgroups.conf.ProtocolStackConfigurator;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.TP;
import org.jgroups.stack.ProtocolStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One process's membership in the replica group: the JGroups shell around the pure ordering
 * protocol ({@link OrderingNode}), which every process (sequencer, replicas, front end, replica
 * managers) runs. The member that is the JGroups coordinator is the sequencer.
 *
 * <p>Threading: the protocol state is guarded by one lock, taken by the JGroups thread that delivers
 * a message, which handles it there and then (replicas even apply on it): no hand-off to another
 * thread on the request path, since every hand-off is a wake-up that costs latency on a busy host.
 * For a role that handles messages quickly that thread is the socket reader itself
 * ({@link Role#handlesMessagesQuickly}); a replica's is a JGroups pool thread. View changes and
 * timers run on a small scheduler thread under the same lock.
 */
public final class GroupNode implements Receiver, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupNode.class);
    static final ZoneId BUSINESS_ZONE = ZoneId.of("America/Montreal");

    /**
     * Messages up to this size skip JGroups' flow control. Every flow on the request path is bounded
     * by its own protocol (a front end has one batch in flight, a fetch reply at most 4,096 requests,
     * a batch at most 1,024), and a sender blocked for credits on a thread that reads the socket would
     * wait for credits only that thread can read. Only a state transfer is bigger, sent by a replica
     * from a pool thread.
     */
    static final int NO_FC_MAX_BYTES = 1 << 20;

    private final String name;
    private final GroupConfig config;
    private final Role role;
    private final ScheduledExecutorService loop;
    private final Object lock = new Object();
    private JChannel channel;
    private volatile String messagePolicy;
    private OrderingNode<Address> ordering;                   // guarded by lock

    // Read from other threads.
    private volatile View view;
    private volatile long delivered;
    /** Delivered runs (one per ordered batch, or per repaired range): requests per run = batching. */
    private volatile long deliveredRuns;
    private volatile boolean activeSequencer;
    private volatile String emulatedNetwork;
    private final java.util.concurrent.atomic.AtomicLong decodeFailures = new java.util.concurrent.atomic.AtomicLong();
    private boolean awaitState;
    private Runnable restore;
    private boolean warnedNoQuorum;
    /** This process's identity for the date changes it orders (see {@link #orderDateChange}), and those it waits for, by counter. */
    private final String dateChangeId;
    private final AtomicLong dateChangeCounter = new AtomicLong();
    private final ConcurrentSkipListMap<Long, CompletableFuture<OrderedRequest>> dateChanges = new ConcurrentSkipListMap<>();

    public GroupNode(String name, GroupConfig config, Role role) {
        this.name = name;
        this.config = config;
        this.role = role;
        this.dateChangeId = name + "-date-" + System.currentTimeMillis();
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "group-loop-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Builds the protocol stack without joining (a warm spare does this ahead of time). */
    public GroupNode prepare() throws Exception {
        if (channel == null) {
            // A quick role's messages are handled on the socket reader's thread ("direct", regular
            // messages only); others get JGroups' pool ("max": one pool thread per sender at a time).
            // Set in the transport's configuration, before the stack is built, so that its bundler
            // (which loops our own messages back) uses the same policy as its receivers.
            messagePolicy = System.getProperty("dmtbs.msg_policy", role.handlesMessagesQuickly() ? "direct" : "max");
            ProtocolStackConfigurator stack = ConfiguratorFactory.getStackConfigurator(config.jgroupsConfig());
            stack.getProtocolStack().get(0).getProperties().put("message_processing_policy", messagePolicy);
            channel = new JChannel(stack);
            channel.setName(name);
            if (config.keyFile() != null) GroupKey.protect(channel.getProtocolStack(), GroupKey.read(config.keyFile()));
        }
        return this;
    }

    public GroupNode start() throws Exception {
        prepare();
        channel.setReceiver(this);
        if (config.discardRate() > 0) setDiscardRate(config.discardRate());
        channel.connect(config.cluster());
        loop.scheduleWithFixedDelay(() -> locked(() -> {
            ordering().tick(System.currentTimeMillis());
            activeSequencer = ordering.isSequencer();
            role.tick();
        }), 50, 50, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The protocol, created on first use: JGroups assigns this member's address during connect. */
    private OrderingNode<Address> ordering() {
        if (ordering == null) {
            ordering = new OrderingNode<>(channel.getAddress(), new OrderingNode.Effects<>() {
                @Override public void send(Address to, Object message) { GroupNode.this.send(to, message); }

                @Override public void multicast(Object message) { GroupNode.this.send(null, message); }

                @Override public void deliver(List<OrderedRequest> inOrder) {
                    delivered = inOrder.get(inOrder.size() - 1).seq();
                    deliveredRuns++;                               // written under the lock only
                    if (!dateChanges.isEmpty()) dateChangesDelivered(inOrder);
                    role.delivered(inOrder);
                }

                @Override public void diverged(long fromSeq) { role.diverged(fromSeq); }
            }, String::valueOf, config.replicaQuorum(), role.needsEveryRequest(), config.pinnedDate(),
                    () -> LocalDate.now(BUSINESS_ZONE));
            if (awaitState) ordering.awaitStateTransfer();
            if (restore != null) restore.run();
        }
        return ordering;
    }

    /** Drops this fraction of incoming and outgoing messages below the reliability layer (fault injection). */
    public void setDiscardRate(double rate) {
        DISCARD discard = justAboveTransport(DISCARD.class, DISCARD::new);
        discard.setUpDiscardRate(rate);
        discard.setDownDiscardRate(rate);
        log.info("{}: discarding {}% of messages", name, rate * 100);
    }

    /** Messages the injected loss ({@link #setDiscardRate}) dropped so far, sent and received: a test's proof that it happened. */
    public long dropped() {
        DISCARD d = channel == null ? null : channel.getProtocolStack().findProtocol(DISCARD.class);
        if (d == null) return 0;
        return ((Number) d.getValue("num_down")).longValue() + ((Number) d.getValue("num_up")).longValue();
    }

    /**
     * A LAN's latency and loss, inside the stack (where the kernel has no netem): every message this
     * member sends leaves {@code delayMillis} late and a fraction {@code loss} of them is lost, below
     * the reliability layer that then resends them ({@link NetworkEmulation}).
     */
    public void emulateNetwork(int delayMillis, double loss) {
        justAboveTransport(NetworkEmulation.class, () -> new NetworkEmulation(name.hashCode())).set(delayMillis, loss);
        emulatedNetwork = delayMillis == 0 && loss == 0 ? null : delayMillis + " ms late, " + loss * 100 + "% lost";
        log.info("{}: every message sent {} ms late, {}% lost", name, delayMillis, loss * 100);
    }

    /** What {@link #emulateNetwork} does to this member's messages; null when nothing. */
    public String emulatedNetwork() { return emulatedNetwork; }

    /** The protocol of that class right above the transport, inserted and started there on first use. */
    private <P extends org.jgroups.stack.Protocol> P justAboveTransport(Class<P> type, java.util.function.Supplier<P> create) {
        ProtocolStack stack = channel.getProtocolStack();
        P p = stack.findProtocol(type);
        if (p != null) return p;
        p = create.get();
        try {
            stack.insertProtocol(p, ProtocolStack.Position.ABOVE, TP.class);
            p.init();
            if (channel.isConnected()) p.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot insert " + type.getSimpleName(), e);
        }
        return p;
    }

    // ---------------------------------------------------------------- JGroups callbacks

    @Override
    public void receive(Message msg) {
        if (Thread.holdsLock(lock)) {
            // Our own message, looped back by JGroups on the very thread that is sending it from inside
            // a protocol step (direct processing and UNICAST3 loopback, jgroups-udp.xml): the sequencer's
            // batches and heartbeats. Take it up after that step, on the loop thread.
            try {
                loop.execute(() -> receive(msg));
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // closing: nothing is delivered any more
            }
            return;
        }
        Object m;
        try {
            m = Codec.decode(msg.getArray(), msg.getOffset(), msg.getLength());
        } catch (RuntimeException e) {
            // Dropped and counted. Logged at 1, 2, 4, 8, … so that a flood of garbage cannot fill the disk.
            long n = decodeFailures.incrementAndGet();
            if (Long.bitCount(n) == 1) log.warn("{}: undecodable message from {} ({} so far): {}", name, msg.getSrc(), n, e.toString());
            return;
        }
        boolean[] handled = new boolean[1];
        locked(() -> {
            handled[0] = ordering().onMessage(msg.getSrc(), m, System.currentTimeMillis());
            afterStep();
        });
        if (!handled[0]) role.received(msg.getSrc(), m);
    }

    @Override
    public void viewAccepted(View v) {
        view = v;
        log.info("{}: view {}", name, v);
        // Never block a view installation: the protocol hears of the view on the scheduler thread.
        loop.execute(() -> locked(() -> {
            boolean wasSequencer = ordering().isSequencer();
            ordering.onView(v.getViewId().getId(), v.getMembers(), System.currentTimeMillis());
            afterStep();
            if (ordering.isSequencer() && !wasSequencer) {
                log.info("{}: sequencer active in view {}, continuing after seq {}", name, v.getViewId().getId(), ordering.delivered());
            }
        }));
        role.viewChanged(v);
    }

    private void afterStep() {
        activeSequencer = ordering.isSequencer();
        if (ordering.quorumLost() && !warnedNoQuorum) {
            log.warn("{}: fewer than {} replicas in the view: not ordering", name, config.replicaQuorum());
        }
        warnedNoQuorum = ordering.quorumLost();
    }

    // ---------------------------------------------------------------- API for roles (any thread)

    /** Sends requests to the sequencer (the coordinator); the caller re-sends if they are not ordered in time. */
    public void submit(List<ClientRequest> requests) {
        View v = view;
        if (v == null) return;
        if (v.getCoord().equals(channel.getAddress())) {
            locked(() -> {
                ordering().onClientRequests(requests, System.currentTimeMillis());
                afterStep();
            });
        } else {
            send(v.getCoord(), new ClientRequests(requests));
        }
    }

    /** The business date a request ordered now would get, as this member's clock sees it. */
    public LocalDate businessDate() {
        synchronized (lock) {
            return ordering().businessDate();
        }
    }

    /**
     * Orders a move of the business date ({@link DateChange}) and waits until this member delivers it,
     * sending it again every second meanwhile (a new sequencer drops what it had queued; the duplicate
     * filter orders it once). Returns it as ordered, or null if it was not delivered in time: then it
     * may still be. Call on a thread of its own, never under the node's lock.
     */
    public OrderedRequest orderDateChange(LocalDate date, long timeoutMillis) throws InterruptedException {
        long counter = dateChangeCounter.incrementAndGet();
        CompletableFuture<OrderedRequest> ordered = new CompletableFuture<>();
        dateChanges.put(counter, ordered);
        try {
            // The low-water mark is the oldest change still waiting here, so a slower one is never taken for done.
            List<ClientRequest> change = List.of(new ClientRequest(new RequestId(dateChangeId, counter), dateChanges.firstKey(),
                    channel.getAddress(), null, new DateChange(date)));
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                submit(change);
                try {
                    return ordered.get(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                } catch (TimeoutException notYet) {
                    // again
                } catch (ExecutionException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
            return null;
        } finally {
            dateChanges.remove(counter);
        }
    }

    /** Under the lock: completes the waits of {@link #orderDateChange} for the changes of this process just delivered. */
    private void dateChangesDelivered(List<OrderedRequest> inOrder) {
        for (OrderedRequest r : inOrder) {
            if (r.dateChange() == null || !r.id().frontEnd().equals(dateChangeId)) continue;
            CompletableFuture<OrderedRequest> waiting = dateChanges.get(r.id().counter());
            if (waiting != null) waiting.complete(r);
        }
    }

    public void send(Address to, Object message) {
        try {
            byte[] bytes = Codec.encode(message);
            Message m = new BytesMessage(to, bytes);
            if (bytes.length <= NO_FC_MAX_BYTES) m.setFlag(Message.Flag.NO_FC);
            channel.send(m);
        } catch (Exception e) {
            log.warn("{}: cannot send {} to {}: {}", name, message.getClass().getSimpleName(), to, e.toString());
        }
    }

    /**
     * Runs {@code task} between two deliveries (replicas: between two applies), e.g. to take a digest
     * at a known sequence number.
     */
    public <T> T between(java.util.function.Supplier<T> task) {
        synchronized (lock) {
            return task.get();
        }
    }

    /** A replacement replica: deliver nothing until a state is installed. Call before {@link #start()}. */
    public void awaitStateTransfer() {
        synchronized (lock) {
            awaitState = true;
            if (ordering != null) ordering.awaitStateTransfer();
        }
    }

    /**
     * A member that kept its history on disk continues after {@code lastApplied} (see
     * {@link OrderingNode#restore}). Call before {@link #start()}.
     */
    public void restore(long lastApplied, long lastBusinessDay, List<OrderedRequest> tail, List<byte[]> encodings) {
        synchronized (lock) {
            delivered = lastApplied;
            restore = () -> ordering.restore(lastApplied, lastBusinessDay, tail, encodings);
            if (ordering != null) restore.run();
        }
    }

    /** The state as of {@code lastApplied} is installed. Call inside {@link #between}. */
    public void stateInstalled(long lastApplied) {
        delivered = lastApplied;
        ordering().stateInstalled(lastApplied, System.currentTimeMillis());
    }

    public View view() { return view; }

    /** Whether {@code from} holds the role {@code name} in the current view: the first member of that name ({@link Roles}). */
    public boolean holds(Address from, String name) {
        View v = view;
        return v != null && Roles.holds(v.getMembers(), String::valueOf, from, name);
    }

    /** The member that holds the role {@code name} in the current view ({@link Roles}), or null. */
    public Address holder(String name) {
        View v = view;
        if (v == null) return null;
        for (Address a : v.getMembers()) if (name.equals(String.valueOf(a))) return a;
        return null;
    }

    /**
     * A process's incarnation: its group address in full (a UUID; the name it prints as is the same
     * for a replica and its replacement). Null for no address.
     */
    public static String incarnation(Address a) {
        if (a == null) return null;
        return a instanceof org.jgroups.util.UUID u ? u.toStringLong() : String.valueOf(a);
    }

    public Address address() { return channel.getAddress(); }

    public String name() { return name; }

    /** How JGroups hands this process its messages: "direct" (on the socket reader) or "max" (pool). */
    public String messagePolicy() { return messagePolicy; }

    JChannel channel() { return channel; }

    public long delivered() { return delivered; }

    /** Messages that failed to decode (garbage, a lying length field): dropped, counted here. */
    public long decodeFailures() { return decodeFailures.get(); }

    public long deliveredRuns() { return deliveredRuns; }

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
        synchronized (lock) {
            role.closing();
        }
    }
}
