package dmtbs.frontend;

import dmtbs.booking.BookingMachine;
import dmtbs.booking.RefusalCode;
import dmtbs.booking.Result;
import dmtbs.catalog.RandomWorkload;
import dmtbs.catalog.Step;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrontEndCoreTest {

    private static final Result.Done OK = new Result.Done("BOOKED ATWC0001 ATWM261126 Avatar 2");

    @Test
    void twoEqualResultsDecideAndTheDissenterIsNamed() {
        Tally t = new Tally(4);
        assertNull(t.offer(0, OK));
        assertNull(t.offer(1, new Result.Refused(RefusalCode.NOT_BOOKED, "x")));
        assertNull(t.offer(0, OK), "a second answer from the same replica does not count");
        assertEquals(OK.canonical(), t.offer(2, new Result.Done(OK.text())).canonical());
        assertEquals(List.of(1), t.dissenters());
        assertNull(t.offer(3, OK), "decided once");
        assertEquals(4, t.answers());
    }

    @Test
    void aSecondPairThatDisagreesIsAConflictAndAThirdVoteIsNot() {
        Result other = new Result.Refused(RefusalCode.NOT_BOOKED, "");
        Tally split = new Tally(4);
        split.offer(0, OK);
        split.offer(1, OK);
        split.offer(2, other);
        assertTrue(!split.conflict(), "one dissenter is an ordinary mismatch");
        split.offer(3, new Result.Refused(RefusalCode.NOT_BOOKED, "another reason, the same refusal"));
        assertTrue(split.conflict(), "two against two");
        assertEquals(List.of(2, 3), split.dissenters());

        Tally twoWrong = new Tally(4);
        twoWrong.offer(0, OK);
        twoWrong.offer(1, new Result.Done("WRONG one way"));
        twoWrong.offer(2, OK);
        twoWrong.offer(3, new Result.Done("WRONG another way"));
        assertTrue(!twoWrong.conflict(), "two dissenters that differ from each other back no second answer");
        assertTrue(!new Tally(4).conflict(), "undecided");
    }

    @Test
    void refusalReasonsAreNotVotedOn() {
        Tally t = new Tally(4);
        t.offer(0, new Result.Refused(RefusalCode.FOREIGN_LIMIT, "three foreign shows"));
        Result d = t.offer(3, new Result.Refused(RefusalCode.FOREIGN_LIMIT, "limit reached"));
        assertEquals("REFUSED FOREIGN_LIMIT", d.canonical());
    }

    @Test
    void concurrentOffersNeverMissADecision() throws Exception {
        for (int round = 0; round < 2_000; round++) {
            Tally t = new Tally(4);
            AtomicInteger decisions = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            Thread[] threads = new Thread[4];
            for (int i = 0; i < 4; i++) {
                int replica = i;
                threads[i] = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (t.offer(replica, replica == 3 ? new Result.Done("WRONG") : OK) != null) decisions.incrementAndGet();
                });
                threads[i].start();
            }
            go.countDown();
            for (Thread th : threads) th.join();
            assertEquals(1, decisions.get(), "exactly one decision in round " + round);
        }
    }

    @Test
    void suspicionThresholdIsTwiceTheSlowestRecentWithAFloorAndForgetsOldSlowness() {
        ResponseTimes r = new ResponseTimes(4, 300);
        assertEquals(300, r.suspicionThreshold());
        r.record(1_000);
        assertEquals(2_000, r.suspicionThreshold());
        for (int i = 0; i < 4; i++) r.record(100);
        assertEquals(300, r.suspicionThreshold(), "the slow result left the window");
    }

    @Test
    void streaksCountWrongInARowAndReportTheBreak() {
        MismatchStreaks s = new MismatchStreaks(4);
        assertEquals(1, s.wrong(2, 10));
        assertEquals(2, s.wrong(2, 11));
        assertTrue(s.correct(2, 12));
        assertEquals(false, s.correct(2, 13));
        assertEquals(1, s.wrong(2, 14));
    }

    @Test
    void streaksCountInSequenceOrderAsTheManagersDo() {
        MismatchStreaks s = new MismatchStreaks(4);
        assertEquals(1, s.wrong(0, 22));
        assertFalse(s.correct(0, 19), "a request judged late, older than the wrong answer, breaks no run");
        assertEquals(1, s.streak(0));
        assertTrue(s.correct(0, 23), "the next correct answer does, and is reported");
        assertEquals(0, s.wrong(1, 5) - 1);
        assertEquals(1, s.wrong(1, 3), "an older wrong answer does not lengthen the run");
    }

    @Test
    void precheckRefusesExactlyWhatTheRulesRefuseFirst() {
        BookingMachine machine = new dmtbs.reference.ReferenceModel();      // booking-rules.md's answers, from none of the four replicas
        int prechecked = 0;
        for (Step s : new RandomWorkload(21).steps(5_000)) {
            Result actual = machine.apply(s.request(), s.date());
            Result.Refused pre = RequestPrecheck.check(s.request());
            if (pre != null) {
                prechecked++;
                assertEquals(actual.canonical(), pre.canonical(), s.toString());
            } else if (actual instanceof Result.Refused r) {
                assertTrue(r.code() != RefusalCode.BAD_REQUEST && r.code() != RefusalCode.NOT_AUTHORIZED, s + " -> " + r);
            }
        }
        assertTrue(prechecked > 100, "the workload exercises the precheck: " + prechecked);
    }
}
