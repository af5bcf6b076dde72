package dmtbs.launcher;

import dmtbs.frontend.FrontEndMetrics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleMetricsTest {

    /** Status answers as the processes give them (JsonReader's shapes), one of them dead. */
    private static List<Object> status() {
        List<Object> out = new ArrayList<>();
        out.add(process("Sequencer", "sequencer", Map.of("sequencer", true, "view", 7L, "delivered", 120L, "decodeFailures", 2L)));
        out.add(process("R1", "replica", Map.of("sequencer", false, "view", 7L, "delivered", 120L, "lastApplied", 120L, "durableSeq", 118L)));
        out.add(process("R2", "replica", Map.of("state", "dead")));
        out.add(process("FrontEnd", "frontend", Map.of("pending", 3L, "suspicionThresholdMs", 450L, "conflicts", 0L,
                "mismatches", List.of(0L, 4L, 0L, 0L), "lateReports", List.of(0L, 1L, 0L, 0L))));
        out.add(process("FrontEnd2", "frontend", Map.of("pending", 0L)));
        out.add(process("RM1", "rm", Map.of("falseSuspicions", 1L,
                "replacements", List.of("R2 replaced (CRASH) at 2026-12-07T20:00:00Z", "R3 replaced (WRONG) at 2026-12-07T20:01:00Z"))));
        out.add(process("RM2", "rm", Map.of("replacements", List.of("R2 replaced (CRASH) at 2026-12-07T20:00:00Z"))));
        return out;
    }

    private static Map<String, Object> process(String name, String kind, Map<String, Object> fields) {
        Map<String, Object> p = new LinkedHashMap<>(Map.of("name", name, "kind", kind, "state", "running"));
        p.putAll(fields);
        return p;
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (-?[0-9.eE+-]+|NaN|[+-]Inf)$");

    @Test
    void theStatusAnswersReadAsPrometheusMetrics() throws Exception {
        // Two front ends measure their own calls; their expositions are merged into the console's.
        Map<String, FrontEndMetrics> frontEnds = Map.of("FrontEnd", new FrontEndMetrics("FrontEnd", () -> 7),
                "FrontEnd2", new FrontEndMetrics("FrontEnd2", () -> 0));
        frontEnds.get("FrontEnd").observe("bookMovieTickets", FrontEndMetrics.Outcome.OK, 3_000_000);
        frontEnds.get("FrontEnd").observe("bookMovieTickets", FrontEndMetrics.Outcome.REFUSED, 40_000);
        frontEnds.get("FrontEnd2").observe("getBookingSchedule", FrontEndMetrics.Outcome.UNAVAILABLE, 6_000_000_000L);
        String text = new ConsoleMetrics(ConsoleMetricsTest::status, (name, command) -> {
            assertEquals("metrics", command);
            return frontEnds.get(name).scrape();
        }).scrape();
        // The text format's grammar: every sample belongs to a family declared once by # TYPE before it.
        Set<String> families = new HashSet<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) assertTrue(families.add(line.split(" ")[2]), "declared twice: " + line);
            if (line.isEmpty() || line.startsWith("#")) continue;
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "not a sample line: " + line);
            String name = m.group(1);
            assertTrue(families.contains(name) || families.contains(name.replaceFirst("_(total|bucket|count|sum)$", "")), "undeclared: " + line);
            assertTrue(name.startsWith("dmtbs_"), line);
        }
        assertTrue(text.contains("dmtbs_frontend_requests_total{member=\"FrontEnd\",operation=\"bookMovieTickets\",outcome=\"OK\"} 1.0"), text);
        assertTrue(text.contains("dmtbs_frontend_requests_total{member=\"FrontEnd2\",operation=\"getBookingSchedule\",outcome=\"UNAVAILABLE\"} 1.0"), text);
        assertTrue(text.contains("dmtbs_frontend_request_duration_seconds_bucket{member=\"FrontEnd\",operation=\"bookMovieTickets\",le=\"0.005\"} 2"), text);
        assertTrue(text.contains("dmtbs_frontend_request_duration_seconds_bucket{member=\"FrontEnd2\",operation=\"getBookingSchedule\",le=\"5.0\"} 0"), text);
        assertTrue(text.contains("dmtbs_frontend_overloaded_total{member=\"FrontEnd\"} 7.0"), text);
        assertTrue(text.contains("dmtbs_process_up{kind=\"replica\",member=\"R2\"} 0"), text);
        assertTrue(text.contains("dmtbs_process_up{kind=\"replica\",member=\"R1\"} 1"), text);
        assertTrue(text.contains("dmtbs_sequencer{member=\"Sequencer\"} 1"), text);
        assertTrue(text.contains("dmtbs_replica_last_applied_seq{member=\"R1\"} 120"), text);
        assertTrue(text.contains("dmtbs_frontend_mismatches_total{member=\"FrontEnd\",replica=\"R2\"} 4"), text);
        assertTrue(text.contains("dmtbs_frontend_suspicion_threshold_seconds{member=\"FrontEnd\"} 0.45"), text);
        assertTrue(text.contains("dmtbs_decode_failures_total{member=\"Sequencer\"} 2"), text);
        // Two managers told the same replacement: it counts once.
        assertTrue(text.contains("dmtbs_replacements_total{reason=\"CRASH\",replica=\"R2\"} 1"), text);
        assertTrue(text.contains("dmtbs_replacements_total{reason=\"WRONG\",replica=\"R3\"} 1"), text);
        assertTrue(text.contains("# TYPE dmtbs_replacements counter") || text.contains("# TYPE dmtbs_replacements_total counter"), text);
    }

    @Test
    void eachScrapeReadsTheStatusOnce() throws Exception {
        int[] reads = new int[1];
        ConsoleMetrics metrics = new ConsoleMetrics(() -> {
            reads[0]++;
            return status();
        }, (name, command) -> "");
        metrics.scrape();
        metrics.scrape();
        assertEquals(2, reads[0], "one status round per scrape, however many metrics");
    }
}
