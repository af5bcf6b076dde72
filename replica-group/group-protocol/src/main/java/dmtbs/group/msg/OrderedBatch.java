package dmtbs.group.msg;

import java.util.List;

/**
 * What the sequencer multicasts: requests with contiguous, ascending sequence numbers. {@code epoch}
 * identifies the sequencer's reign (the view in which it took over); batches of an older epoch than
 * one already seen are stale and ignored.
 */
public record OrderedBatch(long epoch, List<OrderedRequest> requests) {
    public long firstSeq() { return requests.get(0).seq(); }

    public long lastSeq() { return requests.get(requests.size() - 1).seq(); }
}
