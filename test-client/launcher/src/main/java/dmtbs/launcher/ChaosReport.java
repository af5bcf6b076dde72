package dmtbs.launcher;

import dmtbs.booking.RefusalCode;
import dmtbs.launcher.history.AppliedOrder;
import dmtbs.launcher.history.HistoryVerdict;
import dmtbs.launcher.history.RecordedCall;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The summary of a chaos run and its verdict: faults per kind, calls per operation and outcome, the
 * order, the history check, the replicas' final digests. Pure: it formats what it is given.
 * {@code ChaosEndToEndTest} reads these lines, so their wording is a contract.
 */
record ChaosReport(ChaosFaults.Faults faults, int expectedFaults, List<RecordedCall> calls, AppliedOrder order,
                   HistoryVerdict history, Map<String, String> digests, boolean converged) {

    /** Violations of one kind printed in full; the rest are counted. */
    private static final int SHOWN_PER_KIND = 10;

    boolean enoughFaults() { return faults.confirmed().size() >= expectedFaults; }

    boolean passed() { return enoughFaults() && history.passed() && converged; }

    List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("faults (injected / confirmed):");
        for (ChaosFaults.Kind k : ChaosFaults.Kind.values()) {
            out.add(String.format("  %-50s %3d / %d", k.label, faults.injected(k), faults.confirmed(k)));
        }
        out.add(String.format("  %-50s %3d / %d (at least %d expected)", "all kinds", faults.all().size(), faults.confirmed().size(),
                expectedFaults));
        long acknowledged = calls.stream().filter(RecordedCall::acknowledged).count();
        out.add(String.format("calls: %d made, %d acknowledged (%d of them during fault windows), %d with unknown outcome",
                calls.size(), acknowledged, faults.acknowledgedDuring(calls), calls.size() - acknowledged));
        out.add(String.format("  %-28s %7s %7s %7s  %s", "operation", "called", "ackd", "unknown", "acknowledged outcomes"));
        history.operations().forEach((op, n) -> out.add(String.format("  %-28s %7d %7d %7d  %s", op, n.called(), n.acknowledged(),
                n.unknown(), n.outcomes().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))));
        out.add(refusalCodes());
        HistoryVerdict.OrderCounts o = history.order();
        out.add(String.format("order: seq 1-%d (%d unreadable log lines), checked to seq %d: %d applied, %d repeats, %d checkpoints,"
                + " %d unrecorded queries (the readiness probe)", o.length(), order.unreadable().size(), o.checkedUpTo(), o.applied(),
                o.repeats(), o.checkpoints(), o.unrecordedQueries()));
        out.add(String.format("  refused before ordering: %d; unknown outcome, applied: %d, not applied: %d; removals moved %d bookings"
                + " and dropped %d", o.refusedUnordered(), o.unknownApplied(), o.unknownNotApplied(), o.moved(), o.dropped()));
        out.addAll(historyLines());
        out.add("replicas: " + digests + (converged ? "" : " (did not converge)"));
        if (!enoughFaults()) {
            out.add("TOO FEW FAULTS: " + faults.confirmed().size() + " confirmed, " + expectedFaults + " expected; not injected: "
                    + faults.all().stream().filter(f -> !f.confirmed()).map(f -> f.what() + ": " + f.problem()).toList());
        }
        out.add(passed() ? "chaos verdict: PASS" : "chaos verdict: FAIL");
        return out;
    }

    /** How often each refusal code was acknowledged, over all operations. */
    private String refusalCodes() {
        Map<RefusalCode, Long> seen = new EnumMap<>(RefusalCode.class);
        history.operations().values().forEach(n -> n.outcomes().forEach((o, count) -> {
            if (!o.equals("OK")) seen.merge(RefusalCode.valueOf(o), count, Long::sum);
        }));
        return String.format("refusal codes acknowledged: %d of %d (%s)", seen.size(), RefusalCode.values().length,
                seen.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
    }

    private List<String> historyLines() {
        List<String> out = new ArrayList<>();
        if (history.passed()) {
            out.add("history: PASS (every acknowledged call in the order once and answered as the reference model answers there;"
                    + " no call applied twice; no show overbooked)");
            return out;
        }
        out.add("history: FAIL, " + history.violations().size() + " violations (" + history.violationCounts().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")");
        Map<HistoryVerdict.Kind, Integer> shown = new EnumMap<>(HistoryVerdict.Kind.class);
        for (HistoryVerdict.Violation v : history.violations()) {
            if (shown.merge(v.kind(), 1, Integer::sum) <= SHOWN_PER_KIND) out.add("  " + v);
        }
        return out;
    }
}
