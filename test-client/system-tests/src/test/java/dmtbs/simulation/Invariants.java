package dmtbs.simulation;

import dmtbs.group.msg.RequestId;

import java.util.HashMap;
import java.util.Map;

/**
 * The checker, kept apart from the code under test: it only watches deliveries, results and the
 * answers clients got, and records the first violation. What only crashed members ever saw (a dying
 * sequencer's last batch delivered to itself) has no effect and does not count; anything a live
 * member saw, and every answer a client got, does.
 *   - one order: a sequence number stands for the same request at every member;
 *   - exactly once: a request is ordered at one sequence number only, and every replica applies
 *     1, 2, 3, … without gaps or repeats;
 *   - correct replicas agree: the same result at every sequence number;
 *   - no wrong answer: every answer a client got equals the correct replicas' result;
 *   - no healthy replica replaced: the managers replace only a process that was given a fault.
 */
final class Invariants {

    private final Map<Long, RequestId> requestAt = new HashMap<>();
    private final Map<Long, java.util.Set<String>> deliveredBy = new HashMap<>();
    private final Map<RequestId, Long> seqOf = new HashMap<>();
    private final java.util.Set<String> crashed = new java.util.HashSet<>();
    private final Map<Long, java.util.Set<String>> resultBy = new HashMap<>();
    private final Map<String, Long> lastApplied = new HashMap<>();
    private final Map<Long, String> correctResult = new HashMap<>();
    private final Map<RequestId, String> answers = new HashMap<>();
    private String violation;

    void crashed(String member) { crashed.add(member); }

    void replaced(String replica, String reason, boolean hadFault) {
        if (!hadFault) fail("the managers replaced " + replica + " (" + reason + "), a correct replica");
    }

    private boolean onlyCrashedSaw(java.util.Set<String> members) { return members != null && crashed.containsAll(members); }

    void delivered(String member, long seq, RequestId id) {
        RequestId before = requestAt.get(seq);
        if (before != null && !before.equals(id)) {
            if (!onlyCrashedSaw(deliveredBy.get(seq))) {
                fail(member + " delivered " + id + " at seq " + seq + ", " + deliveredBy.get(seq) + " delivered " + before);
                return;
            }
            seqOf.remove(before);                             // only the dead saw it: forget it
            deliveredBy.remove(seq);
            resultBy.remove(seq);
            correctResult.remove(seq);
        }
        requestAt.put(seq, id);
        deliveredBy.computeIfAbsent(seq, k -> new java.util.HashSet<>()).add(member);
        Long at = seqOf.get(id);
        if (at != null && at != seq && !onlyCrashedSaw(deliveredBy.get(at))) {
            fail(id + " ordered twice: seq " + at + " and " + seq);
            return;
        }
        seqOf.put(id, seq);
    }

    void applied(String replica, long seq, String result, boolean correct) {
        long last = lastApplied.getOrDefault(replica, 0L);
        if (seq != last + 1) fail(replica + " applied seq " + seq + " after " + last);
        lastApplied.put(replica, seq);
        if (!correct) return;
        String before = correctResult.putIfAbsent(seq, result);
        if (before != null && !before.equals(result)) fail("correct replicas disagree at seq " + seq + ": " + before + " vs " + result);
        resultBy.computeIfAbsent(seq, k -> new java.util.HashSet<>()).add(replica);
        checkAnswer(requestAt.get(seq));
    }

    /** A replica started from a snapshot at {@code seq}. */
    void installed(String replica, long seq) { lastApplied.put(replica, seq); }

    void answered(RequestId id, String answer) {
        answers.put(id, answer);
        checkAnswer(id);
    }

    private void checkAnswer(RequestId id) {
        if (id == null || !answers.containsKey(id)) return;
        Long seq = seqOf.get(id);
        if (seq == null) {
            fail("client got an answer to " + id + ", which was never ordered");
            return;
        }
        String right = correctResult.get(seq);
        if (right != null && !right.equals(answers.get(id))) fail("client got '" + answers.get(id) + "' for " + id + "; correct: " + right);
    }

    long lastApplied(String replica) { return lastApplied.getOrDefault(replica, 0L); }

    private void fail(String what) {
        if (violation == null) violation = what;
    }

    String violation() { return violation; }
}
