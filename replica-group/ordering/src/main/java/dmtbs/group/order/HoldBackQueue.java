package dmtbs.group.order;

import dmtbs.group.msg.OrderedRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Delivers ordered requests strictly in sequence order, each exactly once: early ones wait here,
 * duplicates and old ones are dropped, and a hole before the earliest waiting one is a gap to fetch.
 * Pure: no threads, no clock.
 */
public final class HoldBackQueue {

    private final TreeMap<Long, OrderedRequest> held = new TreeMap<>();
    private long next;

    /** @param next the first sequence number to deliver */
    public HoldBackQueue(long next) { this.next = next; }

    /** Offers requests in any order; returns those that can now be delivered, in order. */
    public List<OrderedRequest> offer(List<OrderedRequest> requests) {
        for (OrderedRequest r : requests) {
            if (r.seq() >= next) held.putIfAbsent(r.seq(), r);
        }
        List<OrderedRequest> out = new ArrayList<>();
        OrderedRequest r;
        while ((r = held.remove(next)) != null) {
            out.add(r);
            next++;
        }
        return out;
    }

    /** The next sequence number to deliver. */
    public long next() { return next; }

    public long highestDelivered() { return next - 1; }

    /** The missing range before the earliest held request, or null when nothing waits. */
    public Gap gap() {
        if (held.isEmpty()) return null;
        return new Gap(next, held.firstKey() - 1);
    }

    /** Requests known to exist up to {@code lastSeq} (from a heartbeat): the missing range, or null. */
    public Gap gapUpTo(long lastSeq) {
        Gap g = gap();
        if (g != null) return g;
        return lastSeq >= next ? new Gap(next, lastSeq) : null;
    }

    public int heldCount() { return held.size(); }

    /**
     * Forgets every request waiting beyond a gap. A new sequencer reuses the numbers after the
     * highest delivered anywhere, so what waits here came from the old one and must never be delivered.
     */
    public void forgetHeld() { held.clear(); }

    /** After installing a snapshot taken at {@code lastApplied}: continue from the request after it. */
    public List<OrderedRequest> resetTo(long lastApplied) {
        next = lastApplied + 1;
        held.headMap(next).clear();
        return offer(List.of());
    }

    public record Gap(long from, long to) {}
}
