package dmtbs.simulation;

import dmtbs.booking.BookingMachine;
import dmtbs.booking.Request;
import dmtbs.booking.Result;
import dmtbs.booking.fault.FaultyMachine;
import dmtbs.catalog.Implementations;
import dmtbs.catalog.RandomWorkload;
import dmtbs.frontend.Tally;
import dmtbs.frontend.MismatchStreaks;
import dmtbs.group.msg.Checkpoint;
import dmtbs.group.msg.CheckpointReport;
import dmtbs.group.msg.ClientRequest;
import dmtbs.group.msg.Report;
import dmtbs.group.msg.RmMessage;
import dmtbs.replica.SnapshotCollector;
import dmtbs.rm.Agreement;
import dmtbs.rm.ReplicaHealth;
import dmtbs.group.msg.ClientRequests;
import dmtbs.group.msg.OrderedRequest;
import dmtbs.group.msg.ReplicaResult;
import dmtbs.group.msg.RequestId;
import dmtbs.group.msg.ResultBatch;
import dmtbs.group.order.OrderingNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The whole cluster in one JVM under a seeded scheduler (TigerBeetle VOPR style): the sequencer,
 * four replicas and a front end run the real protocol code ({@link OrderingNode}, the four
 * implementations, the front end's {@link Tally}) over a simulated network that delays, loses,
 * duplicates and reorders messages, with crashes, a frozen member, a wrong replica and a sequencer
 * crash drawn from the seed. Views follow failure detection after a delay; messages from members no
 * longer in the receiver's view are dropped, as JGroups' NAKACK2 does. No wall clock: simulated
 * milliseconds only, so a seed always replays the same run.
 */
final class SimCluster {

    static final List<String> REPLICAS = List.of("R1", "R2", "R3", "R4");
    /** -Ddmtbs.sim.trace=true prints every ordered batch and view installation (for one seed). */
    static final boolean TRACE = Boolean.getBoolean("dmtbs.sim.trace");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    private static final long TICK = 50;
    private static final long DEADLINE = 5_000;
    private static final long RESEND = 500;

    private record Event(long time, long order, Runnable action) {}

    final long seed;
    final SplittableRandom random;
    final Invariants check = new Invariants();
    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.time != b.time
            ? Long.compare(a.time, b.time) : Long.compare(a.order, b.order));
    private long order;
    long now;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<String> view = new ArrayList<>();
    private long viewId = 1;
    final double loss;
    final double duplication;
    final int maxDelay;
    final List<String> faults = new ArrayList<>();
    /** A planted bug for testing the checker: the front end takes the first answer instead of voting. */
    boolean trustFirstAnswer;

    // the front end
    private long counter;
    private final TreeMap<Long, Pending> pending = new TreeMap<>();
    final RandomWorkload workload;
    long answered;
    long unavailable;

    private static final class Pending {
        final ClientRequest request;
        final Tally tally = new Tally(4);
        final long start;
        long lastSent;
        boolean ordered;

        Pending(ClientRequest request, long start) {
            this.request = request;
            this.start = start;
            this.lastSent = start;
        }
    }

    final class Node {
        final String name;
        final int incarnation;
        final OrderingNode<String> ordering;
        final FaultyMachine machine;
        boolean byzantine;
        SnapshotCollector recovery;                 // a replacement waiting for its state
        // replica managers only
        final ReplicaHealth health = new ReplicaHealth();
        Agreement agreement;
        long proposalId;
        String proposalReason;
        boolean crashed;
        boolean frozen;
        List<String> myView = List.of();
        long myViewId;
        final List<Runnable> inbox = new ArrayList<>();

        Node(String name, int incarnation) {
            this.name = name;
            this.incarnation = incarnation;
            boolean replica = REPLICAS.contains(name);
            this.machine = replica ? new FaultyMachine(Implementations.create(Implementations.NAMES.get(REPLICAS.indexOf(name))), seed) : null;
            this.ordering = new OrderingNode<>(name, new OrderingNode.Effects<>() {
                @Override public void send(String to, Object message) { net(Node.this.name, to, message); }

                @Override public void multicast(Object message) {
                    if (TRACE && message instanceof dmtbs.group.msg.OrderedBatch b) {
                        System.out.println(now + " " + Node.this.name + " view" + myView + " multicasts epoch " + b.epoch() + " seqs "
                                + b.firstSeq() + ".." + b.lastSeq() + " " + b.requests().stream().map(x -> x.id().toString()).toList());
                    }
                    for (String m : List.copyOf(myView)) net(Node.this.name, m, message);
                }

                @Override public void deliver(List<OrderedRequest> inOrder) { Node.this.deliver(inOrder); }
            }, n -> n, 3, replica, TODAY, () -> TODAY);
        }

        /** The checker knows every incarnation of a replica as a member of its own. */
        String id() { return incarnation == 0 ? name : name + "#" + incarnation; }

        void deliver(List<OrderedRequest> inOrder) {
            List<ReplicaResult> results = new ArrayList<>();
            for (OrderedRequest r : inOrder) {
                check.delivered(id(), r.seq(), r.id());
                if (r.dateChange() != null) continue;          // moves the business date only: nothing to apply
                if (machine != null && r.checkpoint() != null) {
                    String digest = machine.digest();
                    check.applied(id(), r.seq(), "CHECKPOINT " + digest, !byzantine);
                    String to = r.checkpoint().stateFor();
                    if (to != null && !to.equals(name)) {
                        net(name, to, new CheckpointReport(name, machine.name(), r.seq(), digest, 0, machine.exportState()));
                    }
                } else if (machine != null) {
                    Result result = machine.apply(r.request(), r.businessDate());
                    check.applied(id(), r.seq(), result.canonical(), !byzantine);
                    results.add(new ReplicaResult(r.seq(), r.id(), result));
                } else if (name.equals("FrontEnd") && r.id().frontEnd().equals("FrontEnd-1") && r.request() != null) {
                    Pending p = pending.get(r.id().counter());
                    if (p != null) p.ordered = true;
                }
            }
            if (!results.isEmpty()) net(name, "FrontEnd", new ResultBatch(name, machine.name(), results));
        }

        /** Runs an event at this node: not while frozen (it waits), never after a crash. */
        void run(Runnable r) {
            if (crashed) return;
            if (frozen) inbox.add(r);
            else r.run();
        }
    }

    SimCluster(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.loss = new double[] {0, 0.01, 0.05}[random.nextInt(3)];
        this.duplication = random.nextInt(3) == 0 ? 0.02 : 0;
        this.maxDelay = new int[] {2, 10, 30}[random.nextInt(3)];
        this.workload = new RandomWorkload(seed);
        for (String n : List.of("Sequencer", "RM1", "RM2", "RM3", "RM4", "R1", "R2", "R3", "R4", "FrontEnd")) {
            nodes.put(n, new Node(n, 0));
            view.add(n);
        }
        installView();
        at(TICK, this::tick);
    }

    private void at(long time, Runnable action) { events.add(new Event(time, order++, action)); }

    /**
     * The network as our protocol sees it through JGroups: random delay (so reordering), a lost packet
     * arrives late (NAKACK2/UNICAST3 retransmit it after 100-300 ms), duplicates; a crashed sender's
     * messages not yet delivered are lost once the receiver has a view without it (NAKACK2 drops
     * non-members' messages): the partial multicast the gap repair exists for.
     */
    private void net(String from, String to, Object message) {
        if (nodes.get(from).crashed) return;
        int copies = random.nextDouble() < duplication ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            long delay = 1 + random.nextInt(maxDelay) + (random.nextDouble() < loss ? 100 + random.nextInt(200) : 0);
            Node target = nodes.get(to);                      // the incarnation addressed now
            at(now + delay, () -> {
                // Nobody can retransmit for a dead sender: its messages in flight reach any subset.
                if (nodes.get(from).crashed && random.nextBoolean()) return;
                target.run(() -> {
                    if (!target.myView.contains(from)) return;
                    receive(target, from, message);
                });
            });
        }
    }

    private void receive(Node target, String from, Object message) {
        if (target.ordering.onMessage(from, message, now)) return;
        if (message instanceof ResultBatch rb && target.name.equals("FrontEnd")) results(rb);
        else if (message instanceof CheckpointReport c && target.recovery != null) install(target, c);
        else if (message instanceof Report r) managerHears(target, r);
        else if (message instanceof RmMessage.Proposal p) vote(target, from, p, now + 3_000);
        else if (message instanceof RmMessage.Vote v) counted(target, v);
    }

    // ---------------------------------------------------------------- replica managers (real ReplicaHealth, Agreement)

    private static String managerOf(String replica) { return "RM" + replica.substring(1); }

    private static String replicaOf(String manager) { return "R" + manager.substring(2); }

    private void managerHears(Node rm, Report r) {
        rm.health.onReport(r, now);
        if (r.replica().equals(replicaOf(rm.name)) && rm.health.wrongTooOften(r.replica())) propose(rm, "WRONG");
    }

    /** The manager of a replica learns at once that its process died (the real one watches the process). */
    private void processExited(String replica) {
        at(now + 10, () -> {
            Node rm = nodes.get(managerOf(replica));
            rm.run(() -> propose(rm, "CRASH"));
        });
    }

    private List<String> liveManagers(Node rm) {
        return rm.myView.stream().filter(m -> m.startsWith("RM")).toList();
    }

    private void propose(Node rm, String reason) {
        if (rm.agreement != null) return;
        rm.proposalId++;
        rm.proposalReason = reason;
        rm.agreement = new Agreement(rm.name, dmtbs.group.msg.ReplicaNames.COUNT);   // a majority of all four, as RmRole
        String replica = replicaOf(rm.name);
        for (String m : liveManagers(rm)) if (!m.equals(rm.name)) net(rm.name, m, new RmMessage.Proposal(rm.proposalId, replica, reason));
        long id = rm.proposalId;
        at(now + 6_000, () -> rm.run(() -> {                   // a stale proposal is dropped, so it can be retried
            if (rm.agreement != null && rm.proposalId == id) rm.agreement = null;
        }));
        decide(rm, rm.agreement.outcome());
    }

    /** Votes from this manager's own evidence, waiting up to 3 s for it. */
    private void vote(Node rm, String proposer, RmMessage.Proposal p, long deadline) {
        boolean yes = p.reason().equals("WRONG") ? rm.health.wrongTooOften(p.replica()) : !rm.myView.contains(p.replica());
        if (!yes && now < deadline) {
            at(now + 100, () -> rm.run(() -> vote(rm, proposer, p, deadline)));
            return;
        }
        net(rm.name, proposer, new RmMessage.Vote(p.id(), p.replica(), rm.name, yes));
    }

    private void counted(Node rm, RmMessage.Vote v) {
        if (rm.agreement == null || v.id() != rm.proposalId) return;
        decide(rm, rm.agreement.vote(v.voter(), v.yes()));
    }

    private void decide(Node rm, Agreement.Outcome o) {
        if (o == Agreement.Outcome.PENDING) return;
        rm.agreement = null;
        if (o == Agreement.Outcome.YES) replace(replicaOf(rm.name), rm.proposalReason);
        else if (rm.proposalReason.equals("CRASH")) at(now + 1_000, () -> rm.run(() -> propose(rm, "CRASH")));
    }

    /** Kills the replica's current incarnation and starts a new one that recovers by state transfer. */
    private void replace(String replica, String reason) {
        Node old = nodes.get(replica);
        if (!old.crashed) {
            old.crashed = true;
            check.crashed(old.id());
        }
        Node fresh = new Node(replica, old.incarnation + 1);
        fresh.recovery = new SnapshotCollector();
        fresh.ordering.awaitStateTransfer();
        nodes.put(replica, fresh);
        faults.add(now + " ms: " + replica + " replaced (" + reason + ")");
        for (Node n : nodes.values()) if (n.name.startsWith("RM")) n.health.forget(replica);
        view.remove(replica);
        view.add(replica);
        installView();
        askForState(fresh, 1);
    }

    /** The replacement orders a checkpoint naming itself, again every 3 s until it has a state. */
    private void askForState(Node fresh, long attempt) {
        at(now + 300, () -> fresh.run(() -> {
            if (fresh.recovery == null || fresh.myView.isEmpty()) return;
            ClientRequest cr = new ClientRequest(new RequestId(fresh.name + "-recover-" + fresh.id(), attempt), attempt, null, null,
                    new Checkpoint(fresh.name));
            String coordinator = fresh.myView.get(0);
            if (coordinator.equals(fresh.name)) fresh.ordering.onClientRequests(List.of(cr), now);
            else net(fresh.name, coordinator, new ClientRequests(List.of(cr)));
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

    private void installView() {
        viewId++;
        List<String> snapshot = List.copyOf(view);
        long id = viewId;
        for (String m : snapshot) {
            Node n = nodes.get(m);
            at(now + random.nextInt(20), () -> n.run(() -> {
                if (TRACE) System.out.println(now + " " + n.name + " installs view " + id + " " + snapshot);
                if (id <= n.myViewId) return;                  // JGroups installs views in order
                n.myViewId = id;
                n.myView = snapshot;
                n.ordering.onView(id, snapshot, now);
            }));
        }
    }

    private void tick() {
        for (Node n : nodes.values()) n.run(() -> n.ordering.tick(now));
        nodes.get("FrontEnd").run(this::frontEndTick);
        at(now + TICK, this::tick);
    }

    // ---------------------------------------------------------------- faults

    void crashAt(long time, String name) {
        at(time, () -> {
            Node n = nodes.get(name);
            if (n.crashed) return;
            n.crashed = true;
            check.crashed(n.id());
            faults.add(time + " ms: crash " + name);
            if (REPLICAS.contains(name)) processExited(name);
            at(now + 50 + random.nextInt(250), () -> {      // FD_SOCK2 notices, GMS installs a view
                // Members are named, not addressed, here: once a replacement holds the name, the view
                // is its own (it removed the crashed one when it joined). Removing the name now took
                // the replacement out of the view for good (seed 8250 of 10,000).
                if (nodes.get(name) != n) return;
                view.remove(name);
                installView();
            });
        });
    }

    /** SIGSTOP for a while: short freezes are waited out; a long one is excluded (and stays out). */
    void freezeAt(long time, String name, long duration) {
        at(time, () -> {
            Node n = nodes.get(name);
            if (n.crashed) return;
            n.frozen = true;
            faults.add(time + " ms: freeze " + name + " for " + duration + " ms");
            boolean excluded = duration > 3_000;                 // FD_ALL3 + VERIFY_SUSPECT2
            if (excluded) at(now + 3_000, () -> {
                n.crashed = true;
                check.crashed(n.id());
                if (REPLICAS.contains(name)) processExited(name);          // its manager kills it and replaces it
                view.remove(name);
                installView();
            });
            at(now + duration, () -> {
                if (n.crashed) return;
                n.frozen = false;
                List<Runnable> waiting = List.copyOf(n.inbox);
                n.inbox.clear();
                waiting.forEach(Runnable::run);
            });
        });
    }

    void byzantineAt(long time, String name) {
        at(time, () -> {
            Node n = nodes.get(name);
            n.byzantine = true;
            n.machine.setMode(FaultyMachine.Mode.BYZANTINE);
            faults.add(time + " ms: " + name + " answers wrongly");
        });
    }

    // ---------------------------------------------------------------- the front end

    void submitAt(long time, Request request) {
        at(time, () -> nodes.get("FrontEnd").run(() -> {
            long c = ++counter;
            ClientRequest cr = new ClientRequest(new RequestId("FrontEnd-1", c), lowWater(), null, request);
            pending.put(c, new Pending(cr, now));
            sendToSequencer(List.of(cr));
        }));
    }

    private long lowWater() { return pending.isEmpty() ? counter : pending.firstKey(); }

    private void sendToSequencer(List<ClientRequest> requests) {
        Node fe = nodes.get("FrontEnd");
        if (fe.myView.isEmpty()) return;
        String coordinator = fe.myView.get(0);
        if (coordinator.equals("FrontEnd")) fe.ordering.onClientRequests(requests, now);
        else net("FrontEnd", coordinator, new ClientRequests(requests));
    }

    private final Map<Long, Pending> judging = new java.util.HashMap<>();
    private final MismatchStreaks streaks = new MismatchStreaks(4);

    private void results(ResultBatch rb) {
        int replica = REPLICAS.indexOf(rb.replica());
        for (ReplicaResult rr : rb.results()) {
            Pending late = judging.get(rr.id().counter());
            if (late != null) late.tally.offer(replica, rr.result());
            Pending p = pending.get(rr.id().counter());
            if (p == null) continue;
            Result agreed = trustFirstAnswer ? rr.result() : p.tally.offer(replica, rr.result());
            if (agreed != null) {
                pending.remove(rr.id().counter());
                answered++;
                check.answered(rr.id(), agreed.canonical());
                long c = rr.id().counter();
                judging.put(c, p);
                at(now + 300, () -> nodes.get("FrontEnd").run(() -> judge(judging.remove(c))));
            }
        }
    }

    /** As the real front end does after a decision: report wrong answers, and the end of a run of them. */
    private void judge(Pending p) {
        if (p == null || trustFirstAnswer) return;
        List<Integer> dissenters = p.tally.dissenters();
        for (int i = 0; i < 4; i++) {
            Report r = null;
            if (dissenters.contains(i)) {
                streaks.wrong(i);
                r = new Report(Report.Kind.MISMATCH, REPLICAS.get(i), null, 0, "");
            } else if (p.tally.answered(i) && streaks.correct(i)) {
                r = new Report(Report.Kind.MATCH, REPLICAS.get(i), null, 0, "");
            }
            if (r != null) for (String m : nodes.get("FrontEnd").myView) if (m.startsWith("RM")) net("FrontEnd", m, r);
        }
    }

    private void frontEndTick() {
        List<ClientRequest> again = new ArrayList<>();
        for (var it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (now - p.start > DEADLINE) {
                it.remove();
                unavailable++;
            } else if (!p.ordered && now - p.lastSent >= RESEND) {
                p.lastSent = now;
                again.add(p.request);
            }
        }
        if (!again.isEmpty()) sendToSequencer(again);
    }

    int pendingCount() { return pending.size(); }

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
            sb.append(n.name).append(n.crashed ? "(crashed)" : n.frozen ? "(frozen)" : "")
                    .append(" delivered=").append(n.ordering.delivered())
                    .append(n.ordering.isSequencer() ? " SEQUENCER" : "")
                    .append(" coord=").append(n.ordering.coordinator()).append("; ");
        }
        return sb.append("FE pending ").append(pending.size()).toString();
    }

    /** Correct replicas (current incarnations) still members: last applied sequence number and digest. */
    Map<String, String> correctReplicaStates() {
        Map<String, String> out = new TreeMap<>();
        for (String r : REPLICAS) {
            Node n = nodes.get(r);
            if (n.crashed || n.frozen || n.byzantine) continue;
            out.put(n.id(), n.recovery != null ? "still recovering" : check.lastApplied(n.id()) + " " + n.machine.digest());
        }
        return out;
    }

    /** How many replica incarnations the managers started. */
    long replacements() { return faults.stream().filter(f -> f.contains("replaced")).count(); }
}
