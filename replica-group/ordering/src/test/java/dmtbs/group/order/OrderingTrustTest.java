package dmtbs.group.order;

import dmtbs.booking.Request;
import dmtbs.group.msg.ClientRequest;
import dmtbs.group.msg.ClientRequests;
import dmtbs.group.msg.DateChange;
import dmtbs.group.msg.FetchReply;
import dmtbs.group.msg.Heartbeat;
import dmtbs.group.msg.OrderedBatch;
import dmtbs.group.msg.OrderedRequest;
import dmtbs.group.msg.RequestId;
import dmtbs.group.msg.SyncReply;
import dmtbs.group.msg.SyncRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A member of the group that speaks out of turn: it is in the view (it holds the group's key) but
 * not the sequencer, or it uses another member's identity. Each message below once sufficed to halt
 * ordering for good or to make a front end's requests vanish; now each is ignored and ordering goes on.
 * The members are real {@link OrderingNode}s on a synchronous in-memory network.
 */
class OrderingTrustTest {

    private static final List<String> VIEW = List.of("Sequencer", "R1", "R2", "R3", "FrontEnd", "Rogue");
    private InMemoryGroup g;

    @BeforeEach
    void group() { g = new InMemoryGroup(VIEW); }

    private void book() { g.book(); }

    private static ClientRequest request(String id, long counter, long lowWater) { return InMemoryGroup.request(id, counter, lowWater); }

    private void send(String from, String to, Object message) { g.send(from, to, message); }

    private static List<Long> upTo(long n) { return InMemoryGroup.upTo(n); }

    @Test
    void aHeartbeatWithAHugeEpochFromAMemberThatIsNotTheSequencer() {
        book();
        for (String r : List.of("R1", "R2", "R3")) send("Rogue", r, new Heartbeat(Long.MAX_VALUE, 1_000_000, 20_000));
        book();
        book();
        for (String r : List.of("R1", "R2", "R3")) assertEquals(upTo(3), g.seqs(r), r);
    }

    @Test
    void aSyncRequestWithAHugeEpochFromAMemberThatIsNotTheSequencer() {
        book();
        for (String r : List.of("R1", "R2", "R3")) send("Rogue", r, new SyncRequest(Long.MAX_VALUE));
        book();
        for (String r : List.of("R1", "R2", "R3")) assertEquals(upTo(2), g.seqs(r), r);
    }

    @Test
    void aBatchFromAMemberThatIsNotTheSequencerIsNotDelivered() {
        OrderedRequest forged = new OrderedRequest(1, 20_000, new RequestId("FrontEnd-1", 99), 99, null,
                new Request.ListMovieShowsAvailability("ATWA0001", "Titanic"), null);
        for (String r : List.of("R1", "R2", "R3")) send("Rogue", r, new OrderedBatch(g.viewId, List.of(forged)));
        assertEquals(List.of(), g.seqs("R1"));
        book();
        for (String r : List.of("R1", "R2", "R3")) assertEquals(upTo(1), g.seqs(r), r);
    }

    @Test
    void aRequestUnderAnotherMembersIdentityIsNotOrdered() {
        // With the front end's identity and a huge low-water mark, every later real request of that
        // front end would have been taken for a duplicate.
        send("Rogue", "Sequencer", new ClientRequests(List.of(request("FrontEnd-1", 1_000_000, 1_000_000))));
        assertEquals(List.of(), g.seqs("R1"));
        book();
        book();
        assertEquals(upTo(2), g.seqs("R1"));
    }

    @Test
    void aLowWaterMarkAboveTheRequestsOwnCounterIsRefused() {
        send("FrontEnd", "Sequencer", new ClientRequests(List.of(request("FrontEnd-1", 5, 1_000_000))));
        assertEquals(List.of(), g.seqs("R1"));
        book();
        assertEquals(upTo(1), g.seqs("R1"));
    }

    @Test
    void aRequestThatIsBothAClientsRequestAndAControlOrNeitherIsRefused() {
        // A replica would apply either one as a client's request: the date change unseen, or nothing at all.
        ClientRequest both = new ClientRequest(new RequestId("FrontEnd-1", 1), 1, null,
                new Request.ListMovieShowsAvailability("ATWA0001", "Avatar"), new DateChange(LocalDate.of(2026, 12, 1)));
        ClientRequest neither = new ClientRequest(new RequestId("FrontEnd-1", 2), 1, null, null);
        send("FrontEnd", "Sequencer", new ClientRequests(List.of(both, neither)));
        assertEquals(List.of(), g.seqs("R1"));
        book();
        assertEquals(upTo(1), g.seqs("R1"));
    }

    @Test
    void aSyncRequestOfAViewNotYetInstalledWaitsForIt() {
        book();
        // R2 becomes the coordinator of view 2 and asks everyone where they stand; its question reaches
        // R1 before view 2 does. R1 keeps it until it installs view 2 and answers then: dropped, the
        // takeover would wait for R1 until R1 leaves the view, which it never does here.
        g.viewId = 2;
        List<String> next = List.of("R2", "R1", "R3", "FrontEnd", "Rogue");
        for (String n : next) if (!n.equals("R1")) g.nodes.get(n).onView(g.viewId, next, 0);
        g.run();
        g.nodes.get("R1").onView(g.viewId, next, 0);
        g.run();
        g.coordinator = "R2";
        book();
        for (String r : List.of("R1", "R2", "R3")) assertEquals(upTo(2), g.seqs(r), r);
    }

    @Test
    void aSyncReplyWithAHugeSequenceNumberFromAMemberWithoutARoleDoesNotStallATakeover() {
        book();
        // R2 takes over; before anyone else answers, the rogue claims to have delivered up to
        // Long.MAX_VALUE / 2. Believed, the new sequencer would fetch that far for ever and never order.
        g.viewId = 2;
        List<String> next = List.of("R2", "R1", "R3", "FrontEnd", "Rogue");
        g.nodes.get("Rogue").onView(g.viewId, next, 0);
        // Sent before the others install the view, so it is the first reply the new sequencer sees.
        g.nodes.get("R2").onView(g.viewId, next, 0);
        g.nodes.get("R2").onMessage("Rogue", new SyncReply(g.viewId, Long.MAX_VALUE / 2, 20_000), 0);
        for (String n : next) if (!n.equals("Rogue") && !n.equals("R2")) g.nodes.get(n).onView(g.viewId, next, 0);
        g.run();
        g.coordinator = "R2";
        book();
        for (String r : List.of("R1", "R2", "R3")) assertEquals(upTo(2), g.seqs(r), r);
    }

    @Test
    void aFetchReplyFromAMemberWithoutARoleDeliversNothing() {
        OrderedRequest forged = new OrderedRequest(1, 20_000, new RequestId("FrontEnd-1", 99), 99, null,
                new Request.ListMovieShowsAvailability("ATWA0001", "Titanic"), null);
        send("Rogue", "R1", new FetchReply(List.of(forged), 1));
        assertEquals(List.of(), g.seqs("R1"));
        book();
        assertEquals(upTo(1), g.seqs("R1"));
    }

    @Test
    void aSecondMemberNamedLikeAReplicaDoesNotCountTowardsTheQuorum() {
        // Two replicas left; a member with the key that calls itself R2 as well must not make the
        // sequencer believe three replica hosts are present (the quorum is 3 here).
        g.viewId = 2;
        // The same name twice: the in-memory network tells members apart by name, so only the
        // sequencer's view shows the impostor; that is the view whose count matters.
        g.nodes.get("Sequencer").onView(g.viewId, List.of("Sequencer", "R1", "R2", "FrontEnd", "Rogue", "R2"), 0);
        g.run();
        book();
        assertEquals(List.of(), g.seqs("R1"), "ordered without a quorum of distinct replicas");
    }
}
