package dmtbs.group.order;

import dmtbs.booking.Request;
import dmtbs.group.msg.ClientRequest;
import dmtbs.group.msg.ClientRequests;
import dmtbs.group.msg.DateChange;
import dmtbs.group.msg.OrderedRequest;
import dmtbs.group.msg.RequestId;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real {@link OrderingNode}s on a synchronous in-memory network: a message is handled when the
 * network {@link #run}s, in the order it was sent, and time stands still unless a test moves it.
 * Members named R… are replicas (they never skip a gap); the replica quorum is 3.
 */
final class InMemoryGroup {

    final Map<String, OrderingNode<String>> nodes = new LinkedHashMap<>();
    final Map<String, List<OrderedRequest>> delivered = new LinkedHashMap<>();
    private final ArrayDeque<Object[]> wire = new ArrayDeque<>();
    /** Members that neither send nor receive for now (frozen, or slow), and what waits for them. */
    private final java.util.Set<String> frozen = new java.util.HashSet<>();
    private final List<Object[]> held = new ArrayList<>();
    private final List<String> everyone = new ArrayList<>();
    long viewId = 1;
    String coordinator;
    private long counter;

    InMemoryGroup(List<String> members) {
        members.forEach(this::start);
        view(members);
    }

    /** A process that has just started: a member of no view yet. */
    void start(String name) {
        everyone.add(name);
        delivered.put(name, new ArrayList<>());
        nodes.put(name, new OrderingNode<>(name, new OrderingNode.Effects<>() {
            @Override public void send(String to, Object message) { wire.add(new Object[] {name, to, message}); }

            @Override public void multicast(Object message) { for (String to : everyone) wire.add(new Object[] {name, to, message}); }

            @Override public void deliver(List<OrderedRequest> inOrder) { delivered.get(name).addAll(inOrder); }
        }, n -> n, 3, name.startsWith("R"), LocalDate.of(2026, 11, 26), () -> LocalDate.of(2026, 11, 26)));
    }

    /** Installs view {@link #viewId} with {@code members} (its first the coordinator) at every one of them, and runs. */
    void view(List<String> members) {
        coordinator = members.get(0);
        for (String n : members) nodes.get(n).onView(viewId, members, 0);
        run();
    }

    /** Delivers every message sent, and what they cause, until the network is quiet. */
    void run() {
        for (int n = 0; !wire.isEmpty(); n++) {
            if (n > 100_000) throw new AssertionError("the members never stop sending each other messages");
            Object[] m = wire.poll();
            if (frozen.contains((String) m[0]) || frozen.contains((String) m[1])) held.add(m);
            else if (nodes.containsKey((String) m[1])) nodes.get((String) m[1]).onMessage((String) m[0], m[2], 0);
        }
    }

    /** {@code member} stops: what it would send or receive waits until {@link #thaw}. */
    void freeze(String member) { frozen.add(member); }

    /** {@code member} goes on: what waited for it is handled now, in order. */
    void thaw(String member) {
        frozen.remove(member);
        List<Object[]> due = new ArrayList<>(held);
        held.clear();
        wire.addAll(due);
        run();
    }

    /** Drops every message not yet handled (a member that crashed takes its unsent messages along). */
    void dropInFlight() { wire.clear(); }

    /** The front end submits one request (as its own, to the coordinator) and the network settles. */
    void book() {
        counter++;
        send("FrontEnd", coordinator, new ClientRequests(List.of(request("FrontEnd-1", counter, counter))));
    }

    /** {@code member} orders a date change (as its own request, to the coordinator), as its admin command does, and the network settles. */
    void changeDate(String member, LocalDate date) {
        counter++;
        send(member, coordinator, new ClientRequests(List.of(
                new ClientRequest(new RequestId(member + "-date-1", counter), counter, null, null, new DateChange(date)))));
    }

    static ClientRequest request(String id, long counter, long lowWater) {
        return new ClientRequest(new RequestId(id, counter), lowWater, null, new Request.ListMovieShowsAvailability("ATWA0001", "Avatar"));
    }

    void send(String from, String to, Object message) {
        wire.add(new Object[] {from, to, message});
        run();
    }

    /** The business dates of the requests {@code member} delivered, in delivery order. */
    List<LocalDate> dates(String member) { return delivered.get(member).stream().map(OrderedRequest::businessDate).toList(); }

    /** The sequence numbers {@code member} delivered, in delivery order. */
    List<Long> seqs(String member) { return delivered.get(member).stream().map(OrderedRequest::seq).toList(); }

    /** The order a member holds now: a later delivery at a number replaces an earlier one (an order it dropped). */
    static Map<Long, RequestId> order(List<OrderedRequest> delivered) {
        Map<Long, RequestId> order = new java.util.TreeMap<>();
        long highest = 0;
        for (OrderedRequest r : delivered) {
            if (r.seq() <= highest) order.keySet().removeIf(seq -> seq >= r.seq());     // it dropped from here and delivers anew
            order.put(r.seq(), r.id());
            highest = r.seq();
        }
        return order;
    }

    static List<Long> upTo(long n) {
        List<Long> l = new ArrayList<>();
        for (long i = 1; i <= n; i++) l.add(i);
        return l;
    }
}
