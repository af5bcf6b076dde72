package dmtbs.launcher.history;

import java.util.List;
import java.util.SortedMap;

/**
 * What {@link HistoryChecker} found: counts per operation, counts about the order, and every
 * violation. The history passes iff there is no violation.
 */
public record HistoryVerdict(SortedMap<String, OperationCounts> operations, OrderCounts order, List<Violation> violations) {

    public HistoryVerdict {
        operations = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(operations));
        violations = List.copyOf(violations);
    }

    public enum Kind {
        /** A sequence number no log has: what follows cannot be checked. */
        GAP,
        /** Two logs hold different requests (or identities, effects, dates) at one sequence number. */
        DISAGREEMENT,
        /** An ordered request that no recorded call made. */
        PHANTOM,
        /** An ordered request with a call's identity but other parameters than the call's. */
        ALTERED,
        /** A call applied a second time. */
        DUPLICATE,
        /** A call answered as a repeat where nothing of it had been applied. */
        NOT_APPLIED,
        /** An acknowledged call that is not in the order (and could not be refused without it). */
        MISSING,
        /** An acknowledged answer other than the model's at the call's place in the order. */
        WRONG_ANSWER,
        /** The model's state after a step breaks booked ≤ capacity (or another rule of a state). */
        OVERBOOKED,
        /** A call ordered before another that had ended before it started. */
        REAL_TIME,
        /** A business date earlier than one stamped before it. */
        DATE_BACK
    }

    public record Violation(Kind kind, String detail) {
        @Override public String toString() { return kind + ": " + detail; }
    }

    /** One operation's calls: made, acknowledged, unknown, and the acknowledged ones by outcome (OK or the refusal code). */
    public record OperationCounts(long called, long acknowledged, long unknown, SortedMap<String, Long> outcomes) {}

    /**
     * The order: its length ({@code checkedUpTo} of it replayed: all of it unless there is a gap),
     * requests applied and answered as repeats, checkpoints, queries without identity from outside
     * the history (the launcher's readiness probe); acknowledged calls refused before
     * ordering (BAD_REQUEST, NOT_AUTHORIZED: the front end's precheck); unknown calls that were
     * applied and that were not; bookings that removals moved to another show and dropped ({@code >NONE}).
     */
    public record OrderCounts(long length, long checkedUpTo, long applied, long repeats, long checkpoints, long unrecordedQueries,
                              long refusedUnordered, long unknownApplied, long unknownNotApplied, long moved, long dropped) {}

    public boolean passed() { return violations.isEmpty(); }

    /** How many violations of each kind, in the enum's order; kinds with none left out. */
    public SortedMap<Kind, Long> violationCounts() {
        SortedMap<Kind, Long> m = new java.util.TreeMap<>();
        violations.forEach(v -> m.merge(v.kind(), 1L, Long::sum));
        return m;
    }
}
