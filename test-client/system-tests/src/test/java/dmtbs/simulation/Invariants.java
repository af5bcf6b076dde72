package dmtbs.simulation;

import dmtbs.group.msg.RequestId;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The checker, kept apart from the code under test: it only watches what replicas deliver and apply,
 * the answers clients got, and who crashed. Some faults make a replica apply an order the group
 * never had (a deposed sequencer's, behind a cut); the protocol must then stop that replica, so
 * what only stopped or crashed replicas saw does not count. Checked as it happens:
 *   - every replica applies 1, 2, 3, … without gaps or repeats (from its installed state on);
 *   - the managers replace only a process that was given a fault.
 * Checked at the end of a phase ({@link #verdict}), over the replicas still running:
 *   - one order: a sequence number stands for the same request at every one of them, and an order
 *     the protocol dropped had reached one replica at most;
 *   - exactly once: a request is ordered at one sequence number only;
 *   - correct replicas agree: the same result at every sequence number;
 *   - no wrong answer: every answer a client got equals the correct replicas' result for it, and
 *     was ordered (an acknowledged request is never lost).
 */
final class Invariants {

    private final Map<Long, Map<RequestId, Set<String>>> deliveredAt = new TreeMap<>();
    private final Map<RequestId, Set<Long>> seqsOf = new HashMap<>();
    private final Map<Long, Map<String, Set<String>>> resultsAt = new HashMap<>();
    private final Set<String> crashed = new HashSet<>();
    private final Map<String, Long> lastApplied = new HashMap<>();
    private final Map<RequestId, String> answers = new HashMap<>();
    private String violation;

    void crashed(String member) { crashed.add(member); }

    void replaced(String replica, String reason, boolean hadFault) {
        if (!hadFault) fail("the managers replaced " + replica + " (" + reason + "), a correct replica");
    }

    /** A replica delivered {@code id} at {@code seq}. */
    void delivered(String replica, long seq, RequestId id) {
        deliveredAt.computeIfAbsent(seq, k -> new HashMap<>()).computeIfAbsent(id, k -> new HashSet<>()).add(replica);
        seqsOf.computeIfAbsent(id, k -> new HashSet<>()).add(seq);
    }

    void applied(String replica, long seq, String result, boolean correct) {
        long last = lastApplied.getOrDefault(replica, 0L);
        if (seq != last + 1) fail(replica + " applied seq " + seq + " after " + last);
        lastApplied.put(replica, seq);
        if (correct) resultsAt.computeIfAbsent(seq, k -> new HashMap<>()).computeIfAbsent(result, k -> new HashSet<>()).add(replica);
    }

    /** A replica started from a snapshot at {@code seq}. */
    void installed(String replica, long seq) { lastApplied.put(replica, seq); }

    void answered(RequestId id, String answer) { answers.put(id, answer); }

    long lastApplied(String replica) { return lastApplied.getOrDefault(replica, 0L); }

    private Set<String> live(Set<String> members) {
        Set<String> out = new HashSet<>(members);
        out.removeAll(crashed);
        return out;
    }

    /** The first violation so far, checking the end-of-phase invariants now; null if none. */
    String verdict() {
        if (violation != null) return violation;
        for (Map.Entry<Long, Map<RequestId, Set<String>>> at : deliveredAt.entrySet()) {
            Map<RequestId, Set<String>> seen = new HashMap<>();
            at.getValue().forEach((id, by) -> {
                if (!live(by).isEmpty()) seen.put(id, live(by));
            });
            if (seen.size() > 1) return fail("two orders at seq " + at.getKey() + ": " + seen + " delivered there");
            // An order the protocol dropped reached one replica at most: a deposed sequencer behind a
            // cut orders for at most one (the others are with the sequencer that has a quorum). Two
            // could have answered a client alike.
            if (seen.size() < at.getValue().size()) {
                for (Map.Entry<RequestId, Set<String>> e : at.getValue().entrySet()) {
                    if (!seen.containsKey(e.getKey()) && e.getValue().size() > 1) {
                        return fail("an order two replicas delivered was dropped: " + e.getValue() + " delivered " + e.getKey()
                                + " at seq " + at.getKey() + ", the group kept " + seen.keySet());
                    }
                }
            }
        }
        for (Map.Entry<RequestId, Set<Long>> e : seqsOf.entrySet()) {
            long liveAt = e.getValue().stream().filter(s -> !live(deliveredAt.get(s).get(e.getKey())).isEmpty()).count();
            if (liveAt > 1) return fail(e.getKey() + " ordered twice: seqs " + e.getValue());
        }
        for (Map.Entry<Long, Map<String, Set<String>>> at : resultsAt.entrySet()) {
            Map<String, Set<String>> byLive = new HashMap<>();
            at.getValue().forEach((result, by) -> {
                if (!live(by).isEmpty()) byLive.put(result, live(by));
            });
            if (byLive.size() > 1) return fail("correct replicas disagree at seq " + at.getKey() + ": " + byLive);
        }
        for (Map.Entry<RequestId, String> a : answers.entrySet()) {
            Long seq = seqsOf.getOrDefault(a.getKey(), Set.of()).stream()
                    .filter(s -> !live(deliveredAt.get(s).get(a.getKey())).isEmpty()).findFirst()
                    .orElse(seqsOf.getOrDefault(a.getKey(), Set.of()).stream().findFirst().orElse(null));
            if (seq == null) return fail("client got an answer to " + a.getKey() + ", which no replica ever applied");
            Map<String, Set<String>> results = resultsAt.getOrDefault(seq, Map.of());
            String right = results.entrySet().stream().filter(r -> !live(r.getValue()).isEmpty()).map(Map.Entry::getKey).findFirst()
                    .orElse(results.keySet().stream().findFirst().orElse(null));
            if (right != null && !right.equals(a.getValue())) return fail("client got '" + a.getValue() + "' for " + a.getKey() + "; correct: " + right);
        }
        return null;
    }

    /** A violation found as it happened (the run stops at once); null if none. */
    String violation() { return violation; }

    private String fail(String what) {
        if (violation == null) violation = what;
        return violation;
    }
}
