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
import org.jgroups.Address;
import org.jgroups.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the delivered order to this replica's implementation, in sequence order, on the thread
 * that delivers it (under the node's lock), and sends each front end its results, one message per
 * front end per delivered run. The request log is flushed on the node's tick, not per run.
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

    ReplicaRole(String name, FaultyMachine machine, RequestLog requestLog) {
        this.name = name;
        this.machine = machine;
        this.requestLog = requestLog;
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
            if (r.checkpoint() != null) {
                checkpoint(r);
                continue;
            }
            Result result = skipWork ? HOLLOW_ANSWER : apply(r);
            lastApplied = r.seq();
            stateVersion++;         // even hollow: a digest names the sequence number it belongs to
            if (r.replyTo() != null) {
                byFrontEnd.computeIfAbsent(r.replyTo(), a -> new ArrayList<>()).add(new ReplicaResult(r.seq(), r.id(), result));
            }
        }
        byFrontEnd.forEach((fe, results) -> node.send(fe, new ResultBatch(name, machine.name(), results)));
    }

    private Result apply(OrderedRequest r) {
        Result result;
        try {
            result = machine.apply(r.request(), r.businessDate());
        } catch (RuntimeException e) {
            // Implementations never throw; if one does, its answer is simply wrong and gets voted down.
            log.error("{}: {} threw on seq {}", name, machine.name(), r.seq(), e);
            result = new Result.Done("ERROR " + e.getClass().getSimpleName());
        }
        try {
            requestLog.write(r.seq(), r.request(), result);
        } catch (IOException e) {
            log.warn("{}: request log: {}", name, e.toString());
        }
        return result;
    }

    @Override public void tick() { flushRequestLog(); }

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
        boolean transfer = r.checkpoint().stateFor() != null && r.replyTo() != null && !r.replyTo().equals(node.address());
        long start = System.nanoTime();
        // A state transfer needs the state anyway: one export serves both (it is the costly part).
        BookingState state = transfer ? machine.exportState() : null;
        DigestCache.Digest d = remember(transfer ? state.digest() : machine.digest(), r.seq(), start);
        String digest = d.digest();
        long digestMicros = d.costNanos() / 1_000;
        try {
            requestLog.writeCheckpoint(r.seq(), r.checkpoint().stateFor(), digest);
        } catch (IOException e) {
            log.warn("{}: request log: {}", name, e.toString());
        }
        CheckpointReport report = new CheckpointReport(name, machine.name(), r.seq(), digest, digestMicros, null);
        View v = node.view();
        if (v != null) {
            for (Address a : v.getMembers()) if (String.valueOf(a).startsWith("RM")) node.send(a, report);
        }
        if (transfer) node.send(r.replyTo(), new CheckpointReport(name, machine.name(), r.seq(), digest, digestMicros, state));
        log.info("{}: checkpoint at {} digest {} ({} ms)", name, r.seq(), digest, digestMicros / 1_000);
    }

    /** A recovering replica installs a snapshot once two replicas' digests agree on it. */
    @Override
    public void received(Address from, Object message) {
        if (!(message instanceof CheckpointReport report) || recovery == null || !node.holds(from, report.replica())) return;
        node.between(() -> {
            if (recovery == null) return null;
            SnapshotCollector.Accepted accepted = recovery.offer(report);
            if (accepted != null) {
                machine.importState(accepted.state());
                lastApplied = accepted.seq();
                stateVersion++;
                digests.forget();
                recovery = null;
                node.stateInstalled(accepted.seq());
                log.info("{}: installed the state at seq {} (digest {}), {} shows and {} bookings", name, accepted.seq(),
                        accepted.digest(), accepted.state().shows().size(), accepted.state().bookings().size());
            }
            return null;
        });
    }

    /** Starts as a replacement: nothing is applied until a snapshot agreed by two replicas is installed. */
    void recover() { recovery = new SnapshotCollector(); }

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
                .put("recovering", recovering());
        // Taken between two applies, so the digest belongs to exactly one sequence number: digestAt.
        // The request log is flushed with it: whoever reads status can read the log up to there.
        DigestCache.Digest d = node.between(() -> {
            flushRequestLog();
            long start = System.nanoTime();
            DigestCache.Digest reused = digests.reusable(stateVersion, start);
            return reused != null ? reused : remember(machine.digest(), lastApplied, start);
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
