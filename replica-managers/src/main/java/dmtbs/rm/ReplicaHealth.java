package dmtbs.rm;

import dmtbs.group.msg.Report;

import java.util.HashMap;
import java.util.Map;

/**
 * What one replica manager knows about every replica from the front end's reports: the run of
 * consecutive incorrect results (a correct one, reported as MATCH, ends it) and when it was last
 * reported late. Every manager receives the same reports, so their views agree. A report about a
 * process that was replaced is dropped ({@link Incarnations}). The run follows the order of the
 * requests, not of the reports: the front end judges a request once all four answered or the
 * slowest is late, so an older request's verdict can come after a newer one's, and an old MATCH
 * must not end a run of wrong answers that began after it. Pure.
 */
public final class ReplicaHealth {

    static final int WRONG_IN_A_ROW = 3;
    static final long LATE_MEMORY_MILLIS = 10_000;

    private final Map<String, Integer> wrongRun = new HashMap<>();
    /** The sequence number of the latest request whose verdict counted in the run, per replica. */
    private final Map<String, Long> runSeq = new HashMap<>();
    private final Map<String, Long> lateAt = new HashMap<>();
    private final Incarnations incarnations = new Incarnations();

    /**
     * Takes in a report; returns false, counting nothing, for one about a process that was replaced
     * or a verdict on a request older than the run it would change.
     */
    public boolean onReport(Report r, long nowMillis) {
        if (incarnations.retired(r.incarnation())) return false;
        if ((r.kind() == Report.Kind.MISMATCH || r.kind() == Report.Kind.MATCH) && r.seq() >= 0) {
            if (r.seq() < runSeq.getOrDefault(r.replica(), -1L)) return false;       // judged late: older than the run
            runSeq.put(r.replica(), r.seq());
        }
        switch (r.kind()) {
            case MISMATCH -> wrongRun.merge(r.replica(), 1, Integer::sum);
            case MATCH -> wrongRun.put(r.replica(), 0);
            case LATE -> lateAt.put(r.replica(), nowMillis);
            case CONFLICT -> { }                 // two pairs disagree: no evidence against either side
        }
        return true;
    }

    /** The processes holding the replicas' names in a new view (replica to incarnation). */
    public void view(Map<String, String> holders) { incarnations.view(holders); }

    /**
     * This manager replaces {@code replica}'s process: its record is cleared, and reports about that
     * process no longer count. Returns the process's incarnation (null if it was not in the view).
     */
    public String replacing(String replica) {
        forget(replica);
        return incarnations.replaced(replica);
    }

    /** Another manager replaced {@code replica}'s process {@code incarnation}. */
    public void replacedElsewhere(String replica, String incarnation) {
        forget(replica);
        incarnations.replacedElsewhere(incarnation);
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
        runSeq.remove(replica);
        lateAt.remove(replica);
    }

    Map<String, Integer> wrongRuns() { return Map.copyOf(wrongRun); }
}
