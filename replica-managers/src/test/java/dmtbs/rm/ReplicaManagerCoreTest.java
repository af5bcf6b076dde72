package dmtbs.rm;

import dmtbs.group.msg.Report;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicaManagerCoreTest {

    private static Report r(Report.Kind k) { return new Report(k, "R3", 0, ""); }

    @Test
    void threeWrongInARowAreTooMany_aCorrectOneInBetweenResets() {
        ReplicaHealth h = new ReplicaHealth();
        h.onReport(r(Report.Kind.MISMATCH), 0);
        h.onReport(r(Report.Kind.MISMATCH), 0);
        assertFalse(h.wrongTooOften("R3"));
        h.onReport(r(Report.Kind.MATCH), 0);
        h.onReport(r(Report.Kind.MISMATCH), 0);
        h.onReport(r(Report.Kind.MISMATCH), 0);
        assertFalse(h.wrongTooOften("R3"), "wrong, wrong, right, wrong, wrong");
        h.onReport(r(Report.Kind.MISMATCH), 0);
        assertTrue(h.wrongTooOften("R3"));
        h.forget("R3");
        assertEquals(0, h.wrongRun("R3"));
    }

    @Test
    void latenessIsRememberedForAWhile() {
        ReplicaHealth h = new ReplicaHealth();
        h.onReport(r(Report.Kind.LATE), 1_000);
        assertTrue(h.recentlyLate("R3", 5_000));
        assertFalse(h.recentlyLate("R3", 1_000 + ReplicaHealth.LATE_MEMORY_MILLIS + 1));
        assertFalse(h.recentlyLate("R1", 5_000));
    }

    @Test
    void aMajorityOfLiveManagersDecides() {
        Agreement four = new Agreement("RM2", 4);
        assertEquals(Agreement.Outcome.PENDING, four.vote("RM1", true));
        assertEquals(Agreement.Outcome.PENDING, four.vote("RM1", true), "one voter counts once");
        assertEquals(Agreement.Outcome.YES, four.vote("RM3", true));

        Agreement refused = new Agreement("RM2", 4);
        assertEquals(Agreement.Outcome.PENDING, refused.vote("RM1", false));
        assertEquals(Agreement.Outcome.NO, refused.vote("RM3", false));

        assertEquals(Agreement.Outcome.YES, new Agreement("RM2", 1).outcome(), "the last manager standing decides alone");
        Agreement three = new Agreement("RM2", 3);
        assertEquals(Agreement.Outcome.YES, three.vote("RM4", true));
    }

    @Test
    void aDigestThatDiffersFromTwoAgreeingOnesIsDivergent() {
        DigestAudit a = new DigestAudit();
        assertEquals(java.util.Set.of(), a.offer(10, "R1", "aa"));
        assertEquals(java.util.Set.of(), a.offer(10, "R2", "bb"), "one against one: no verdict");
        assertEquals(java.util.Set.of("R2"), a.offer(10, "R3", "aa"));
        assertTrue(a.divergent("R2"));
        assertFalse(a.divergent("R1"));
        a.forget("R2");
        assertFalse(a.divergent("R2"));
        assertEquals(java.util.Set.of(), a.offer(11, "R4", "cc"));
    }
}
