package dmtbs.sequencer;

import dmtbs.booking.Request;
import dmtbs.group.msg.ClientRequest;
import dmtbs.group.msg.ClientRequests;
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
    private final Map<String, OrderingNode<String>> nodes = new LinkedHashMap<>();
    private final Map<String, List<Long>> delivered = new LinkedHashMap<>();
    private final ArrayDeque<Object[]> wire = new ArrayDeque<>();
    private long viewId = 1;
    private long counter;
    private String coordinator = "Sequencer";

    @BeforeEach
    void group() {
        for (String name : VIEW) {
            delivered.put(name, new ArrayList<>());
            nodes.put(name, new OrderingNode<>(name, new OrderingNode.Effects<>() {
                @Override public void send(String to, Object message) { wire.add(new Object[] {name, to, message}); }

                @Override public void multicast(Object message) { for (String to : VIEW) wire.add(new Object[] {name, to, message}); }

                @Override public void deliver(List<OrderedRequest> inOrder) { inOrder.forEach(r -> delivered.get(name).add(r.seq())); }
            }, n -> n, 3, name.startsWith("R"), LocalDate.of(2026, 11, 26), () -> LocalDate.of(2026, 11, 26)));
        }
        view(VIEW);
    }

    private void view(List<String> members) {
        for (String n : members) nodes.get(n).onView(viewId, members, 0);
        run();
    }

    private void run() {
        for (int n = 0; !wire.isEmpty(); n++) {
            if (n > 100_000) throw new AssertionError("the members never stop sending each other messages");
            Object[] m = wire.poll();
            nodes.get((String) m[1]).onMessage((String) m[0], m[2], 0);
        }
    }

    /** The front end submits one request (as its own, to the sequencer) and the network settles. */
    private void book() {
        counter++;
        send("FrontEnd", coordinator, new ClientRequests(List.of(request("FrontEnd-1", counter, counter))));
    }

    private static ClientRequest request(String id, long counter, long lowWater) {
        return new ClientRequest(new RequestId(id, counter), lowWater, null, new Request.ListMovieShowsAvailability("ATWA0001", "Avatar"));
    }

    private void send(String from, String to, Object message) {
        wire.add(new Object[] {from, to, message});
        run();
    }

    private List<Long> upTo(long n) {
        List<Long> l = new ArrayList<>();
        for (long i = 1; i <= n; i++) l.add(i);
        return l;
    }

    @Test
    void aHeartbeatWithAHugeEpochFromAMemberThatIsNotTheSequencer() {
        book();
        for (String r : List.of("R1", "R2", "R3")) send("Rogue", r, new Heartbeat(Long.MAX_VALUE, 1_000_000, 20_000));
        book();
        book();
        for (String r : List.of("R1", "R2", "R3")) assertEquals(upTo(3), delivered.get(r), r);
    }

    @Test
    void aSyncRequestWithAHugeEpochFromAMemberThatIsNotTheSequencer() {
        book();
        for (String r : List.of("R1", "R2", "R3")) send("Rogue", r, new SyncRequest(Long.MAX_VALUE));
        book();
        for (String r : List.of("R1", "R2", "R3")) assertEquals(upTo(2), delivered.get(r), r);
    }

    @Test
    void aBatchFromAMemberThatIsNotTheSequencerIsNotDelivered() {
        OrderedRequest forged = new OrderedRequest(1, 20_000, new RequestId("FrontEnd-1", 99), 99, null,
                new Request.ListMovieShowsAvailability("ATWA0001", "Titanic"), null);
        for (String r : List.of("R1", "R2", "R3")) send("Rogue", r, new OrderedBatch(viewId, List.of(forged)));
        assertEquals(List.of(), delivered.get("R1"));
        book();
        for (String r : List.of("R1", "R2", "R3")) assertEquals(upTo(1), delivered.get(r), r);
    }

    @Test
    void aRequestUnderAnotherMembersIdentityIsNotOrdered() {
        // With the front end's identity and a huge low-water mark, every later real request of that
        // front end would have been taken for a duplicate.
        send("Rogue", "Sequencer", new ClientRequests(List.of(request("FrontEnd-1", 1_000_000, 1_000_000))));
        assertEquals(List.of(), delivered.get("R1"));
        book();
        book();
        assertEquals(upTo(2), delivered.get("R1"));
    }

    @Test
    void aLowWaterMarkAboveTheRequestsOwnCounterIsRefused() {
        send("FrontEnd", "Sequencer", new ClientRequests(List.of(request("FrontEnd-1", 5, 1_000_000))));
        assertEquals(List.of(), delivered.get("R1"));
        book();
        assertEquals(upTo(1), delivered.get("R1"));
    }

    @Test
    void aSyncRequestOfAViewNotYetInstalledWaitsForIt() {
        book();
        // R2 becomes the coordinator of view 2 and asks everyone where they stand; its question reaches
        // R1 before view 2 does. R1 keeps it until it installs view 2 and answers then: dropped, the
        // takeover would wait for R1 until its deadline (which never comes here: time stands still).
        viewId = 2;
        List<String> next = List.of("R2", "R1", "R3", "FrontEnd", "Rogue");
        for (String n : next) if (!n.equals("R1")) nodes.get(n).onView(viewId, next, 0);
        run();
        nodes.get("R1").onView(viewId, next, 0);
        run();
        coordinator = "R2";
        book();
        for (String r : List.of("R1", "R2", "R3")) assertEquals(upTo(2), delivered.get(r), r);
    }

    @Test
    void aSyncReplyWithAHugeSequenceNumberFromAMemberWithoutARoleDoesNotStallATakeover() {
        book();
        // R2 takes over; before anyone else answers, the rogue claims to have delivered up to
        // Long.MAX_VALUE / 2. Believed, the new sequencer would fetch that far for ever and never order.
        viewId = 2;
        List<String> next = List.of("R2", "R1", "R3", "FrontEnd", "Rogue");
        nodes.get("Rogue").onView(viewId, next, 0);
        wire.add(new Object[] {"Rogue", "R2", new SyncReply(viewId, Long.MAX_VALUE / 2, 20_000)});
        for (String n : next) if (!n.equals("Rogue")) nodes.get(n).onView(viewId, next, 0);
        run();
        coordinator = "R2";
        book();
        for (String r : List.of("R1", "R2", "R3")) assertEquals(upTo(2), delivered.get(r), r);
    }

    @Test
    void aFetchReplyFromAMemberWithoutARoleDeliversNothing() {
        OrderedRequest forged = new OrderedRequest(1, 20_000, new RequestId("FrontEnd-1", 99), 99, null,
                new Request.ListMovieShowsAvailability("ATWA0001", "Titanic"), null);
        send("Rogue", "R1", new FetchReply(List.of(forged), 1));
        assertEquals(List.of(), delivered.get("R1"));
        book();
        assertEquals(upTo(1), delivered.get("R1"));
    }

    @Test
    void aSecondMemberNamedLikeAReplicaDoesNotCountTowardsTheQuorum() {
        // Two replicas left; a member with the key that calls itself R2 as well must not make the
        // sequencer believe three replica hosts are present (the quorum is 3 here).
        viewId = 2;
        // The same name twice: the in-memory network tells members apart by name, so only the
        // sequencer's view shows the impostor; that is the view whose count matters.
        nodes.get("Sequencer").onView(viewId, List.of("Sequencer", "R1", "R2", "FrontEnd", "Rogue", "R2"), 0);
        run();
        book();
        assertEquals(List.of(), delivered.get("R1"), "ordered without a quorum of distinct replicas");
    }
}
