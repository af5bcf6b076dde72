package dmtbs.rm;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which process is which replica. A replica's name passes from a process to its replacement, but
 * each process has an incarnation of its own (its group address). This remembers the incarnations
 * that were replaced, so that a report about one of them, still in flight when its successor took
 * over, never counts against the successor. Leaving the view is not enough: a process cut off for a
 * while comes back with the same address, and is still the replica. Pure.
 */
final class Incarnations {

    /** Enough for every replacement of a long run; the oldest are forgotten first. */
    private static final int KEEP = 256;
    private final Map<String, String> current = new HashMap<>();
    private final Set<String> retired = new LinkedHashSet<>();

    /** The holders of the replicas' names in a new view (replica to incarnation). */
    void view(Map<String, String> holders) {
        current.clear();
        current.putAll(holders);
    }

    /**
     * The replica's present process is being replaced: whatever is said about it from now on is
     * stale. Returns its incarnation (null if it was not in the view).
     */
    String replaced(String replica) {
        String was = current.remove(replica);
        if (was != null) retire(was);
        return was;
    }

    /** Another manager replaced the process {@code incarnation}. */
    void replacedElsewhere(String incarnation) {
        if (incarnation == null) return;
        current.values().remove(incarnation);
        retire(incarnation);
    }

    /** Whether {@code incarnation} is a process that held a replica's name and is gone. */
    boolean retired(String incarnation) { return incarnation != null && retired.contains(incarnation); }

    private void retire(String incarnation) {
        retired.add(incarnation);
        if (retired.size() > KEEP) retired.remove(retired.iterator().next());
    }
}
