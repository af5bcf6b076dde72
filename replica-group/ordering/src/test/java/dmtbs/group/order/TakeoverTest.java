package dmtbs.group.order;

import dmtbs.booking.Request;
import dmtbs.group.msg.DateChange;
import dmtbs.group.msg.OrderedBatch;
import dmtbs.group.msg.OrderedRequest;
import dmtbs.group.msg.RequestId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A sequencer dies and another member takes over: what members that were not in step do then. */
class TakeoverTest {

    private static OrderedRequest ordered(long seq, String frontEnd, long counter) {
        return new OrderedRequest(seq, 20_783, new RequestId(frontEnd, counter), counter, null,
                new Request.ListMovieShowsAvailability("ATWA0001", "Titanic"), null);
    }

    @Test
    void aSlowMemberThatDeliveredMoreThanTheOthersHoldsTheTakeoverUntilItAnswers() {
        InMemoryGroup g = new InMemoryGroup(List.of("Sequencer", "R1", "R2", "R3", "FrontEnd"));
        for (int i = 0; i < 4; i++) g.book();
        // The old sequencer's 5 reaches R3 alone, then it dies, and R3 is slow to answer the new one.
        OrderedRequest old5 = ordered(5, "FrontEnd-9", 90);          // another front end's request
        g.send("Sequencer", "R3", new OrderedBatch(g.viewId, List.of(old5)));
        g.freeze("R3");
        g.viewId = 2;
        g.view(List.of("R1", "R2", "R3", "FrontEnd"));
        // Long past the old 2 s deadline, R1 still waits: ordering now would give 5 to a new request,
        // which R3 would drop as one it already has.
        g.nodes.get("R1").tick(60_000);
        g.book();
        assertEquals(InMemoryGroup.upTo(4), g.seqs("R1"), "nothing ordered while a member that may hold more is silent");
        g.thaw("R3");
        g.nodes.get("R1").tick(60_100);          // fetches what R3 has, then orders
        g.run();
        assertEquals(InMemoryGroup.upTo(6), g.seqs("R1"));
        assertEquals(old5, g.delivered.get("R1").get(4), "the old 5 is kept, from the member that had it");
        for (String r : List.of("R2", "R3")) assertEquals(g.delivered.get("R1"), g.delivered.get(r), r + " applied the same order");
    }

    @Test
    void aMemberThatLeavesTheViewIsNoLongerWaitedFor() {
        InMemoryGroup g = new InMemoryGroup(List.of("Sequencer", "R1", "R2", "R3", "R4", "FrontEnd"));
        g.book();
        g.freeze("R4");
        g.viewId = 2;
        g.view(List.of("R1", "R2", "R3", "R4", "FrontEnd"));
        g.book();
        assertEquals(InMemoryGroup.upTo(1), g.seqs("R1"), "R4 has not answered");
        // Failure detection removes the frozen member: the takeover goes on without it.
        g.viewId = 3;
        g.view(List.of("R1", "R2", "R3", "FrontEnd"));
        g.book();
        assertEquals(List.of(1L, 2L, 3L), g.seqs("R2"), "both requests ordered once R4 is out of the view");
    }

    @Test
    void whatAMemberThatCrashedAnsweredNoLongerHoldsTheTakeover() {
        InMemoryGroup g = new InMemoryGroup(List.of("Sequencer", "R1", "R2", "R3", "R4", "FrontEnd"));
        g.book();
        g.book();
        // The dead sequencer's 3 reached R3 alone; R3 answers the new coordinator, then crashes
        // before anyone fetched 3 from it, while R4 is still slow to answer.
        g.send("Sequencer", "R3", new OrderedBatch(g.viewId, List.of(ordered(3, "FrontEnd-9", 90))));
        g.freeze("R4");
        g.viewId = 2;
        g.view(List.of("R1", "R2", "R3", "R4", "FrontEnd"));
        g.freeze("R3");
        g.viewId = 3;
        g.view(List.of("R1", "R2", "R4", "FrontEnd"));
        g.thaw("R4");
        g.book();
        g.nodes.get("R1").tick(1_000);
        g.run();
        // No live member holds the old 3: giving 3 anew harms nobody; waiting for it would be for ever.
        assertEquals(InMemoryGroup.upTo(3), g.seqs("R1"));
        assertEquals(g.delivered.get("R1"), g.delivered.get("R2"));
        assertEquals(g.delivered.get("R1"), g.delivered.get("R4"));
    }

    @Test
    void aNewcomerIsAskedWhereItStandsAndTheMembersOrderedForAreNotWaitedForLong() {
        InMemoryGroup g = new InMemoryGroup(List.of("Sequencer", "R1", "R2", "R3", "FrontEnd"));
        g.book();
        // A replica that resumed from its disk joins (it may hold order this sequencer never gave),
        // while an old member is slow: the newcomer's answer is needed, the old member's is not for long.
        g.start("R4");
        g.freeze("R3");
        g.viewId = 2;
        g.view(List.of("Sequencer", "R1", "R2", "R3", "FrontEnd", "R4"));
        g.book();
        assertEquals(InMemoryGroup.upTo(1), g.seqs("R1"), "within its 2 s, the slow old member is still asked");
        g.nodes.get("Sequencer").tick(2_500);
        g.run();
        assertEquals(InMemoryGroup.upTo(2), g.seqs("R1"), "then the sequencer goes on: it gave every number R3 holds");
        g.thaw("R3");
        assertEquals(g.delivered.get("R1"), g.delivered.get("R3"));
    }

    @Test
    void aMemberBackFromTheOtherSideOfAPartitionIsWaitedFor() {
        InMemoryGroup g = new InMemoryGroup(List.of("Sequencer", "R1", "R2", "R3", "R4", "FrontEnd"));
        g.book();
        g.viewId = 2;
        g.view(List.of("Sequencer", "R1", "R2", "R3", "FrontEnd"));            // R4 cut off
        g.freeze("R4");
        g.viewId = 3;
        g.view(List.of("Sequencer", "R1", "R2", "R3", "FrontEnd", "R4"));      // and back (merge)
        g.book();
        assertEquals(InMemoryGroup.upTo(1), g.seqs("R1"), "it may have delivered what another sequencer ordered: asked first");
        g.thaw("R4");
        g.nodes.get("Sequencer").tick(1_000);
        g.run();
        assertEquals(InMemoryGroup.upTo(2), g.seqs("R1"));
        assertEquals(g.delivered.get("R1"), g.delivered.get("R4"));
    }

    /**
     * A sequencer frozen past its exclusion still believes it orders when it thaws: it numbers what
     * waited in its inbox and delivers that to itself, at numbers its successor gave to other requests.
     * Back in the group, its order must be dropped, not taken up (found by the simulation, seed 42:
     * the successor fetched the deposed sequencer's numbers beyond its own, and the deposed one kept
     * serving its own requests at numbers the group had given to others).
     */
    @Test
    void aSequencerDeposedWhileFrozenDropsTheOrderItGaveItselfAndNobodyTakesItUp() {
        InMemoryGroup g = new InMemoryGroup(List.of("Sequencer", "RM1", "R1", "R2", "R3", "R4", "FrontEnd"));
        g.book();
        g.book();
        g.freeze("Sequencer");
        for (int i = 0; i < 3; i++) g.book();                                  // wait in the frozen sequencer's inbox
        g.viewId = 2;
        g.view(List.of("RM1", "R1", "R2", "R3", "R4", "FrontEnd"));             // excluded: RM1 takes over
        g.book();
        g.thaw("Sequencer");
        assertEquals(5, g.nodes.get("Sequencer").delivered(), "the fault happened: it ordered 3..5 for itself alone");
        g.viewId = 3;
        g.view(List.of("RM1", "R1", "R2", "R3", "R4", "FrontEnd", "Sequencer"));   // merged back
        g.nodes.get("RM1").tick(3_000);
        g.run();
        g.book();
        assertEquals(InMemoryGroup.upTo(4), g.seqs("R1"), "the group's order goes on from its own 3, not from the deposed one's 5");
        assertEquals(4, g.nodes.get("Sequencer").delivered());
        Map<Long, RequestId> group = InMemoryGroup.order(g.delivered.get("R1"));
        for (String m : List.of("R2", "R3", "R4", "Sequencer")) assertEquals(group, InMemoryGroup.order(g.delivered.get(m)), m);
    }

    /**
     * View ids repeat on the two sides of a partition, so a coordinator without a quorum of replicas
     * must not settle an epoch under its view's number: the other side may be ordering under the same
     * one (found by the simulation at 10,000 seeds: a cut-off sequencer's SyncDone, under the number
     * the other side was ordering under, stopped two healthy replicas).
     */
    @Test
    void aCoordinatorWithoutAQuorumOfReplicasSettlesNoEpoch() {
        InMemoryGroup g = new InMemoryGroup(List.of("RM1", "R1", "R2", "FrontEnd"));
        assertFalse(g.nodes.get("RM1").isSequencer(), "two replicas of four: no epoch is settled, nothing ordered");
        g.book();
        assertEquals(List.of(), g.seqs("R1"));
        g.start("R3");
        g.viewId = 2;
        g.view(List.of("RM1", "R1", "R2", "FrontEnd", "R3"));
        assertTrue(g.nodes.get("RM1").isSequencer(), "with three it syncs anew and orders");
        g.book();
        assertEquals(InMemoryGroup.upTo(1), g.seqs("R3"));
    }

    private static final LocalDate NOV_26 = LocalDate.of(2026, 11, 26);
    private static final LocalDate NOV_30 = LocalDate.of(2026, 11, 30);
    private static final LocalDate DEC_5 = LocalDate.of(2026, 12, 5);

    @Test
    void aDateChangeInTheOrderHoldsUnderTheNextSequencer() {
        InMemoryGroup g = new InMemoryGroup(List.of("Sequencer", "R1", "R2", "R3", "FrontEnd"));
        g.book();
        g.changeDate("Sequencer", NOV_30);
        // The sequencer dies before it orders anything under the new date.
        g.viewId = 2;
        g.view(List.of("R1", "R2", "R3", "FrontEnd"));
        g.book();
        assertEquals(List.of(NOV_26, NOV_26, NOV_30), g.dates("R2"), "R1 stamps the date the order moved to, not its launch pin");
        for (String m : List.of("R1", "R3", "FrontEnd")) assertEquals(g.delivered.get("R2"), g.delivered.get(m), m);
    }

    @Test
    void aDateChangeThatReachedOneMemberBeforeTheSequencerDiedHoldsForAll() {
        InMemoryGroup g = new InMemoryGroup(List.of("Sequencer", "R1", "R2", "R3", "FrontEnd"));
        g.book();
        OrderedRequest change = new OrderedRequest(2, NOV_26.toEpochDay(), new RequestId("Sequencer-date-1", 1), 1, null, null,
                new DateChange(NOV_30));
        g.send("Sequencer", "R3", new OrderedBatch(g.viewId, List.of(change)));
        g.viewId = 2;
        g.view(List.of("R1", "R2", "R3", "FrontEnd"));
        g.book();
        assertEquals(List.of(NOV_26, NOV_26, NOV_30), g.dates("R1"), "R1 fetched the change from R3, then ordered under it");
        assertEquals(change, g.delivered.get("R1").get(1));
        assertEquals(g.delivered.get("R1"), g.delivered.get("R2"));
    }

    @Test
    void aDateChangeThatWouldGoBackChangesNothingAnywhereNorAfterATakeover() {
        InMemoryGroup g = new InMemoryGroup(List.of("Sequencer", "R1", "R2", "R3", "FrontEnd"));
        // Two admin commands race: both were checked against the 26th, the later one in the order is earlier.
        g.changeDate("R1", DEC_5);
        g.changeDate("R2", NOV_30);
        g.book();
        g.viewId = 2;
        g.view(List.of("R1", "R2", "R3", "FrontEnd"));
        g.book();
        assertEquals(List.of(NOV_26, DEC_5, DEC_5, DEC_5), g.dates("R3"));
        for (String m : List.of("R1", "R2", "FrontEnd")) assertEquals(g.delivered.get("R3"), g.delivered.get(m), m);
    }

    @ParameterizedTest(name = "the change in the log: {0}")
    @ValueSource(booleans = {true, false})
    void afterAWholeRestartTheDateIsWhereTheOrderPutItThoughTheLaunchPinIsOlder(boolean inTheLog) {
        // Before the stop: seq 1 a request, seq 2 a date change to the 30th, nothing after it. The replicas
        // come back from their disks (the change in the log, or in a snapshot); the sequencer, with no disk
        // and the launch pin of the 26th, learns the date from them.
        OrderedRequest first = ordered(1, "FrontEnd-9", 1);
        OrderedRequest change = new OrderedRequest(2, NOV_26.toEpochDay(), new RequestId("Sequencer-date-1", 1), 1, null, null,
                new DateChange(NOV_30));
        InMemoryGroup g = new InMemoryGroup(List.of("Sequencer", "FrontEnd"));
        for (String r : List.of("R1", "R2", "R3")) {
            g.start(r);
            List<OrderedRequest> tail = inTheLog ? List.of(first, change) : List.of();
            g.nodes.get(r).restore(2, BusinessClock.dayAfter(change), tail, tail.stream().map(dmtbs.group.msg.Codec::encode).toList());
        }
        g.viewId = 2;
        g.view(List.of("Sequencer", "FrontEnd", "R1", "R2", "R3"));
        g.nodes.get("Sequencer").tick(100);        // (what it skipped, held nowhere now, it takes up on its tick)
        g.book();
        assertEquals(List.of(NOV_30), g.dates("R1"));
        assertEquals(3, g.delivered.get("R1").get(0).seq());
    }

    @ParameterizedTest(name = "its state is that of seq {0}")
    @ValueSource(longs = {2, 3})
    void aReplacementForgetsWhatItKeptFromTheOldSequencerWhenANewOneTakesOver(long stateAsOf) {
        InMemoryGroup g = new InMemoryGroup(List.of("Sequencer", "R1", "R2", "R3", "R4", "FrontEnd"));
        // R4 is a replacement: it keeps what is ordered until its state arrives.
        g.nodes.get("R4").awaitStateTransfer();
        g.book();
        g.book();
        g.book();
        // The old sequencer's last two requests reach R4 alone, then it dies.
        g.send("Sequencer", "R4", new OrderedBatch(g.viewId, List.of(ordered(4, "FrontEnd-9", 90), ordered(5, "FrontEnd-9", 91))));
        g.viewId = 2;
        g.view(List.of("R1", "R2", "R3", "R4", "FrontEnd"));
        // R1 orders from 4 on (nobody that answered delivered 4): one new request takes number 4.
        g.book();
        assertEquals(InMemoryGroup.upTo(4), g.seqs("R1"));
        // R4's state arrives (a state transfer); it applies what follows, kept or fetched from the others.
        g.nodes.get("R4").stateInstalled(stateAsOf, 0);
        g.run();
        List<OrderedRequest> r1 = g.delivered.get("R1");
        assertEquals(r1.subList((int) stateAsOf, r1.size()), g.delivered.get("R4"),
                "R4 applies what R1 did, the new sequencer's 4 included, and nothing of the old one's (its 5 would come after the new 4)");
    }
}
