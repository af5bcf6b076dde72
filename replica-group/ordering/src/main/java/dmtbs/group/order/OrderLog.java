package dmtbs.group.order;

import dmtbs.group.msg.Codec;
import dmtbs.group.msg.OrderedRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * The most recent delivered requests, kept so peers that missed some can fetch them. Bounded: a
 * ring of {@code capacity} entries; older requests are only available through state transfer.
 *
 * <p>Entries are kept encoded, one byte array each: every member holds this log, and a request kept
 * as objects (the request, its ID, strings, the address) is some 15 objects and ~450 bytes that
 * outlive every young collection. Copying and promoting those made the collector 20-30 % of a
 * replica manager's CPU under load. Only fetches (rare) decode.
 */
public final class OrderLog {

    private final byte[][] ring;
    private long first = 1;      // oldest sequence number held
    private long end = 1;        // one past the newest
    private OrderedRequest last; // the newest, as delivered (a new sequencer reads it)

    public OrderLog(int capacity) { this.ring = new byte[capacity][]; }

    /**
     * Appends the next request in order (its seq must be {@link #end()}, or the log restarts there).
     * {@code encoded} is the request's encoding when the caller has it (it arrived so), else null.
     */
    public void append(OrderedRequest r, byte[] encoded) {
        if (r.seq() != end) {
            first = r.seq();
            end = r.seq();
        }
        ring[(int) (end % ring.length)] = encoded != null ? encoded : Codec.encode(r);
        last = r;
        end++;
        if (end - first > ring.length) first = end - ring.length;
    }

    /** Empties the log; the next request appended is {@code seq} (a member that restored its history, or installed a state). */
    public void startAt(long seq) {
        first = seq;
        end = seq;
        last = null;
    }

    /** Requests from..to (inclusive) that are still held, in order (possibly empty). */
    public List<OrderedRequest> range(long from, long to, int max) {
        List<OrderedRequest> out = new ArrayList<>();
        for (long s = Math.max(from, first); s <= to && s < end && out.size() < max; s++) {
            byte[] bytes = ring[(int) (s % ring.length)];
            out.add((OrderedRequest) Codec.decode(bytes, 0, bytes.length));
        }
        return out;
    }

    public OrderedRequest last() { return end > first ? last : null; }

    /** Oldest sequence number held (== end() when empty). */
    public long first() { return first; }

    public long end() { return end; }
}
