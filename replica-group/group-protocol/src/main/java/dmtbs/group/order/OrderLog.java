package dmtbs.group.order;

import dmtbs.group.msg.OrderedRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * The most recent delivered requests, kept so peers that missed some can fetch them. Bounded: a
 * ring of {@code capacity} entries; older requests are only available through state transfer.
 */
public final class OrderLog {

    private final OrderedRequest[] ring;
    private long first = 1;      // oldest sequence number held
    private long end = 1;        // one past the newest

    public OrderLog(int capacity) { this.ring = new OrderedRequest[capacity]; }

    /** Appends the next request in order (its seq must be {@link #end()}, or the log restarts there). */
    public void append(OrderedRequest r) {
        if (r.seq() != end) {
            first = r.seq();
            end = r.seq();
        }
        ring[(int) (end % ring.length)] = r;
        end++;
        if (end - first > ring.length) first = end - ring.length;
    }

    /** Requests from..to (inclusive) that are still held, in order (possibly empty). */
    public List<OrderedRequest> range(long from, long to, int max) {
        List<OrderedRequest> out = new ArrayList<>();
        for (long s = Math.max(from, first); s <= to && s < end && out.size() < max; s++) {
            out.add(ring[(int) (s % ring.length)]);
        }
        return out;
    }

    public OrderedRequest last() { return end > first ? ring[(int) ((end - 1) % ring.length)] : null; }

    /** Oldest sequence number held (== end() when empty). */
    public long first() { return first; }

    public long end() { return end; }
}
