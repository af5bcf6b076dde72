package dmtbs.rm;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares the replicas' digests at the same sequence number (an ordered checkpoint): a replica
 * whose digest differs from one that at least two others share has a state that went wrong silently
 * (answers may still be right). Remembers the verdicts of the last few checkpoints. Pure.
 */
final class DigestAudit {

    private static final int KEEP = 8;
    private final TreeMap<Long, Map<String, String>> digests = new TreeMap<>();
    private final Set<String> divergent = new HashSet<>();

    /** Records a replica's digest at {@code seq}; returns the replicas now known to diverge there. */
    Set<String> offer(long seq, String replica, String digest) {
        digests.computeIfAbsent(seq, s -> new HashMap<>()).put(replica, digest);
        while (digests.size() > KEEP) digests.pollFirstEntry();
        Map<String, String> at = digests.get(seq);
        Map<String, Long> counts = new HashMap<>();
        at.values().forEach(d -> counts.merge(d, 1L, Long::sum));
        String majority = counts.entrySet().stream().filter(e -> e.getValue() >= 2)
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        if (majority == null) return Set.of();
        Set<String> out = new HashSet<>();
        at.forEach((r, d) -> {
            if (!d.equals(majority)) out.add(r);
        });
        divergent.addAll(out);
        return out;
    }

    boolean divergent(String replica) { return divergent.contains(replica); }

    /** A replaced replica starts with a clean record. */
    void forget(String replica) {
        divergent.remove(replica);
        digests.values().forEach(m -> m.remove(replica));
    }

    List<Long> checkpoints() { return List.copyOf(digests.keySet()); }
}
