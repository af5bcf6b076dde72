package dmtbs.replica;

import dmtbs.booking.BookingState;
import dmtbs.booking.RefusalCode;
import dmtbs.booking.Result;
import dmtbs.booking.fault.FaultyMachine;
import dmtbs.group.msg.CheckpointReport;
import dmtbs.group.msg.OrderedRequest;
import dmtbs.group.msg.ReplicaResult;
import dmtbs.group.msg.ResultBatch;
import dmtbs.group.node.GroupNode;
import dmtbs.group.node.Json;
import dmtbs.group.node.Role;
import dmtbs.group.order.BusinessClock;
import org.jgroups.Address;
import org.jgroups.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dmtbs.replica.durable.DurableStore;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the delivered order to this replica's implementation, in sequence order, on the thread
 * that delivers it (under the node's lock), makes the run durable ({@link DurableStore}: one forced
 * write per delivered run), and only then sends each front end its results, one message per front
 * end per run. So every answer the front end counts is on that replica's disk. The request log
 * (booking-rules.md §7, for people) is flushed on the node's tick, not per run.
 */
final class ReplicaRole implements Role {

    private static final Logger log = LoggerFactory.getLogger(ReplicaRole.class);

    private final String name;
    private final FaultyMachine machine;
    private final RequestLog requestLog;
    private GroupNode node;
    private volatile long lastApplied;
    /** Bumped on every apply: a digest is exact for one version (changes outside the order forget it). */
    private long stateVersion;
    private final DigestCache digests = new DigestCache();
    private volatile SnapshotCollector recovery;
    /**
     * A measuring instrument, not a fault: the replica answers every request with the same refusal
     * without applying or logging it, so that a bench with every replica hollow measures what the
     * replication path costs without the booking work (its messages, ordering, voting). The state
     * does not change, so hollow replicas stay identical to one another.
     */
    private volatile boolean hollow;
    private static final Result HOLLOW_ANSWER = new Result.Refused(RefusalCode.BAD_REQUEST, "hollow replica: not applied");
    /** The exit status of a replica that cannot write its data directory: its manager replaces it. */
    static final int EXIT_STORAGE = 75;
    static final int EXIT_DIVERGED = 76;

    /** Null when durability is off (a benchmark's comparison). */
    private final DurableStore store;
    private final long snapshotEvery;
    /** What each client's latest call was answered: retries get it again, unapplied. Replicated state. */
    private ClientSessions sessions = new ClientSessions();
    /** The business day the order is at after the last request applied: kept in snapshots, so the date never goes back. */
    private long lastBusinessDay;
    /**
     * After a restart from disk: the digest this replica computed at its own verification checkpoint,
     * to compare with the one two others agree on. Until then its history beyond the group's is not
     * trusted (see {@link #verifyAfterRestart}).
     */
    private volatile boolean verifying;
    private final Map<Long, String> ownCheckpointDigests = new HashMap<>();
    private volatile String restoredFrom = "nothing";
    /** What was wrong with the history on disk at the last start (a torn or damaged tail cut off), or null. */
    private volatile String damageOnDisk;

    ReplicaRole(String name, FaultyMachine machine, RequestLog requestLog, DurableStore store, long snapshotEvery) {
        this.name = name;
        this.machine = machine;
        this.requestLog = requestLog;
        this.store = store;
        this.snapshotEvery = snapshotEvery;
    }

    void attach(GroupNode node) { this.node = node; }

    @Override public boolean needsEveryRequest() { return true; }

    /** Applies, hashes and exports state on delivery: JGroups' pool, never the socket reader. */
    @Override public boolean handlesMessagesQuickly() { return false; }

    @Override
    public void delivered(List<OrderedRequest> inOrder) {
        boolean skipWork = hollow;
        Map<Address, List<ReplicaResult>> byFrontEnd = new HashMap<>();
        for (OrderedRequest r : inOrder) {
            // Hollow replicas (a benchmark's instrument) apply nothing, so they keep nothing either.
            if (store != null && !skipWork) store.append(r);
            lastBusinessDay = BusinessClock.dayAfter(r);
            if (r.checkpoint() != null) {
                checkpoint(r);
                continue;
            }
            if (r.dateChange() != null) {
                dateChange(r);
                continue;
            }
            Result result = skipWork ? HOLLOW_ANSWER : answer(r, true);
            lastApplied = r.seq();
            stateVersion++;         // even hollow: a digest names the sequence number it belongs to
            if (r.replyTo() != null) {
                byFrontEnd.computeIfAbsent(r.replyTo(), a -> new ArrayList<>()).add(new ReplicaResult(r.seq(), r.id(), result));
            }
        }
        persist(skipWork);
        byFrontEnd.forEach((fe, results) -> node.send(fe, new ResultBatch(name, machine.name(), results)));
    }

    /**
     * The run just applied reaches the disk before any of its results leave (group commit: one
     * forced write per run), and every {@code snapshotEvery} requests the state is written beside
     * the log, which then shrinks. A replica that cannot write stops at once, without answering.
     */
    private void persist(boolean hollowRun) {
        if (store == null || hollowRun) return;
        try {
            store.sync();
            if (lastApplied - store.snapshotSeq() >= snapshotEvery) {
                long start = System.nanoTime();
                store.snapshot(lastApplied, lastBusinessDay, machine.exportState(), sessions.text());
                log.info("{}: snapshot at seq {} ({} ms)", name, lastApplied, (System.nanoTime() - start) / 1_000_000);
            }
        } catch (IOException | RuntimeException e) {
            storageFailed(e);
        }
    }

    /**
     * It applied requests a deposed sequencer ordered behind a cut, at numbers the group gave to
     * others: its state is not the group's and cannot be taken back. Stop; the manager sees the exit
     * and its replacement starts from the others' state (its data directory is wiped then).
     */
    @Override
    public void diverged(long fromSeq) {
        log.error("{}: applied an order from seq {} on that the group never had (a deposed sequencer's): stopping;"
                + " its manager replaces it", name, fromSeq);
        try {
            requestLog.writeDiverged(fromSeq, LocalDate.ofEpochDay(lastBusinessDay));
        } catch (IOException e) {
            log.warn("{}: request log: {}", name, e.toString());
        }
        flushRequestLog();
        Runtime.getRuntime().halt(EXIT_DIVERGED);
    }

    /** Never answer what is not on the disk: stop now; the manager sees the exit and replaces this replica. */
    private void storageFailed(Exception e) {
        log.error("{}: cannot write its data directory {} ({}): stopping without answering; its manager replaces it",
                name, store.directory(), e.toString());
        flushRequestLog();
        Runtime.getRuntime().halt(EXIT_STORAGE);
    }

    /**
     * A call the client already made (a retry through another front end, or after the first one
     * died) gets the answer it got then, and is not applied again; anything else is applied. The
     * first time either is written to the request log; a replay from disk writes nothing.
     */
    private Result answer(OrderedRequest r, boolean firstTime) {
        Result earlier = sessions.answered(r.client());
        Result result = earlier != null ? earlier : compute(r);
        if (earlier == null) sessions.record(r.client(), r.request(), result);
        if (firstTime) {
            try {
                // A repeat has its line too: every sequence number is in the log, with what was done there.
                requestLog.write(r.seq(), r.businessDate(), r.client(), r.request(), result, earlier == null);
            } catch (IOException e) {
                log.warn("{}: request log: {}", name, e.toString());
            }
        }
        return result;
    }

    private Result compute(OrderedRequest r) {
        Result result;
        try {
            result = machine.apply(r.request(), r.businessDate());
        } catch (RuntimeException e) {
            // Implementations never throw; if one does, its answer is simply wrong and gets voted down.
            log.error("{}: {} threw on seq {}", name, machine.name(), r.seq(), e);
            result = new Result.Done("ERROR " + e.getClass().getSimpleName());
        }
        return result;
    }

    @Override public void tick() {
        flushRequestLog();
        if (verifying) settleVerification();
    }

    @Override public void closing() { flushRequestLog(); }

    private void flushRequestLog() {
        try {
            requestLog.flush();
        } catch (IOException e) {
            log.warn("{}: request log: {}", name, e.toString());
        }
    }

    /**
     * An ordered checkpoint: report the digest at this sequence number to the replica managers and,
     * for a state transfer, the whole state to the recovering replica that asked.
     */
    private void checkpoint(OrderedRequest r) {
        lastApplied = r.seq();
        boolean forAnother = r.checkpoint().stateFor() != null && r.replyTo() != null && !r.replyTo().equals(node.address());
        boolean transfer = forAnother && !r.checkpoint().digestsOnly();
        long start = System.nanoTime();
        // A state transfer needs the state anyway: one export serves both (it is the costly part).
        BookingState state = transfer ? machine.exportState() : null;
        String sessionsText = sessions.text();
        DigestCache.Digest d = remember(ClientSessions.digest(transfer ? state.digest() : machine.digest(), sessionsText), r.seq(), start);
        String digest = d.digest();
        long digestMicros = d.costNanos() / 1_000;
        try {
            requestLog.writeCheckpoint(r.seq(), r.businessDate(), r.checkpoint().stateFor(), digest);
        } catch (IOException e) {
            log.warn("{}: request log: {}", name, e.toString());
        }
        if (verifying && name.equals(r.checkpoint().stateFor())) ownCheckpointDigests.put(r.seq(), digest);
        CheckpointReport report = new CheckpointReport(name, machine.name(), r.seq(), digest, digestMicros, null);
        View v = node.view();
        if (v != null) {
            for (Address a : v.getMembers()) if (String.valueOf(a).startsWith("RM")) node.send(a, report);
        }
        if (transfer) node.send(r.replyTo(), new CheckpointReport(name, machine.name(), r.seq(), digest, digestMicros, state, sessionsText));
        else if (forAnother) node.send(r.replyTo(), report);       // a restarted replica checking its history
        log.info("{}: checkpoint at {} digest {} ({} ms)", name, r.seq(), digest, digestMicros / 1_000);
    }

    /**
     * An ordered date change: nothing to apply (the requests after it carry the date) and nobody to
     * answer, but it takes a sequence number, so it is applied, logged and kept on disk like a request.
     */
    private void dateChange(OrderedRequest r) {
        lastApplied = r.seq();
        stateVersion++;             // a digest names the sequence number it belongs to
        try {
            requestLog.writeDateChange(r.seq(), r.businessDate(), r.dateChange().date(), LocalDate.ofEpochDay(lastBusinessDay));
        } catch (IOException e) {
            log.warn("{}: request log: {}", name, e.toString());
        }
    }

    /** A recovering replica installs a snapshot once two replicas' digests agree on it. */
    @Override
    public void received(Address from, Object message) {
        if (!(message instanceof CheckpointReport report) || recovery == null || !node.holds(from, report.replica())) return;
        node.between(() -> {
            if (recovery == null) return null;
            if (verifying) {
                if (report.state() != null) return null;  // a state sent for an earlier request: digests decide first
                DigestQuorum.Agreed agreed = digestQuorum.offer(report.replica(), report.seq(), report.digest());
                if (agreed == null) return null;
                if (ownCheckpointDigests.containsKey(agreed.seq())) concludeVerification(agreed);
                else {
                    // Compared when this replica gets there (see tick). The patience runs from the
                    // first agreement: it asks again every 3 s, and a clock restarted by each new
                    // agreement never ran out, so a replica behind the others' logs waited for ever.
                    if (awaitingOwn == null) awaitingSinceNanos = System.nanoTime();
                    awaitingOwn = agreed;
                }
                return null;
            }
            SnapshotCollector.Accepted accepted = recovery.offer(report);
            if (accepted != null) install(accepted);
            return null;
        });
    }

    /** Two others agree on the digest at this replica's own checkpoint: keep this history if it is the same. */
    private void concludeVerification(DigestQuorum.Agreed agreed) {
        String own = ownCheckpointDigests.get(agreed.seq());
        awaitingOwn = null;
        ownCheckpointDigests.clear();
        verifying = false;
        if (own.equals(agreed.digest())) {
            recovery = null;
            log.info("{}: its history (restored from {}) agrees with two replicas at seq {} (digest {})", name, restoredFrom, agreed.seq(), own);
            return;
        }
        log.warn("{}: its history (restored from {}) disagrees with two replicas at seq {} ({} here, {} there): asking for their state",
                name, restoredFrom, agreed.seq(), own, agreed.digest());
        recovery = new SnapshotCollector();          // a state transfer now (it keeps applying meanwhile)
        askedSinceNanos = System.nanoTime();
    }

    /**
     * The others' states for this replica's checkpoint came before it delivered that checkpoint: it
     * compares once it has (on the tick, never inside a delivery), or installs theirs if it cannot
     * get there within {@link #REACH_CHECKPOINT_NANOS} (what it misses is no longer held anywhere).
     */
    private void settleVerification() {
        DigestQuorum.Agreed a = awaitingOwn;
        if (a == null) return;
        if (ownCheckpointDigests.containsKey(a.seq())) concludeVerification(a);
        else if (System.nanoTime() - awaitingSinceNanos > REACH_CHECKPOINT_NANOS) {
            log.info("{}: did not reach its checkpoint at seq {} within {} s: asking for the state two replicas agree on", name,
                    a.seq(), java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(REACH_CHECKPOINT_NANOS));
            awaitingOwn = null;
            ownCheckpointDigests.clear();
            verifying = false;
            recovery = new SnapshotCollector();
            askedSinceNanos = System.nanoTime();
        }
    }

    private static final long REACH_CHECKPOINT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    private DigestQuorum.Agreed awaitingOwn;
    private final DigestQuorum digestQuorum = new DigestQuorum();
    private long awaitingSinceNanos;

    private void install(SnapshotCollector.Accepted accepted) {
        machine.importState(accepted.state());
        sessions = ClientSessions.parse(accepted.sessions());
        lastApplied = accepted.seq();
        stateVersion++;
        digests.forget();
        recovery = null;
        verifying = false;
        ownCheckpointDigests.clear();
        awaitingOwn = null;
        lastBusinessDay = Math.max(lastBusinessDay, node.businessDate().toEpochDay());
        if (store != null) {
            try {
                store.installed(accepted.seq(), lastBusinessDay, accepted.state(), accepted.sessions());
            } catch (IOException | RuntimeException e) {
                storageFailed(e);
            }
        }
        node.stateInstalled(accepted.seq());
        restoredFrom = "a state transfer at seq " + accepted.seq();
        long took = System.nanoTime() - askedSinceNanos;
        transfers++;
        transferNanos += took;
        lastTransfer = String.format("the state at seq %d, %d shows and %d bookings, %d ms after it asked", accepted.seq(),
                accepted.state().shows().size(), accepted.state().bookings().size(), took / 1_000_000);
        log.info("{}: installed {} (digest {})", name, lastTransfer, accepted.digest());
    }

    /** Starts as a replacement: nothing is applied until a snapshot agreed by two replicas is installed. */
    void recover() {
        recovery = new SnapshotCollector();
        askedSinceNanos = System.nanoTime();
    }

    /** When this replica began to need the others' state (for the state transfer's duration in {@link #lastTransfer}). */
    private volatile long askedSinceNanos = System.nanoTime();
    /** The last state transfer this replica installed, for the console's timeline; null before any. */
    private volatile String lastTransfer;
    private volatile long transfers, transferNanos;

    /**
     * Restarted from its own disk: it applies and answers as usual (its answers are votes among
     * others), and orders a checkpoint naming itself, for digests only. When two other replicas
     * report the same digest there, this replica compares its own: equal, its history is the
     * group's; different (history only this replica had when the service stopped, which the group
     * never acknowledged and did not keep), it asks for their state, installs it and applies again
     * from there. If it is too far behind to reach the checkpoint at all, it asks for their state too.
     */
    void verifyAfterRestart() {
        verifying = true;
        recovery = new SnapshotCollector();
    }

    /**
     * Reads the history on disk into the implementation: the latest valid snapshot, then the log
     * after it. Called once, before the replica joins. Returns the sequence number it reached.
     */
    long restoreFromDisk() throws IOException {
        long start = System.nanoTime();
        DurableStore.Recovered r = store.recover();
        if (r.cut() != null) log.warn("{}: damaged history on disk: {}", name, r.cut());
        damageOnDisk = r.cut();
        if (r.snapshot() != null) {
            machine.importState(r.snapshot().state());
            sessions = ClientSessions.parse(r.snapshot().sessions());
            lastBusinessDay = r.snapshot().businessDay();
        }
        long seq = r.snapshot() == null ? 0 : r.snapshot().seq();
        for (OrderedRequest o : r.tail()) {
            if (o.request() != null) answer(o, false);     // its request log line was written the first time
            seq = o.seq();
            lastBusinessDay = BusinessClock.dayAfter(o);
        }
        lastApplied = seq;
        stateVersion++;
        restoredFrom = seq == 0 ? "nothing" : "disk: snapshot at " + (r.snapshot() == null ? "none" : r.snapshot().seq()) + ", log to " + seq
                + (r.cut() == null ? "" : ", damaged tail cut");
        if (seq > 0) {
            log.info("{}: restored from disk up to seq {} ({} from the snapshot, {} replayed) in {} ms", name, seq,
                    r.snapshot() == null ? 0 : r.snapshot().seq(), r.tail().size(), (System.nanoTime() - start) / 1_000_000);
            node.restore(seq, lastBusinessDay, r.tail(), r.encodings());
        }
        return seq;
    }

    boolean verifying() { return verifying; }

    boolean recovering() { return recovery != null; }

    /** Role-specific admin commands: fault injection. */
    String command(String line) {
        String[] w = line.split(" +");
        if (!w[0].equals("fault") || w.length < 2) return null;
        return switch (w[1]) {
            case "byzantine" -> { machine.setMode(FaultyMachine.Mode.BYZANTINE); yield "ok " + name + " now answers wrongly"; }
            case "heal" -> {
                machine.setMode(FaultyMachine.Mode.HONEST);
                hollow = false;
                yield "ok " + name + " answers correctly again";
            }
            case "hollow" -> { hollow = true; yield "ok " + name + " now refuses every request without applying it"; }
            case "corrupt" -> node.between(() -> {
                machine.corruptState();
                stateVersion++;
                digests.forget();
                return "ok " + name + " state silently corrupted";
            });
            default -> "unknown fault '" + w[1] + "'";
        };
    }

    void status(Json j) {
        j.put("implementation", machine.name()).put("lastApplied", lastApplied).put("mode", hollow ? "HOLLOW" : machine.mode().name())
                .put("recovering", recovering() && !verifying).put("verifying", verifying).put("restoredFrom", restoredFrom)
                .put("lastTransfer", lastTransfer).put("stateTransfers", transfers).put("stateTransferSeconds", transferNanos / 1e9);
        if (store != null) j.put("durableSeq", store.durableSeq()).put("snapshotSeq", store.snapshotSeq()).put("damageOnDisk", damageOnDisk);
        // Taken between two applies (with the session count), so the digest belongs to exactly one sequence number: digestAt.
        // The request log is flushed with it: whoever reads status can read the log up to there.
        DigestCache.Digest d = node.between(() -> {
            j.put("clientSessions", sessions.size());
            flushRequestLog();
            long start = System.nanoTime();
            DigestCache.Digest reused = digests.reusable(stateVersion, start);
            return reused != null ? reused : remember(ClientSessions.digest(machine.digest(), sessions.text()), lastApplied, start);
        });
        j.put("digest", d.digest()).put("digestAt", d.seq());
    }

    /** A digest of the current state, just computed (since {@code startNanos}): kept for status polls. */
    private DigestCache.Digest remember(String digest, long seq, long startNanos) {
        long end = System.nanoTime();
        DigestCache.Digest d = new DigestCache.Digest(digest, seq, end - startNanos);
        digests.store(stateVersion, d, end);
        return d;
    }

    long lastApplied() { return lastApplied; }
}
