package dmtbs.group.order;

import dmtbs.group.msg.ClientRequest;
import dmtbs.group.msg.OrderedBatch;
import dmtbs.group.msg.OrderedRequest;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Assigns contiguous sequence numbers and the business date to client requests, dropping any
 * request already ordered (the filter is shared with delivery, so it also knows what earlier
 * sequencers ordered). Requests queue until {@link #cut} takes them as one batch: under load batches
 * grow by themselves, at light load a batch is a single request. Pure and single-threaded.
 */
public final class SequencerCore {

    private final long epoch;
    private final DuplicateFilter ordered;
    private final BusinessClock clock;
    private final ArrayDeque<ClientRequest> queue = new ArrayDeque<>();
    private final Set<dmtbs.group.msg.RequestId> queued = new HashSet<>();
    private long nextSeq;

    public SequencerCore(long epoch, long nextSeq, DuplicateFilter ordered, BusinessClock clock) {
        this.epoch = epoch;
        this.nextSeq = nextSeq;
        this.ordered = ordered;
        this.clock = clock;
    }

    /** Queues a request unless it was already ordered or is already queued; returns whether it was queued. */
    public boolean offer(ClientRequest r) {
        if (ordered.seen(r.id()) || !queued.add(r.id())) return false;
        queue.add(r);
        return true;
    }

    /** Orders up to {@code max} queued requests as one batch, or returns null if none wait. */
    public OrderedBatch cut(LocalDate wallToday, int max) {
        if (queue.isEmpty()) return null;
        List<OrderedRequest> out = new ArrayList<>(Math.min(max, queue.size()));
        while (!queue.isEmpty() && out.size() < max) {
            ClientRequest r = queue.poll();
            queued.remove(r.id());
            ordered.record(r.id(), r.lowWater());
            OrderedRequest o = new OrderedRequest(nextSeq++, clock.stamp(wallToday), r.id(), r.lowWater(), r.replyTo(), r.request(),
                    r.control(), r.client());
            out.add(o);
            clock.follow(o);                        // a date change holds from the next request on, in this batch too
        }
        return new OrderedBatch(epoch, out);
    }

    /** Forgets every queued request (the front ends re-send those they still wait for). */
    public void dropQueued() {
        queue.clear();
        queued.clear();
    }

    public long epoch() { return epoch; }

    /** The last sequence number assigned. */
    public long lastSeq() { return nextSeq - 1; }

    public int queued() { return queue.size(); }
}
