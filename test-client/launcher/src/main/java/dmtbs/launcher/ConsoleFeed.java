package dmtbs.launcher;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the dashboard shows, made from the processes' status answers, one round a second: the
 * members with what each one's lag and agreement are, a timeline of what changed between two
 * rounds (views, takeovers, processes gone and back, wrong and late answers the front end saw,
 * the managers' proposals, votes, decisions and alarms, replacements, state transfers), and charts
 * of the last five minutes. Pure: the caller reads the status answers and the clock.
 */
final class ConsoleFeed {

    record Event(long number, long atMillis, String kind, String title, String details) {}

    /** One second of the charts: calls per second, their latency (ms) as clients see it, each replica's response time (ms). */
    record Point(long atMillis, Double callsPerSecond, Double p50Ms, Double p99Ms, List<Double> replicaMs) {}

    static final int EVENTS_KEPT = 300;
    static final long SERIES_MILLIS = 5 * 60_000;

    private final Deque<Event> events = new ArrayDeque<>();
    private final Deque<Point> series = new ArrayDeque<>();
    private long eventNumber;
    private Map<String, Map<String, Object>> previous = Map.of();
    private long lastView = -1;
    private String lastOrderer;
    private final Map<String, Long> journalSeen = new HashMap<>();
    private final Set<String> replacementsSeen = new HashSet<>();
    /** The front ends' latency bucket counts at the last round, summed, and when. */
    private long[] lastLatencyCounts;
    private long lastLatencyAt;
    private boolean first = true;

    /** Takes one round of status answers (as {@link Dmtbs#collectStatus} gives them); returns the frame the page draws. */
    synchronized Map<String, Object> update(long nowMillis, List<Map<String, Object>> processes) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Map<String, Object> p : processes) byName.put(String.valueOf(p.get("name")), p);
        processEvents(nowMillis, byName);
        groupEvents(nowMillis, byName);
        for (Map<String, Object> p : byName.values()) {
            if ("frontend".equals(p.get("kind")) && running(p)) frontEndEvents(nowMillis, p, previous.get(String.valueOf(p.get("name"))));
            if ("rm".equals(p.get("kind")) && running(p)) managerEvents(nowMillis, p);
            if ("replica".equals(p.get("kind")) && running(p)) transferEvent(nowMillis, p, previous.get(String.valueOf(p.get("name"))));
        }
        series.addLast(point(nowMillis, byName.values()));
        while (series.size() > 1 && nowMillis - series.peekFirst().atMillis() > SERIES_MILLIS) series.removeFirst();
        previous = byName;
        first = false;
        return frame(nowMillis, byName);
    }

    // ------------------------------------------------------------------ the timeline

    private void processEvents(long now, Map<String, Map<String, Object>> byName) {
        if (first) return;
        for (Map.Entry<String, Map<String, Object>> e : byName.entrySet()) {
            Map<String, Object> before = previous.get(e.getKey());
            if (before == null) continue;
            Map<String, Object> p = e.getValue();
            if (running(before) && !running(p)) {
                add(now, "down", e.getKey() + " " + (Objects.equals(p.get("state"), "dead") ? "is dead" : "stopped answering"),
                        "last seen as pid " + before.get("pid") + " on " + before.get("host"));
            } else if (!running(before) && running(p)) {
                add(now, "up", e.getKey() + " answers again", "pid " + p.get("pid") + " on " + p.get("host"));
            } else if (running(p) && before.get("pid") != null && p.get("pid") != null && !before.get("pid").equals(p.get("pid"))) {
                add(now, "restart", e.getKey() + " is a new process", "pid " + before.get("pid") + " → " + p.get("pid"));
            }
        }
    }

    private void groupEvents(long now, Map<String, Map<String, Object>> byName) {
        Map<String, Object> newest = null;
        for (Map<String, Object> p : byName.values()) {
            if (running(p) && p.get("view") instanceof Number v && (newest == null || v.longValue() > ((Number) newest.get("view")).longValue())) newest = p;
        }
        if (newest != null) {
            long view = ((Number) newest.get("view")).longValue();
            if (view != lastView) {
                if (lastView >= 0) add(now, "view", "view " + view + ": " + size(newest.get("members")) + " members",
                        "coordinator " + newest.get("coordinator") + "; members " + newest.get("members"));
                lastView = view;
            }
        }
        String orderer = orderer(byName);
        if (orderer != null && !orderer.equals(lastOrderer)) {
            if (lastOrderer != null) add(now, "takeover", orderer + " orders now", "the member that ordered before: " + lastOrderer);
            lastOrderer = orderer;
        }
    }

    private void frontEndEvents(long now, Map<String, Object> fe, Map<String, Object> before) {
        if (before == null || !running(before)) return;
        String name = String.valueOf(fe.get("name"));
        List<Long> mismatches = numbers(fe.get("mismatches")), wasMismatches = numbers(before.get("mismatches"));
        List<Long> late = numbers(fe.get("lateReports")), wasLate = numbers(before.get("lateReports"));
        for (int i = 0; i < Math.min(mismatches.size(), wasMismatches.size()); i++) {
            long d = mismatches.get(i) - wasMismatches.get(i);
            if (d > 0) add(now, "mismatch", "R" + (i + 1) + " answered wrongly" + (d > 1 ? " (" + d + " results)" : ""),
                    name + " saw its result differ from the two that agreed; " + mismatches.get(i) + " in all; run now "
                            + numbers(fe.get("wrongRuns")).stream().skip(i).findFirst().orElse(0L));
        }
        for (int i = 0; i < Math.min(late.size(), wasLate.size()); i++) {
            long d = late.get(i) - wasLate.get(i);
            if (d > 0) add(now, "suspicion", "R" + (i + 1) + " suspected: no result in time",
                    name + " reported it late to the managers (threshold " + fe.get("suspicionThresholdMs") + " ms); " + late.get(i) + " reports in all");
        }
        if (fe.get("conflicts") instanceof Number c && before.get("conflicts") instanceof Number b && c.longValue() > b.longValue()) {
            add(now, "alarm", "two pairs of replicas disagreed", name + ": " + c + " such calls in all");
        }
    }

    private void managerEvents(long now, Map<String, Object> rm) {
        String name = String.valueOf(rm.get("name"));
        long seen = journalSeen.getOrDefault(name, 0L);
        long newest = seen;
        for (Object o : rm.get("journal") instanceof List<?> l ? l : List.of()) {
            String entry = String.valueOf(o);
            int space = entry.indexOf(' ');
            long n;
            try {
                n = Long.parseLong(entry.substring(0, Math.max(space, 0)));
            } catch (NumberFormatException e) {
                continue;
            }
            if (n <= seen) continue;
            newest = Math.max(newest, n);
            String text = entry.substring(space + 1);
            // A manager's first round tells what it did before the console was watching: not news.
            if (!first && journalSeen.containsKey(name)) add(now, journalKind(text), name + ": " + text, "from " + name + "'s journal, entry " + n);
        }
        journalSeen.put(name, newest);
        for (Object o : rm.get("replacements") instanceof List<?> l ? l : List.of()) {
            String entry = String.valueOf(o);
            if (replacementsSeen.add(entry) && !first) add(now, "replacement", entry.replaceFirst(" at .*", ""), entry + " (told by " + name + ")");
        }
    }

    private static String journalKind(String text) {
        if (text.startsWith("ALARM")) return "alarm";
        if (text.startsWith("votes")) return "vote";
        if (text.startsWith("proposes")) return "proposal";
        if (text.startsWith("replacing") || text.startsWith("the managers did not agree")) return "decision";
        if (text.startsWith("digest audit")) return "audit";
        return "suspicion";
    }

    private void transferEvent(long now, Map<String, Object> r, Map<String, Object> before) {
        Object transfer = r.get("lastTransfer");
        if (transfer == null || (before != null && Objects.equals(transfer, before.get("lastTransfer")))) return;
        if (first && before == null) return;
        add(now, "transfer", r.get("name") + " caught up by state transfer", String.valueOf(transfer));
    }

    /** An action of the demo panel: what was asked, the shell command that does the same, and what happened. */
    synchronized void action(long now, String line, String command, String result, boolean ok) {
        add(now, "action", "demo panel: " + line + (ok ? "" : " (refused)"), (command.isEmpty() ? "" : command + ": ") + result);
    }

    private void add(long now, String kind, String title, String details) {
        events.addLast(new Event(++eventNumber, now, kind, title, details));
        if (events.size() > EVENTS_KEPT) events.removeFirst();
    }

    // ------------------------------------------------------------------ the charts

    private Point point(long now, Iterable<Map<String, Object>> processes) {
        long[] counts = null;
        List<Double> replicaMs = new ArrayList<>(List.of(0.0, 0.0, 0.0, 0.0));
        List<Double> bounds = List.of();
        int frontEnds = 0;
        for (Map<String, Object> p : processes) {
            if (!"frontend".equals(p.get("kind")) || !running(p)) continue;
            List<Long> c = numbers(p.get("latencyCounts"));
            bounds = doubles(p.get("latencyBoundsS"));
            if (counts == null) counts = new long[c.size()];
            for (int i = 0; i < Math.min(c.size(), counts.length); i++) counts[i] += c.get(i);
            List<Double> ms = doubles(p.get("replicaResponseMs"));
            for (int i = 0; i < Math.min(4, ms.size()); i++) replicaMs.set(i, Math.max(replicaMs.get(i), ms.get(i)));
            frontEnds++;
        }
        Double rate = null, p50 = null, p99 = null;
        if (counts != null && lastLatencyCounts != null && lastLatencyCounts.length == counts.length && now > lastLatencyAt) {
            long[] delta = new long[counts.length];
            long total = 0;
            for (int i = 0; i < counts.length; i++) {
                delta[i] = Math.max(0, counts[i] - lastLatencyCounts[i]);   // a restarted front end counts from 0 again
                total += delta[i];
            }
            rate = total * 1_000.0 / (now - lastLatencyAt);
            if (total > 0) {
                p50 = quantileMs(bounds, delta, 0.50);
                p99 = quantileMs(bounds, delta, 0.99);
            }
        }
        lastLatencyCounts = counts;
        lastLatencyAt = now;
        return new Point(now, rate, p50, p99, frontEnds == 0 ? null : replicaMs);
    }

    /**
     * The q-quantile of a histogram's counts (not cumulative; the last is above every bound), in ms,
     * interpolated inside its bucket; a quantile in the open last bucket is its lower bound.
     */
    static double quantileMs(List<Double> boundsSeconds, long[] counts, double q) {
        long total = 0;
        for (long c : counts) total += c;
        double target = q * total, below = 0;
        for (int i = 0; i < counts.length; i++) {
            double lower = i == 0 ? 0 : boundsSeconds.get(Math.min(i, boundsSeconds.size()) - 1);
            if (counts[i] > 0 && below + counts[i] >= target) {
                if (i >= boundsSeconds.size()) return lower * 1_000;
                double upper = boundsSeconds.get(i);
                return (lower + (upper - lower) * (target - below) / counts[i]) * 1_000;
            }
            below += counts[i];
        }
        return 0;
    }

    // ------------------------------------------------------------------ the frame

    private Map<String, Object> frame(long now, Map<String, Map<String, Object>> byName) {
        String orderer = orderer(byName);
        long orderedTo = orderer == null ? -1 : ((Number) byName.get(orderer).getOrDefault("delivered", -1L)).longValue();
        Set<String> apart = disagreeing(byName.values());
        List<Map<String, Object>> members = new ArrayList<>();
        for (Map<String, Object> p : byName.values()) {
            Map<String, Object> m = new LinkedHashMap<>(p);
            m.put("running", running(p));
            m.put("orders", p.get("name").equals(orderer));
            if (p.get("lastApplied") instanceof Number a && orderedTo >= 0) m.put("lag", Math.max(0, orderedTo - a.longValue()));
            m.put("disagrees", apart.contains(String.valueOf(p.get("name"))));
            if (p.get("startedAtMillis") instanceof Number s) m.put("uptimeS", (now - s.longValue()) / 1_000);
            members.add(m);
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("at", now);
        f.put("orderer", orderer);
        f.put("view", lastView);
        f.put("frontEndUp", byName.values().stream().anyMatch(p -> "frontend".equals(p.get("kind")) && running(p)));
        f.put("members", members);
        List<Map<String, Object>> ev = new ArrayList<>();
        for (Event e : events) {
            ev.add(new LinkedHashMap<>(Map.of("n", e.number(), "at", e.atMillis(), "kind", e.kind(), "title", e.title(), "details", e.details())));
        }
        f.put("events", ev);
        List<Map<String, Object>> pts = new ArrayList<>();
        for (Point p : series) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", p.atMillis());
            m.put("rate", p.callsPerSecond());
            m.put("p50", p.p50Ms());
            m.put("p99", p.p99Ms());
            m.put("replicaMs", p.replicaMs());
            pts.add(m);
        }
        f.put("series", pts);
        return f;
    }

    /**
     * Replicas whose digest differs from the one most replicas have at the sequence number most of
     * them hashed at (a replica between two numbers is not told apart, only one with another state).
     */
    static Set<String> disagreeing(Iterable<Map<String, Object>> processes) {
        Map<Object, Map<String, List<String>>> byAt = new TreeMap<>((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
        for (Map<String, Object> p : processes) {
            if (!"replica".equals(p.get("kind")) || !running(p) || p.get("digest") == null) continue;
            byAt.computeIfAbsent(p.get("digestAt"), k -> new TreeMap<>()).computeIfAbsent(String.valueOf(p.get("digest")), k -> new ArrayList<>())
                    .add(String.valueOf(p.get("name")));
        }
        Set<String> apart = new HashSet<>();
        for (Map<String, List<String>> digests : byAt.values()) {
            if (digests.size() < 2) continue;
            int most = digests.values().stream().mapToInt(List::size).max().orElse(0);
            if (digests.values().stream().filter(l -> l.size() == most).count() > 1) continue;   // a tie: nobody to single out
            digests.values().stream().filter(l -> l.size() < most).forEach(apart::addAll);
        }
        return apart;
    }

    private static String orderer(Map<String, Map<String, Object>> byName) {
        for (Map<String, Object> p : byName.values()) if (running(p) && Boolean.TRUE.equals(p.get("sequencer"))) return String.valueOf(p.get("name"));
        return null;
    }

    private static boolean running(Map<String, Object> p) { return "running".equals(p.get("state")); }

    private static int size(Object list) { return list instanceof List<?> l ? l.size() : 0; }

    private static List<Long> numbers(Object list) {
        List<Long> out = new ArrayList<>();
        if (list instanceof List<?> l) for (Object o : l) out.add(o instanceof Number n ? n.longValue() : 0L);
        return out;
    }

    private static List<Double> doubles(Object list) {
        List<Double> out = new ArrayList<>();
        if (list instanceof List<?> l) for (Object o : l) out.add(o instanceof Number n ? n.doubleValue() : 0.0);
        return out;
    }
}
