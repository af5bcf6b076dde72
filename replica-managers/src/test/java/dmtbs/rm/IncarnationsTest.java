package dmtbs.rm;

import dmtbs.group.msg.Report;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IncarnationsTest {

    @Test
    void reportsAboutAReplacedProcessAreToldFromReportsAboutItsSuccessor() {
        Incarnations i = new Incarnations();
        i.view(Map.of("R1", "r1-a", "R2", "r2-a"));
        assertFalse(i.retired("r2-a"));
        // R2's manager replaces it: reports about r2-a still in flight must not count for its successor.
        i.replaced("R2");
        assertTrue(i.retired("r2-a"));
        i.view(Map.of("R1", "r1-a", "R2", "r2-b"));
        assertFalse(i.retired("r2-b"));
        // R1's host is cut off and comes back: the same process, still R1, and its reports count.
        i.view(Map.of("R2", "r2-b"));
        i.view(Map.of("R1", "r1-a", "R2", "r2-b"));
        assertFalse(i.retired("r1-a"), "out of the view for a while is not replaced");
        assertFalse(i.retired(null), "a report that names no process (from an older front end) is not stale");
    }

    @Test
    void anotherManagersReplacementRetiresExactlyTheProcessItNamed() {
        Incarnations i = new Incarnations();
        i.view(Map.of("R3", "r3-a"));
        // The successor may join before the notice arrives: the notice names the old process, not the replica.
        i.view(Map.of("R3", "r3-b"));
        i.replacedElsewhere("r3-a");
        assertTrue(i.retired("r3-a"));
        assertFalse(i.retired("r3-b"));
    }

    @Test
    void aVerdictOnAnOlderRequestThatComesLateDoesNotChangeTheRun() {
        ReplicaHealth h = new ReplicaHealth();
        // Seen in RecoveryEndToEndTest: a MATCH for seq 16 (judged late: one replica never answered it)
        // came after the MISMATCH for seq 21 and ended a run that began after it.
        assertTrue(h.onReport(new Report(Report.Kind.MISMATCH, "R1", "r1", 21, ""), 0));
        assertFalse(h.onReport(new Report(Report.Kind.MATCH, "R1", "r1", 16, "judged late"), 0));
        assertTrue(h.onReport(new Report(Report.Kind.MISMATCH, "R1", "r1", 23, ""), 0));
        assertTrue(h.onReport(new Report(Report.Kind.MISMATCH, "R1", "r1", 25, ""), 0));
        assertTrue(h.wrongTooOften("R1"));
        assertTrue(h.onReport(new Report(Report.Kind.MATCH, "R1", "r1", 26, ""), 0));
        assertFalse(h.wrongTooOften("R1"));
        assertTrue(h.onReport(new Report(Report.Kind.MISMATCH, "R1", "r1", -1, "not seen ordered: counted as it comes"), 0));
    }

    @Test
    void aStaleMismatchNoLongerCountsTowardsThreeInARow() {
        ReplicaHealth h = new ReplicaHealth();
        h.view(Map.of("R4", "r4-a"));
        for (int n = 0; n < 2; n++) assertTrue(h.onReport(new Report(Report.Kind.MISMATCH, "R4", "r4-a", n, ""), 0));
        h.replacing("R4");
        h.view(Map.of("R4", "r4-b"));
        // Before incarnations, this late report of the old process was the new one's first wrong answer.
        assertFalse(h.onReport(new Report(Report.Kind.MISMATCH, "R4", "r4-a", 3, "about the old process, still in flight"), 0));
        for (int n = 4; n < 6; n++) h.onReport(new Report(Report.Kind.MISMATCH, "R4", "r4-b", n, ""), 0);
        assertFalse(h.wrongTooOften("R4"), "two wrong answers of the new process, not three");
        h.onReport(new Report(Report.Kind.MISMATCH, "R4", "r4-b", 6, ""), 0);
        assertTrue(h.wrongTooOften("R4"), "its own third one is");
    }
}
