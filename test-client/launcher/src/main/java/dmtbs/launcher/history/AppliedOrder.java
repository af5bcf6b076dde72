package dmtbs.launcher.history;

import dmtbs.replica.RequestLogLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The order the replicas applied, put together from all their request logs (every incarnation: a
 * replacement's log starts at its state transfer, a killed one's ends at its kill, so no one log has
 * it all). A sequence number must mean the same request everywhere; where two logs differ, that is
 * a disagreement. Lines that do not read (a line torn by a kill) are set aside: a gap they leave
 * shows up as a gap.
 */
public record AppliedOrder(SortedMap<Long, RequestLogLine> entries, List<String> disagreements, List<String> unreadable) {

    public AppliedOrder {
        entries = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(entries));
        disagreements = List.copyOf(disagreements);
        unreadable = List.copyOf(unreadable);
    }

    /** An order of these entries, with nothing to disagree about (for tests and hand-made histories). */
    public static AppliedOrder of(List<RequestLogLine> lines) {
        TreeMap<Long, RequestLogLine> m = new TreeMap<>();
        lines.forEach(l -> m.put(l.seq(), l));
        return new AppliedOrder(m, List.of(), List.of());
    }

    /**
     * @param linesByLog each request log's lines, by the log's name (e.g. {@code R2}); read in name
     *        order, so where logs disagree the same one is replayed every time
     */
    public static AppliedOrder assemble(Map<String, List<String>> linesByLog) {
        TreeMap<Long, RequestLogLine> entries = new TreeMap<>();
        TreeMap<Long, String> firstFrom = new TreeMap<>();
        List<String> disagreements = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        new TreeMap<>(linesByLog).forEach((log, lines) -> {
            for (RequestLogLine l : groupsOrder(log, lines, unreadable)) {
                RequestLogLine earlier = entries.putIfAbsent(l.seq(), l);
                if (earlier == null) firstFrom.put(l.seq(), log);
                else if (!sameOrdered(earlier, l)) {
                    disagreements.add("seq " + l.seq() + ": " + firstFrom.get(l.seq()) + " logged " + describe(earlier)
                            + ", " + log + " logged " + describe(l));
                }
            }
        });
        return new AppliedOrder(entries, disagreements, unreadable);
    }

    /**
     * One log's lines that are the group's order: an incarnation that stopped because it had applied
     * a deposed sequencer's order says so in its last line ({@link RequestLogLine#DIVERGED}), and its
     * lines from that number on are dropped (its successor's, after it, are kept).
     */
    private static List<RequestLogLine> groupsOrder(String log, List<String> lines, List<String> unreadable) {
        List<RequestLogLine> kept = new ArrayList<>();
        for (String line : lines) {
            if (line.isEmpty()) continue;
            RequestLogLine l;
            try {
                l = RequestLogLine.parse(line);
            } catch (IllegalArgumentException e) {
                unreadable.add(log + ": " + e.getMessage());
                continue;
            }
            if (l.isDiverged()) kept.removeIf(k -> k.seq() >= l.seq());
            else kept.add(l);
        }
        return kept;
    }

    /**
     * The same request, date, identity and effect. Results may differ: a replica that answers wrongly
     * logs its wrong answers (clients' answers are checked against the model, not against logs).
     */
    static boolean sameOrdered(RequestLogLine a, RequestLogLine b) {
        return a.operation().equals(b.operation()) && a.parameters().equals(b.parameters())
                && a.businessDate().equals(b.businessDate()) && a.client().equals(b.client()) && a.effect().equals(b.effect());
    }

    static String describe(RequestLogLine l) {
        return l.operation() + " " + l.parameters() + " (" + l.client() + ", " + l.effect() + ", " + l.businessDate() + ")";
    }

    /** The highest sequence number logged, 0 for none. */
    public long last() { return entries.isEmpty() ? 0 : entries.lastKey(); }
}
