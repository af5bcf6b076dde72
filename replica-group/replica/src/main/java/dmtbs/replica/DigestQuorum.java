package dmtbs.replica;

import java.util.HashMap;
import java.util.Map;

/**
 * The digests other replicas report for a restarted replica's checkpoint: agreed once two different
 * replicas report the same one (as for a state transfer, no single replica decides). Reports for a
 * later checkpoint replace those of an earlier one. Pure.
 */
final class DigestQuorum {

    record Agreed(long seq, String digest) {}

    private final Map<String, String> byReplica = new HashMap<>();
    private long seq = -1;

    /** Offers one replica's digest; returns the agreed one, or null while not decided. */
    Agreed offer(String replica, long reportSeq, String digest) {
        if (reportSeq < seq) return null;
        if (reportSeq > seq) {
            seq = reportSeq;
            byReplica.clear();
        }
        byReplica.put(replica, digest);
        return byReplica.values().stream().filter(digest::equals).count() >= 2 ? new Agreed(seq, digest) : null;
    }
}
