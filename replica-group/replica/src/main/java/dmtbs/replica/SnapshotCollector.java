package dmtbs.replica;

import dmtbs.booking.BookingState;
import dmtbs.group.msg.CheckpointReport;

import java.util.HashMap;
import java.util.Map;

/**
 * Decides which snapshot a recovering replica may install (BFT-SMaRt style: trust no single
 * replica). Reports for one checkpoint sequence number are collected; a state is accepted once two
 * different replicas reported the same digest and a state (with its client sessions) that really
 * has that digest arrived.
 * A corrupt or wrong replica alone can therefore never make a replacement adopt its state. Pure.
 */
public final class SnapshotCollector {

    private final Map<String, String> digestByReplica = new HashMap<>();
    private final Map<String, CheckpointReport> reportByDigest = new HashMap<>();
    private long seq = -1;

    /** Offers a report; returns the accepted snapshot, or null while not yet decided. */
    public Accepted offer(CheckpointReport r) {
        if (r.seq() < seq) return null;
        if (r.seq() > seq) {                    // a newer checkpoint: start over
            seq = r.seq();
            digestByReplica.clear();
            reportByDigest.clear();
        }
        digestByReplica.put(r.replica(), r.digest());
        if (r.state() != null && ClientSessions.digest(r.state().digest(), r.sessions()).equals(r.digest())) {
            reportByDigest.putIfAbsent(r.digest(), r);
        }
        for (Map.Entry<String, CheckpointReport> e : reportByDigest.entrySet()) {
            long agreeing = digestByReplica.values().stream().filter(e.getKey()::equals).count();
            if (agreeing >= 2) return new Accepted(seq, e.getKey(), e.getValue().state(), e.getValue().sessions());
        }
        return null;
    }

    /** The state to install, with the client sessions that go with it (the digest covers both). */
    public record Accepted(long seq, String digest, BookingState state, String sessions) {}
}
