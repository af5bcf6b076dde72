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
 * (answers may still be right). Three that agree name the fourth at once; a pair names the others
 * only once every replica in the view has reported, since the digest still missing may make it
 * 2–2. Two pairs that disagree name nobody: either pair may be the right one, and with at most one
 * faulty replica that split cannot happen, so it is an alarm for an operator ({@link #split}), never
 * a replacement. The verdict depends on the digests, never on the order they arrived in.
 * Remembers the verdicts of the last few checkpoints. Pure.
 */
final class DigestAudit {

    private static final int KEEP = 8;
    private final TreeMap<Long, Map<String, String>> digests = new TreeMap<>();
    private final Set<String> divergent = new HashSet<>();

    /**
     * Records a replica's digest at {@code seq}, {@code present} replicas being in the view; returns
     * the replicas now known to diverge there.
     */
    Set<String> offer(long seq, String replica, String digest, int present) {
        digests.computeIfAbsent(seq, s -> new HashMap<>()).put(replica, digest);
        while (digests.size() > KEEP) digests.pollFirstEntry();
        Map<String, String> at = digests.get(seq);
        Map<String, Long> counts = new HashMap<>();
        at.values().forEach(d -> counts.merge(d, 1L, Long::sum));
        long most = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<String> leaders = counts.entrySet().stream().filter(e -> e.getValue() == most).map(Map.Entry::getKey).toList();
        boolean allIn = at.size() >= present;
        if (most < 2 || leaders.size() > 1 || (most == 2 && !allIn)) return Set.of();
        String majority = leaders.get(0);
        Set<String> out = new HashSet<>();
        at.forEach((r, d) -> {
            if (!d.equals(majority)) out.add(r);
        });
        divergent.addAll(out);
        return out;
    }

    boolean divergent(String replica) { return divergent.contains(replica); }

    /**
     * The digests at {@code seq} if two pairs of replicas disagree there (digest to replicas), else
     * empty: nobody is replaced for it.
     */
    Map<String, Set<String>> split(long seq) {
        Map<String, String> at = digests.getOrDefault(seq, Map.of());
        Map<String, Set<String>> byDigest = new TreeMap<>();
        at.forEach((r, d) -> byDigest.computeIfAbsent(d, k -> new java.util.TreeSet<>()).add(r));
        long pairs = byDigest.values().stream().filter(s -> s.size() >= 2).count();
        return pairs >= 2 ? byDigest : Map.of();
    }

    /** A replaced replica starts with a clean record. */
    void forget(String replica) {
        divergent.remove(replica);
        digests.values().forEach(m -> m.remove(replica));
    }

    List<Long> checkpoints() { return List.copyOf(digests.keySet()); }
}
