package dmtbs.group.order;

import dmtbs.group.msg.Codec;
import dmtbs.group.msg.EpochStart;
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
 *
 * <p>Each entry keeps the epoch it was ordered under ({@link #UNKNOWN} for one restored from disk):
 * two orders that differ at a number differ in the epoch there, so a member's epochs tell a new
 * sequencer whether it holds the group's order or one a deposed sequencer gave behind a cut.
 */
public final class OrderLog {

    public static final long UNKNOWN = -1;

    private final byte[][] ring;
    private final long[] epochs;
    private long first = 1;      // oldest sequence number held
    private long end = 1;        // one past the newest
    private OrderedRequest last; // the newest, as delivered (a new sequencer reads it)

    public OrderLog(int capacity) {
        this.ring = new byte[capacity][];
        this.epochs = new long[capacity];
    }

    /**
     * Appends the next request in order (its seq must be {@link #end()}, or the log restarts there).
     * {@code encoded} is the request's encoding when the caller has it (it arrived so), else null.
     */
    public void append(OrderedRequest r, byte[] encoded, long epoch) {
        if (r.seq() != end) {
            first = r.seq();
            end = r.seq();
        }
        ring[(int) (end % ring.length)] = encoded != null ? encoded : Codec.encode(r);
        epochs[(int) (end % ring.length)] = epoch;
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

    /** The epochs of the requests {@link #range} returns for the same arguments. */
    public List<Long> epochs(long from, long to, int max) {
        List<Long> out = new ArrayList<>();
        for (long s = Math.max(from, first); s <= to && s < end && out.size() < max; s++) out.add(epochs[(int) (s % ring.length)]);
        return out;
    }

    /** The epoch of the newest entry, or {@link #UNKNOWN} (none held, or restored from disk). */
    public long lastEpoch() { return end > first ? epochs[(int) ((end - 1) % ring.length)] : UNKNOWN; }

    /**
     * Where the epoch changes in the log, oldest first, at most {@code max} of the newest (entries of
     * unknown epoch end the walk back: nothing older is told).
     */
    public List<EpochStart> lineage(int max) {
        java.util.ArrayDeque<EpochStart> out = new java.util.ArrayDeque<>();
        long s = end - 1;
        while (s >= first && out.size() < max) {
            long e = epochs[(int) (s % ring.length)];
            if (e == UNKNOWN) break;
            while (s - 1 >= first && epochs[(int) ((s - 1) % ring.length)] == e) s--;
            out.addFirst(new EpochStart(e, s));
            s--;
        }
        return new ArrayList<>(out);
    }

    /** Forgets the entries from {@code seq} on (an order the group never had). */
    public void truncateFrom(long seq) {
        if (seq >= end) return;
        end = Math.max(seq, first);
        last = end > first ? range(end - 1, end - 1, 1).get(0) : null;
    }

    public OrderedRequest last() { return end > first ? last : null; }

    /** Oldest sequence number held (== end() when empty). */
    public long first() { return first; }

    public long end() { return end; }
}
