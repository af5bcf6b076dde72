package dmtbs.rm;

import dmtbs.group.msg.Report;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicaManagerCoreTest {

    private static Report r(Report.Kind k) { return new Report(k, "R3", "r3-first", 0, ""); }

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
    void aMajorityOfAllFourManagersDecides() {
        Agreement four = new Agreement("RM2", 4);
        assertEquals(Agreement.Outcome.PENDING, four.vote("RM1", true));
        assertEquals(Agreement.Outcome.PENDING, four.vote("RM1", true), "one voter counts once");
        assertEquals(Agreement.Outcome.YES, four.vote("RM3", true));

        Agreement refused = new Agreement("RM2", 4);
        assertEquals(Agreement.Outcome.PENDING, refused.vote("RM1", false));
        assertEquals(Agreement.Outcome.NO, refused.vote("RM3", false));

        // A manager cut off from the others (or left alone by two crashes) must not replace its
        // healthy replica: before, it counted a majority of the managers it saw, and alone that was itself.
        Agreement alone = new Agreement("RM2", 4);
        assertEquals(Agreement.Outcome.PENDING, alone.outcome(), "one of four decides nothing");
        assertEquals(Agreement.Outcome.PENDING, alone.vote("RM4", true), "two of four neither");
        assertEquals(Agreement.Outcome.YES, alone.vote("RM3", true), "three of four do, the fourth being down");
    }

    @Test
    void twoPairsOfDigestsThatDisagreeNameNobodyAndRaiseTheAlarm() {
        DigestAudit a = new DigestAudit();
        // Offered in both orders: the verdict must not depend on which digest a hash map lists first.
        for (List<String> order : List.of(List.of("R1", "R2", "R3", "R4"), List.of("R3", "R4", "R1", "R2"))) {
            long seq = order.get(0).equals("R1") ? 20 : 21;
            for (String r : order) {
                assertEquals(java.util.Set.of(), a.offer(seq, r, r.equals("R1") || r.equals("R2") ? "aa" : "bb", 4), r + " at " + seq);
            }
            for (String r : order) assertFalse(a.divergent(r), r + " named by a 2-2 split at " + seq);
            assertEquals(java.util.Map.of("aa", java.util.Set.of("R1", "R2"), "bb", java.util.Set.of("R3", "R4")), a.split(seq));
        }
        assertEquals(java.util.Set.of("R4"), offerAll(a, 22, "aa", "aa", "aa", "cc"));
        assertEquals(java.util.Set.of(), offerAll(a, 23, "cc", "aa", "aa"), "a pair waits for the fourth, which may make it 2-2");
        assertEquals(java.util.Set.of("R1"), a.offer(23, "R4", "aa", 4));
        assertEquals(java.util.Set.of("R1", "R4"), offerAll(a, 24, "cc", "aa", "aa", "dd"), "a pair, all in, names the others");
        assertEquals(java.util.Map.of(), a.split(22), "three against one is no split");
    }

    private static java.util.Set<String> offerAll(DigestAudit a, long seq, String... digests) {
        java.util.Set<String> last = java.util.Set.of();
        for (int i = 0; i < digests.length; i++) last = a.offer(seq, "R" + (i + 1), digests[i], 4);
        return last;
    }

    @Test
    void aDigestThatDiffersFromTwoAgreeingOnesIsDivergent() {
        DigestAudit a = new DigestAudit();
        assertEquals(java.util.Set.of(), a.offer(10, "R1", "aa", 3));
        assertEquals(java.util.Set.of(), a.offer(10, "R2", "bb", 3), "one against one: no verdict");
        assertEquals(java.util.Set.of("R2"), a.offer(10, "R3", "aa", 3), "two against one, and nobody else in the view");
        assertTrue(a.divergent("R2"));
        assertFalse(a.divergent("R1"));
        a.forget("R2");
        assertFalse(a.divergent("R2"));
        assertEquals(java.util.Set.of(), a.offer(11, "R4", "cc", 4));
    }

    @Test
    void nothingNewIsProposedWhileADecidedReplacementIsUnderWay() {
        ReplacementProposals p = new ReplacementProposals(6_000);
        long first = p.open("RM4", "CRASH", 4, 0);
        assertTrue(first > 0);
        assertEquals(0, p.open("RM4", "WRONG", 4, 10), "one proposal at a time");
        assertEquals(Agreement.Outcome.PENDING, p.vote(first, "RM1", true));
        assertEquals(Agreement.Outcome.YES, p.vote(first, "RM3", true));
        assertEquals("CRASH", p.reason());
        assertEquals(Agreement.Outcome.PENDING, p.vote(first, "RM2", true), "decided once: a late vote does not decide again");
        // The stale evidence (a late report of the process being replaced) must not replace the fresh one too.
        assertEquals(0, p.open("RM4", "CRASH", 4, 20), "a second proposal while the first replacement runs");
        p.expire(60_000);
        assertEquals(0, p.open("RM4", "CRASH", 4, 60_000), "a running replacement does not expire");
        p.replaced();
        long second = p.open("RM4", "CRASH", 4, 60_010);
        assertTrue(second > first, "proposals are possible again once the replacement is done");
    }

    @Test
    void aRefusedOrExpiredProposalMayBeMadeAgain() {
        ReplacementProposals p = new ReplacementProposals(6_000);
        long refused = p.open("RM2", "CRASH", 4, 0);
        p.vote(refused, "RM1", false);
        assertEquals(Agreement.Outcome.NO, p.vote(refused, "RM3", false));
        assertFalse(p.replacing());
        long unanswered = p.open("RM2", "CRASH", 4, 100);
        assertTrue(unanswered > refused);
        p.expire(6_100);
        assertEquals(0, p.open("RM2", "CRASH", 4, 6_100), "not expired yet");
        p.expire(6_101);
        assertTrue(p.open("RM2", "CRASH", 4, 6_101) > unanswered);
        assertEquals(Agreement.Outcome.PENDING, p.vote(unanswered, "RM1", true), "a vote on an expired proposal counts for nothing");
        ReplacementProposals alone = new ReplacementProposals(6_000);
        assertEquals(Agreement.Outcome.PENDING, alone.outcome(alone.open("RM1", "WRONG", 4, 0)), "a manager alone decides nothing");
        assertFalse(alone.replacing());
    }
}
