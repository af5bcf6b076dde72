package dmtbs.rm;

import dmtbs.group.msg.Report;

import java.util.HashMap;
import java.util.Map;

/**
 * What one replica manager knows about every replica from the front end's reports: the run of
 * consecutive incorrect results (a correct one, reported as MATCH, ends it) and when it was last
 * reported late. Every manager receives the same reports, so their views agree. Pure.
 */
public final class ReplicaHealth {

    static final int WRONG_IN_A_ROW = 3;
    static final long LATE_MEMORY_MILLIS = 10_000;

    private final Map<String, Integer> wrongRun = new HashMap<>();
    private final Map<String, Long> lateAt = new HashMap<>();

    public void onReport(Report r, long nowMillis) {
        switch (r.kind()) {
            case MISMATCH -> wrongRun.merge(r.replica(), 1, Integer::sum);
            case MATCH -> wrongRun.put(r.replica(), 0);
            case LATE -> lateAt.put(r.replica(), nowMillis);
        }
    }

    int wrongRun(String replica) { return wrongRun.getOrDefault(replica, 0); }

    public boolean wrongTooOften(String replica) { return wrongRun(replica) >= WRONG_IN_A_ROW; }

    boolean recentlyLate(String replica, long nowMillis) {
        Long at = lateAt.get(replica);
        return at != null && nowMillis - at <= LATE_MEMORY_MILLIS;
    }

    /** A replaced replica starts with a clean record. */
    public void forget(String replica) {
        wrongRun.remove(replica);
        lateAt.remove(replica);
    }

    Map<String, Integer> wrongRuns() { return Map.copyOf(wrongRun); }
}
