package dmtbs.launcher;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's frames from rounds of status answers: the timeline, the members' marks and the charts' points. */
class ConsoleFeedTest {

    private static Map<String, Object> p(String name, String kind, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("name", name, "kind", kind, "state", "running", "pid", (long) name.hashCode(), "host", "h"));
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static Map<String, Object> replica(String name, long applied, String digest, String mode) {
        return p(name, "replica", "lastApplied", applied, "digestAt", applied, "digest", digest, "mode", mode, "view", 5L);
    }

    private static Map<String, Object> frontEnd(List<Long> mismatches, List<Long> late, List<Long> latency) {
        return p("FrontEnd", "frontend", "mismatches", mismatches, "lateReports", late, "wrongRuns", List.of(0L, 0L, 0L, 0L),
                "latencyBoundsS", List.of(0.001, 0.01, 0.1), "latencyCounts", latency, "replicaResponseMs", List.of(1.0, 2.0, 3.0, 4.0), "view", 5L);
    }

    private static List<Map<String, Object>> round(Map<String, Object>... ps) { return new ArrayList<>(List.of(ps)); }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> events(Map<String, Object> frame) { return (List<Map<String, Object>>) frame.get("events"); }

    private static List<String> kinds(Map<String, Object> frame) { return events(frame).stream().map(e -> (String) e.get("kind")).toList(); }

    @Test
    void whatChangedBetweenTwoRoundsIsOnTheTimelineOnce() {
        ConsoleFeed feed = new ConsoleFeed();
        Map<String, Object> seq = p("Sequencer", "sequencer", "sequencer", true, "delivered", 100L, "view", 5L, "members", List.of("a", "b"), "coordinator", "Sequencer");
        Map<String, Object> rm1 = p("RM1", "rm", "journal", List.of("1 votes yes on replacing R9 (CRASH)"), "replacements", List.of());
        Map<String, Object> first = feed.update(1_000, round(seq, replica("R1", 100, "d", "HONEST"), replica("R2", 100, "d", "HONEST"),
                frontEnd(List.of(0L, 0L, 0L, 0L), List.of(0L, 0L, 0L, 0L), List.of(0L, 0L, 0L, 0L)), rm1));
        assertEquals(List.of(), kinds(first), "what was there before the console watched is not news");

        Map<String, Object> dead = new LinkedHashMap<>(Map.of("name", "R2", "state", "dead", "host", "h"));
        Map<String, Object> seq2 = p("RM1", "rm", "sequencer", true, "delivered", 120L, "view", 6L, "members", List.of("a"), "coordinator", "RM1",
                "journal", List.of("1 votes yes on replacing R9 (CRASH)", "2 proposes to replace R1 (WRONG), 4 of 4 managers live", "3 replacing R1 (WRONG): the managers agreed"),
                "replacements", List.of("R1 replaced (WRONG) at 2026-12-07T20:00:00Z"));
        Map<String, Object> second = feed.update(2_000, round(seq2, replica("R1", 110, "d", "BYZANTINE"), dead,
                frontEnd(List.of(2L, 0L, 0L, 0L), List.of(0L, 1L, 0L, 0L), List.of(5L, 10L, 5L, 0L))));
        List<String> k = kinds(second);
        for (String expected : List.of("down", "view", "takeover", "mismatch", "suspicion", "proposal", "decision", "replacement")) {
            assertTrue(k.contains(expected), expected + " in " + events(second));
        }
        assertEquals(1, k.stream().filter("proposal"::equals).count());
        assertTrue(events(second).stream().noneMatch(e -> String.valueOf(e.get("title")).contains("R9")), "journal entries seen before are not news");
        assertTrue(events(second).stream().anyMatch(e -> "R1 answered wrongly (2 results)".equals(e.get("title"))), events(second).toString());

        Map<String, Object> third = feed.update(3_000, round(seq2, replica("R1", 120, "d", "HONEST"), dead,
                frontEnd(List.of(2L, 0L, 0L, 0L), List.of(0L, 1L, 0L, 0L), List.of(5L, 10L, 5L, 0L))));
        assertEquals(events(second).size(), events(third).size(), "nothing new, nothing added: " + events(third));
    }

    @Test
    void membersAreMarkedWithTheirLagAndWhoOrdersAndWhoDisagrees() {
        ConsoleFeed feed = new ConsoleFeed();
        Map<String, Object> frame = feed.update(1_000, round(p("Sequencer", "sequencer", "sequencer", true, "delivered", 50L),
                replica("R1", 50, "good", "HONEST"), replica("R2", 50, "good", "HONEST"), replica("R3", 50, "bad", "HONEST"), replica("R4", 47, "old", "HONEST")));
        @SuppressWarnings("unchecked") List<Map<String, Object>> members = (List<Map<String, Object>>) frame.get("members");
        Map<String, Map<String, Object>> by = new LinkedHashMap<>();
        members.forEach(m -> by.put((String) m.get("name"), m));
        assertEquals(true, by.get("Sequencer").get("orders"));
        assertEquals(true, by.get("R3").get("disagrees"));
        assertEquals(false, by.get("R4").get("disagrees"), "a replica hashed at another number is behind, not apart");
        assertEquals(3L, by.get("R4").get("lag"));
        assertEquals(false, frame.get("frontEndUp"));
    }

    @Test
    void aTieSinglesNobodyOut() {
        assertEquals(Set.of(), ConsoleFeed.disagreeing(List.of(replica("R1", 9, "a", "HONEST"), replica("R2", 9, "a", "HONEST"),
                replica("R3", 9, "b", "HONEST"), replica("R4", 9, "b", "HONEST"))));
    }

    @Test
    void theChartsTakeCallsPerSecondAndQuantilesFromTheHistogramsGrowth() {
        ConsoleFeed feed = new ConsoleFeed();
        feed.update(1_000, round(frontEnd(List.of(0L, 0L, 0L, 0L), List.of(0L, 0L, 0L, 0L), List.of(100L, 0L, 0L, 0L))));
        Map<String, Object> frame = feed.update(3_000, round(frontEnd(List.of(0L, 0L, 0L, 0L), List.of(0L, 0L, 0L, 0L), List.of(100L, 90L, 10L, 0L))));
        @SuppressWarnings("unchecked") List<Map<String, Object>> series = (List<Map<String, Object>>) frame.get("series");
        assertEquals(2, series.size());
        assertNull(series.get(0).get("rate"), "no rate from one round");
        Map<String, Object> last = series.get(1);
        assertEquals(50.0, (Double) last.get("rate"), 1e-9, "100 calls in 2 s");
        assertEquals(1.0 + 9.0 * 50 / 90, (Double) last.get("p50"), 1e-9, "inside the 1–10 ms bucket");
        assertEquals(10.0 + 90.0 * 9 / 10, (Double) last.get("p99"), 1e-9, "inside the 10–100 ms bucket");
    }

    @Test
    void aQuantileInTheOpenLastBucketIsItsLowerBound() {
        assertEquals(100.0, ConsoleFeed.quantileMs(List.of(0.001, 0.01, 0.1), new long[] {0, 0, 0, 5}, 0.5), 1e-9);
    }
}
