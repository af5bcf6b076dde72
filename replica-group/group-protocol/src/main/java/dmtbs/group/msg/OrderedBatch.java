package dmtbs.group.msg;

import java.util.List;
import java.util.Objects;

/**
 * What the sequencer multicasts: requests with contiguous, ascending sequence numbers. {@code epoch}
 * identifies the sequencer's reign (the view in which it took over); batches of an older epoch than
 * one already seen are stale and ignored.
 *
 * <p>On the wire each request travels as its own encoding ({@link Codec#encode}), and a decoded
 * batch keeps those bytes in {@code encoded}: every member keeps the requests it delivers encoded in
 * its order log, and re-encoding what just arrived encoded was a seventh of a replica manager's CPU.
 * {@code encoded} is null for a batch built in memory; it is a by-product of the requests, so it
 * takes no part in equality.
 */
public record OrderedBatch(long epoch, List<OrderedRequest> requests, List<byte[]> encoded) {

    public OrderedBatch(long epoch, List<OrderedRequest> requests) { this(epoch, requests, null); }

    public long firstSeq() { return requests.get(0).seq(); }

    public long lastSeq() { return requests.get(requests.size() - 1).seq(); }

    /** The bytes {@code r} arrived as, when it is one of this batch's decoded requests; else null. */
    public byte[] encodingOf(OrderedRequest r) {
        if (encoded == null) return null;
        long i = r.seq() - firstSeq();
        return i >= 0 && i < requests.size() && requests.get((int) i) == r ? encoded.get((int) i) : null;
    }

    @Override public boolean equals(Object o) {
        return o instanceof OrderedBatch b && epoch == b.epoch && requests.equals(b.requests);
    }

    @Override public int hashCode() { return Objects.hash(epoch, requests); }

    @Override public String toString() { return "OrderedBatch[epoch=" + epoch + ", requests=" + requests + "]"; }
}
