package dmtbs.simulation;

import dmtbs.booking.Request;
import dmtbs.booking.Result;
import dmtbs.booking.fault.FaultyMachine;
import dmtbs.catalog.Implementations;
import dmtbs.catalog.RandomWorkload;
import dmtbs.frontend.FrontEndCore;
import dmtbs.group.msg.Checkpoint;
import dmtbs.group.msg.CheckpointReport;
import dmtbs.group.msg.ClientRequest;
import dmtbs.group.msg.ClientRequests;
import dmtbs.group.msg.OrderedBatch;
import dmtbs.group.msg.OrderedRequest;
import dmtbs.group.msg.ReplicaNames;
import dmtbs.group.msg.ReplicaResult;
import dmtbs.group.msg.Report;
import dmtbs.group.msg.RequestId;
import dmtbs.group.msg.ResultBatch;
import dmtbs.group.msg.RmMessage;
import dmtbs.group.order.OrderingNode;
import dmtbs.replica.SnapshotCollector;
import dmtbs.rm.ManagerCore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The whole cluster in one JVM under a seeded scheduler (TigerBeetle VOPR style). Every decision is
 * made by the objects the processes run: each member's {@link OrderingNode}, the four
 * implementations, the front end's {@link FrontEndCore} and each manager's {@link ManagerCore}. What
 * the simulation plays is only the world around them: a network that delays, loses, duplicates and
 * reorders messages and can be cut, JGroups' views (failure detection after a delay, merges after a
 * partition heals; messages from members not in the receiver's view are dropped, as NAKACK2 does),
 * processes that crash, freeze, answer wrongly or have their state silently damaged, and the managers'
 * process supervisors. No wall clock: simulated milliseconds only, so a seed always replays the same run.
 */
final class SimCluster {

    static final List<String> REPLICAS = List.of("R1", "R2", "R3", "R4");
    static final List<String> MANAGERS = List.of("RM1", "RM2", "RM3", "RM4");
    /** Two front ends, as a deployment with FrontEnd2 has: clients use either. */
    static final List<String> FRONT_ENDS = List.of("FrontEnd", "FrontEnd2");
    /** -Ddmtbs.sim.trace=true prints every ordered batch and view installation (for one seed). */
    static final boolean TRACE = Boolean.getBoolean("dmtbs.sim.trace");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    private static final long TICK = 50;
    private static final long WATCH = 1_000;
    private static final long FRONT_END_DEADLINE = 5_000;
    private static final long AUDIT_PERIOD = 1_500;
    /** FD_ALL3 + VERIFY_SUSPECT2: a silent member leaves the others' views this long after it went silent. */
    static final long EXCLUSION = 3_000;

    /** The protocol constants each core is built with; a planted bug changes one of them. */
    record Settings(int matching, int electorate, int replicaQuorum) {
        static final Settings CORRECT = new Settings(FrontEndCore.MATCHING, ReplicaNames.COUNT, 3);
    }

    private record Event(long time, long order, Runnable action) {}

    final long seed;
    final SplittableRandom random;
    final Settings settings;
    final Invariants check = new Invariants();
    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.time != b.time
            ? Long.compare(a.time, b.time) : Long.compare(a.order, b.order));
    private long order;
    long now;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    /** The members the failure detector keeps: every live, not excluded process, in joining order. */
    private final List<String> view = new ArrayList<>();
    private long viewId = 1;
    final double loss;
    final double duplication;
    final int maxDelay;
    final List<String> faults = new ArrayList<>();
    /** Incarnations that were given a fault: only these may ever be replaced. */
    private final Set<String> faulty = new HashSet<>();
    /** The incarnations cut off from the rest, and whether the views split yet (after {@link #EXCLUSION}). */
    private Set<String> cut = Set.of();
    private boolean split;
    private long healAt;

    long answered;
    long unavailable;
    /** When the last fault drawn ends (a crash at once, a freeze or a cut after its duration). */
    long quietFrom;

    final class Node {
        final String name;
        final int incarnation;
        final OrderingNode<String> ordering;
        final FaultyMachine machine;
        final ManagerCore manager;
        final FrontEndCore frontEnd;
        boolean wrong;
        boolean corrupt;
        SnapshotCollector recovery;                 // a replacement waiting for its state
        boolean crashed;
        boolean frozen;
        List<String> myView = List.of();
        Map<String, String> viewHolders = Map.of();
        long myViewId;
        final List<Runnable> inbox = new ArrayList<>();

        Node(String name, int incarnation) {
            this.name = name;
            this.incarnation = incarnation;
            boolean replica = REPLICAS.contains(name);
            this.machine = replica ? new FaultyMachine(Implementations.create(Implementations.NAMES.get(REPLICAS.indexOf(name))), seed) : null;
            this.manager = MANAGERS.contains(name) ? manager(this) : null;
            this.frontEnd = FRONT_ENDS.contains(name) ? frontEnd(this) : null;
            this.ordering = new OrderingNode<>(name, new OrderingNode.Effects<>() {
                @Override public void send(String to, Object message) { net(Node.this.name, to, message); }

                @Override public void multicast(Object message) {
                    if (TRACE && message instanceof OrderedBatch b) {
                        System.out.println(now + " " + Node.this.name + " view" + myView + " multicasts epoch " + b.epoch() + " seqs "
                                + b.firstSeq() + ".." + b.lastSeq() + " " + b.requests().stream().map(x -> x.id().toString()).toList());
                    }
                    for (String m : List.copyOf(myView)) net(Node.this.name, m, message);
                }

                @Override public void deliver(List<OrderedRequest> inOrder) { Node.this.deliver(inOrder); }

                @Override public void diverged(long fromSeq) { halts(Node.this, fromSeq); }
            }, n -> n, settings.replicaQuorum(), replica, TODAY, () -> TODAY);
        }

        /** The checker knows every incarnation of a replica as a member of its own. */
        String id() { return incarnation == 0 ? name : name + "#" + incarnation; }

        void deliver(List<OrderedRequest> inOrder) {
            if (TRACE && machine != null) System.out.println(now + " " + id() + " delivers " + inOrder.get(0).seq() + ".." + inOrder.get(inOrder.size() - 1).seq());
            List<ReplicaResult> results = new ArrayList<>();
            for (OrderedRequest r : inOrder) {
                if (machine != null) check.delivered(id(), r.seq(), r.id());
                if (machine != null && r.dateChange() != null) {
                    check.applied(id(), r.seq(), "DATE " + r.dateChange(), honest());   // takes a number, applies nothing
                } else if (machine != null && r.checkpoint() != null) {
                    checkpoint(r);
                } else if (machine != null) {
                    Result result = machine.apply(r.request(), r.businessDate());
                    check.applied(id(), r.seq(), result.canonical(), honest());
                    results.add(new ReplicaResult(r.seq(), r.id(), result));
                }
            }
            if (frontEnd != null) frontEnd.delivered(inOrder, () -> holdersArray(viewHolders));
            // Each front end gets the results of its own requests (the request names it).
            Map<String, List<ReplicaResult>> byFrontEnd = new LinkedHashMap<>();
            for (ReplicaResult rr : results) byFrontEnd.computeIfAbsent(owner(rr.id()), k -> new ArrayList<>()).add(rr);
            byFrontEnd.forEach((fe, rs) -> net(name, fe, new ResultBatch(name, machine.name(), rs)));
        }

        /** As the replica does: its digest to every manager, and its state to a replacement that asked. */
        private void checkpoint(OrderedRequest r) {
            String digest = machine.digest();
            check.applied(id(), r.seq(), "CHECKPOINT " + digest, honest());
            for (String m : myView) if (MANAGERS.contains(m)) net(name, m, new CheckpointReport(name, machine.name(), r.seq(), digest, 0, null));
            String to = r.checkpoint().stateFor();
            if (to != null && !to.equals(name)) net(name, to, new CheckpointReport(name, machine.name(), r.seq(), digest, 0, machine.exportState()));
        }

        boolean honest() { return !wrong && !corrupt; }

        /** Runs an event at this node: not while frozen (it waits), never after a crash. */
        void run(Runnable r) {
            if (crashed) return;
            if (frozen) inbox.add(r);
            else r.run();
        }
    }

    SimCluster(long seed) { this(seed, Settings.CORRECT); }

    SimCluster(long seed, Settings settings) {
        this.seed = seed;
        this.settings = settings;
        this.random = new SplittableRandom(seed);
        this.loss = new double[] {0, 0.01, 0.05}[random.nextInt(3)];
        this.duplication = random.nextInt(3) == 0 ? 0.02 : 0;
        this.maxDelay = new int[] {2, 10, 30}[random.nextInt(3)];
        this.workload = new RandomWorkload(seed);
        for (String n : List.of("Sequencer", "RM1", "RM2", "RM3", "RM4", "R1", "R2", "R3", "R4", "FrontEnd", "FrontEnd2")) {
            nodes.put(n, new Node(n, 0));
            view.add(n);
        }
        installView();
        at(TICK, this::tick);
    }

    final RandomWorkload workload;

    private void at(long time, Runnable action) { events.add(new Event(time, order++, action)); }

    private static long nanos(long millis) { return millis * 1_000_000L; }

    // ---------------------------------------------------------------- the network

    /**
     * The network as our protocol sees it through JGroups: random delay (so reordering), a lost packet
     * arrives late (NAKACK2/UNICAST3 retransmit it after 100-300 ms), duplicates; a crashed sender's
     * messages not yet delivered are lost once the receiver has a view without it (NAKACK2 drops
     * non-members' messages): the partial multicast the gap repair exists for. Across a cut, a message
     * is retransmitted once the cut heals, unless the views split meanwhile.
     */
    private void net(String from, String to, Object message) {
        Node sender = nodes.get(from);
        if (sender.crashed) return;
        int copies = random.nextDouble() < duplication ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            long delay = 1 + random.nextInt(maxDelay) + (random.nextDouble() < loss ? 100 + random.nextInt(200) : 0);
            Node target = nodes.get(to);                      // the incarnation addressed now
            at(now + delay, () -> arrive(sender, target, message));
        }
    }

    private void arrive(Node sender, Node target, Object message) {
        // Nobody can retransmit for a dead sender: its messages in flight reach any subset.
        if (sender.crashed && random.nextBoolean()) return;
        if (separated(sender, target)) {
            if (!split) at(healAt + 1 + random.nextInt(maxDelay), () -> arrive(sender, target, message));
            return;
        }
        target.run(() -> {
            if (!inViewOf(target, sender)) return;
            receive(target, sender, message);
        });
    }

    /**
     * Whether the receiver's view holds this very process: a replica's replacement has the old one's
     * name but another address, and the old one's late messages are not the new one's.
     */
    private static boolean inViewOf(Node receiver, Node sender) {
        String holder = receiver.viewHolders.get(sender.name);
        return holder != null ? holder.equals(sender.id()) : receiver.myView.contains(sender.name);
    }

    private boolean separated(Node a, Node b) { return cut.contains(a.id()) != cut.contains(b.id()); }

    private void receive(Node target, Node sender, Object message) {
        String from = sender.name;
        if (TRACE && (message instanceof dmtbs.group.msg.SyncReply || message instanceof dmtbs.group.msg.SyncDone
                || message instanceof dmtbs.group.msg.SyncRequest || message instanceof dmtbs.group.msg.FetchReply)) {
            System.out.println(now + " " + target.id() + " <- " + sender.id() + " " + message);
        }
        if (target.ordering.onMessage(from, message, now)) return;
        if (message instanceof ResultBatch rb && target.frontEnd != null) {
            target.frontEnd.results(REPLICAS.indexOf(rb.replica()), sender.id(), rb.results(), nanos(now));
        } else if (message instanceof CheckpointReport c && target.recovery != null && c.state() != null) {
            install(target, c);
        } else if (target.manager != null) {
            ManagerCore m = target.manager;
            if (message instanceof Report r) {
                m.report(r, now);
                if (r.kind() == Report.Kind.LATE && r.replica().equals(m.replica())) watch(target);
            } else if (message instanceof RmMessage.Proposal p) {
                m.proposal(from, p, now);
            } else if (message instanceof RmMessage.Vote v) {
                m.vote(v, now);
            } else if (message instanceof RmMessage.Replaced x) {
                m.replacedElsewhere(x);
            } else if (message instanceof CheckpointReport c) {
                m.checkpoint(c, now);
            }
        }
    }

    /** Sends client requests (or a checkpoint) to the coordinator of the sender's view, as GroupNode.submit does. */
    private void submit(Node from, List<ClientRequest> requests) {
        if (from.myView.isEmpty()) return;
        String coordinator = from.myView.get(0);
        if (coordinator.equals(from.name)) from.ordering.onClientRequests(requests, now);
        else net(from.name, coordinator, new ClientRequests(requests));
    }

    // ---------------------------------------------------------------- views

    /** Installs the next view at every member; while the views are split, each side gets its own. */
    private void installView() {
        viewId++;
        List<String> main = new ArrayList<>();
        List<String> cutOff = new ArrayList<>();
        for (String m : view) (split && cut.contains(nodes.get(m).id()) ? cutOff : main).add(m);
        install(main);
        if (!cutOff.isEmpty()) install(cutOff);
    }

    private void install(List<String> members) {
        List<String> snapshot = List.copyOf(members);
        Map<String, String> holders = new HashMap<>();
        for (String m : snapshot) if (REPLICAS.contains(m)) holders.put(m, nodes.get(m).id());
        long id = viewId;
        for (String m : snapshot) {
            Node n = nodes.get(m);
            at(now + random.nextInt(20), () -> n.run(() -> {
                if (TRACE) System.out.println(now + " " + n.name + " installs view " + id + " " + snapshot);
                if (id <= n.myViewId) return;                  // JGroups installs views in order
                n.myViewId = id;
                n.myView = snapshot;
                n.viewHolders = holders;
                n.ordering.onView(id, snapshot, now);
                if (n.manager != null) n.manager.view(snapshot, holders, now);
                if (n.frontEnd != null) n.frontEnd.viewChanged(nanos(now));
            }));
        }
    }

    private static String[] holdersArray(Map<String, String> holders) {
        String[] h = new String[REPLICAS.size()];
        for (int i = 0; i < h.length; i++) h[i] = holders.get(REPLICAS.get(i));
        return h;
    }

    private void tick() {
        for (Node n : List.copyOf(nodes.values())) {
            n.run(() -> {
                n.ordering.tick(now);
                if (n.manager != null) {
                    n.manager.tick(now, n.ordering.delivered());
                    if (now % WATCH == 0) watch(n);
                }
                if (n.frontEnd != null) n.frontEnd.sweep(nanos(now), () -> holdersArray(n.viewHolders));
            });
        }
        at(now + TICK, this::tick);
    }

    // ---------------------------------------------------------------- the managers' world: supervisor and processes

    private static String managerOf(String replica) { return "RM" + replica.substring(1); }

    private static String replicaOf(String manager) { return "R" + manager.substring(2); }

    private ManagerCore manager(Node rm) {
        return new ManagerCore(rm.name, replicaOf(rm.name), settings.electorate(), AUDIT_PERIOD, now, new ManagerCore.Effects() {
            @Override public void send(String manager, Object message) { net(rm.name, manager, message); }

            @Override public void replace(String reason) {
                replaceReplica(replicaOf(rm.name), reason);
                at(now + 1, () -> rm.run(() -> rm.manager.replacementStarted(now)));
            }

            @Override public void orderCheckpoint(RequestId id, long lowWater) {
                submit(rm, List.of(new ClientRequest(id, lowWater, null, null, new Checkpoint(null))));
            }
        });
    }

    /** What the manager's supervisor sees of its replica's process (a frozen one does not answer its ping; a cut-off one does). */
    private void watch(Node rm) {
        Node r = nodes.get(replicaOf(rm.name));
        boolean alive = !r.crashed;
        boolean ask = rm.manager.wantsAnswering(now);
        rm.manager.process(new ManagerCore.ProcessFacts(true, alive, ask ? alive && !r.frozen : null), now);
    }

    /** Kills the replica's current process and starts a new one that recovers by state transfer. */
    private void replaceReplica(String replica, String reason) {
        Node old = nodes.get(replica);
        check.replaced(old.id(), reason, faulty.contains(old.id()));
        if (!old.crashed) {
            old.crashed = true;
            check.crashed(old.id());
        }
        Node fresh = new Node(replica, old.incarnation + 1);
        fresh.recovery = new SnapshotCollector();
        fresh.ordering.awaitStateTransfer();
        nodes.put(replica, fresh);
        faults.add(now + " ms: " + replica + " replaced (" + reason + ")");
        view.remove(replica);
        view.add(replica);
        installView();
        askForState(fresh, 1);
    }

    /** The replacement orders a checkpoint naming itself, again every 3 s until it has a state. */
    private void askForState(Node fresh, long attempt) {
        at(now + 300, () -> fresh.run(() -> {
            if (fresh.recovery == null || fresh.myView.isEmpty()) return;
            submit(fresh, List.of(new ClientRequest(new RequestId(fresh.name + "-recover-" + fresh.id(), attempt), attempt, null, null,
                    new Checkpoint(fresh.name))));
            at(now + 3_000, () -> askForState(fresh, attempt + 1));
        }));
    }

    private void install(Node fresh, CheckpointReport c) {
        SnapshotCollector.Accepted a = fresh.recovery.offer(c);
        if (a == null) return;
        fresh.recovery = null;
        fresh.machine.importState(a.state());
        check.installed(fresh.id(), a.seq());
        fresh.ordering.stateInstalled(a.seq(), now);
    }

    // ---------------------------------------------------------------- faults

    private Node faultOn(String name, String what) {
        Node n = nodes.get(name);
        if (n.crashed) return null;
        faulty.add(n.id());
        faults.add(now + " ms: " + what + " " + n.id());
        return n;
    }

    void crashAt(long time, String name) {
        quietFrom = Math.max(quietFrom, time);
        at(time, () -> {
            Node n = faultOn(name, "crash");
            if (n == null) return;
            n.crashed = true;
            check.crashed(n.id());
            if (REPLICAS.contains(name)) at(now + 10, () -> nodes.get(managerOf(name)).run(() -> watch(nodes.get(managerOf(name)))));
            at(now + 50 + random.nextInt(250), () -> leaves(n));  // FD_SOCK2 notices, GMS installs a view
        });
    }

    /** A replica that applied a deposed sequencer's order stops (as ReplicaRole does); its manager sees the exit. */
    private void halts(Node n, long fromSeq) {
        n.crashed = true;
        check.crashed(n.id());
        faults.add(now + " ms: " + n.id() + " stopped: it applied an order the group never had, from seq " + fromSeq);
        Node rm = nodes.get(managerOf(n.name));
        at(now + 10, () -> rm.run(() -> watch(rm)));
        at(now + 50 + random.nextInt(250), () -> leaves(n));
    }

    /** The failure detector removes {@code n} from the view, unless a replacement already holds its name. */
    private void leaves(Node n) {
        // Members are named, not addressed, here: once a replacement holds the name, the view is its
        // own (it removed the old one when it joined). Removing the name then took the replacement
        // out of the view for good (seed 8250 of 10,000).
        if (nodes.get(n.name) != n || !view.contains(n.name)) return;
        view.remove(n.name);
        installView();
    }

    /**
     * SIGSTOP for a while. Past {@link #EXCLUSION} the others exclude it; its manager finds it not
     * answering and has it replaced; thawed before that, it merges back (MERGE3) after a while.
     */
    void freezeAt(long time, String name, long duration) {
        quietFrom = Math.max(quietFrom, time + duration);
        at(time, () -> {
            Node n = faultOn(name, "freeze for " + duration + " ms:");
            if (n == null) return;
            n.frozen = true;
            at(now + EXCLUSION, () -> {
                if (n.frozen) leaves(n);
            });
            at(now + duration, () -> {
                if (n.crashed) return;
                n.frozen = false;
                List<Runnable> waiting = List.copyOf(n.inbox);
                n.inbox.clear();
                waiting.forEach(Runnable::run);
                if (!view.contains(n.name)) rejoins(n, 500 + random.nextInt(2_000));
            });
        });
    }

    /** A member that was excluded but lives merges back, unless it was replaced meanwhile. */
    private void rejoins(Node n, long after) {
        at(now + after, () -> {
            if (n.crashed || nodes.get(n.name) != n || view.contains(n.name)) return;
            view.add(n.name);
            installView();
        });
    }

    /**
     * Cuts {@code members} off from the others for {@code duration}: messages across the cut are held
     * (retransmitted after it heals), and after {@link #EXCLUSION} each side installs a view of its
     * own; on healing, MERGE3 merges the views again after a while.
     */
    void partitionAt(long time, List<String> members, long duration) {
        quietFrom = Math.max(quietFrom, time + duration);
        at(time, () -> {
            Set<String> ids = new HashSet<>();
            for (String m : members) {
                Node n = faultOn(m, "cut off for " + duration + " ms:");
                if (n != null) ids.add(n.id());
            }
            if (ids.isEmpty() || !cut.isEmpty()) return;
            cut = ids;
            healAt = now + duration;
            Set<String> thisCut = ids;
            at(now + EXCLUSION, () -> {
                if (cut != thisCut) return;
                split = true;
                installView();
            });
            at(healAt, () -> {
                boolean wasSplit = split;
                cut = Set.of();
                split = false;
                if (wasSplit) at(now + 500 + random.nextInt(2_000), this::installView);
            });
        });
    }

    void wrongAt(long time, String name) {
        at(time, () -> {
            Node n = faultOn(name, "answers wrongly:");
            if (n == null) return;
            n.wrong = true;
            n.machine.setMode(FaultyMachine.Mode.BYZANTINE);
        });
    }

    /** Silently damages a replica's state: its digest differs at once, its answers only when a request depends on it. */
    void corruptAt(long time, String name) {
        at(time, () -> {
            Node n = faultOn(name, "state corrupted:");
            if (n == null || n.recovery != null) return;
            n.corrupt = true;
            n.machine.corruptState();
        });
    }

    // ---------------------------------------------------------------- the front end

    /** The member that sent a request: its ID begins with that member's name. */
    private static String owner(RequestId id) { return id.frontEnd().substring(0, id.frontEnd().indexOf('-')); }

    private FrontEndCore frontEnd(Node fe) {
        return new FrontEndCore(fe.name + "-1", FRONT_END_DEADLINE, settings.matching(), new FrontEndCore.Effects() {
            @Override public void submit(List<ClientRequest> requests) { SimCluster.this.submit(fe, requests); }

            @Override public void report(Report r) {
                for (String m : fe.myView) if (MANAGERS.contains(m)) net(fe.name, m, r);
            }
        });
    }

    /** A client's call through either front end. */
    void submitAt(long time, Request request) {
        String through = FRONT_ENDS.get(random.nextInt(FRONT_ENDS.size()));
        at(time, () -> {
            Node fe = nodes.get(through);
            fe.run(() -> {
                FrontEndCore.Call call = fe.frontEnd.execute(request, null, null, nanos(now));
                call.answer().whenComplete((result, error) -> {
                    if (error != null) {
                        unavailable++;
                    } else {
                        answered++;
                        check.answered(call.id(), result.canonical());
                    }
                });
            });
        });
    }

    int pendingCount() { return FRONT_ENDS.stream().mapToInt(f -> nodes.get(f).frontEnd.pendingCount()).sum(); }

    /** Runs the simulation until {@code until} (simulated ms). */
    void runUntil(long until) {
        while (!events.isEmpty() && events.peek().time <= until && check.violation() == null) {
            Event e = events.poll();
            now = e.time;
            e.action.run();
        }
        now = until;
    }

    /** Who is where: for failure reports. */
    String describe() {
        StringBuilder sb = new StringBuilder("view " + view + "; ");
        for (Node n : nodes.values()) {
            sb.append(n.id()).append(n.crashed ? "(crashed)" : n.frozen ? "(frozen)" : "")
                    .append(" view=").append(n.myView)
                    .append(" delivered=").append(n.ordering.delivered())
                    .append(n.ordering.isSequencer() ? " SEQUENCER" : "")
                    .append(" coord=").append(n.ordering.coordinator()).append("; ");
        }
        return sb.append("FE pending ").append(pendingCount()).toString();
    }

    /** Correct replicas (current incarnations) still members: last applied sequence number and digest. */
    Map<String, String> correctReplicaStates() {
        Map<String, String> out = new TreeMap<>();
        for (String r : REPLICAS) {
            Node n = nodes.get(r);
            if (n.crashed || n.frozen || !n.honest()) continue;
            out.put(n.id(), n.recovery != null ? "still recovering" : check.lastApplied(n.id()) + " " + n.machine.digest());
        }
        return out;
    }

    /** How many replica incarnations the managers started for {@code reason}. */
    long replacements(String reason) { return faults.stream().filter(f -> f.contains("replaced (" + reason + ")")).count(); }
}
