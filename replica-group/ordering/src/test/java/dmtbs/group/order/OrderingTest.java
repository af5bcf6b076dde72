package dmtbs.group.order;

import dmtbs.booking.Request;
import dmtbs.group.msg.OrderedRequest;
import dmtbs.group.msg.RequestId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderingTest {

    private static OrderedRequest r(long seq) {
        return new OrderedRequest(seq, 0, new RequestId("FE", seq), 0, null, new Request.GetBookingSchedule("ATWC0001", "ATWC0001"));
    }

    private static List<Long> seqs(List<OrderedRequest> rs) { return rs.stream().map(OrderedRequest::seq).toList(); }

    @Test
    void holdBackDeliversInOrderExactlyOnce() {
        HoldBackQueue q = new HoldBackQueue(1);
        assertEquals(List.of(), seqs(q.offer(List.of(r(3), r(4)))));
        assertEquals(new HoldBackQueue.Gap(1, 2), q.gap());
        assertEquals(List.of(1L), seqs(q.offer(List.of(r(1)))));
        assertEquals(List.of(2L, 3L, 4L), seqs(q.offer(List.of(r(2), r(3)))));   // 3 again: dropped
        assertEquals(List.of(), seqs(q.offer(List.of(r(1), r(4)))));              // old: dropped
        assertNull(q.gap());
        assertEquals(new HoldBackQueue.Gap(5, 9), q.gapUpTo(9));
        assertNull(q.gapUpTo(4));
    }

    @Test
    void holdBackResetSkipsToASnapshotAndForgetsOlderHeldRequests() {
        HoldBackQueue q = new HoldBackQueue(1);
        q.offer(List.of(r(5), r(11), r(12)));
        assertEquals(List.of(11L, 12L), seqs(q.resetTo(10)));
        assertEquals(13, q.next());
        assertEquals(0, q.heldCount());
    }

    @Test
    void forgettingHeldRequestsKeepsWhatWasDelivered() {
        HoldBackQueue q = new HoldBackQueue(1);
        q.offer(List.of(r(1), r(3), r(4)));
        q.forgetHeld();
        assertEquals(0, q.heldCount());
        assertEquals(List.of(2L), seqs(q.offer(List.of(r(2)))), "3 and 4 are gone: a new sequencer reuses those numbers");
    }

    @Test
    void orderLogKeepsTheNewestAndSaysWhatItLost() {
        OrderLog log = new OrderLog(4);
        for (long s = 1; s <= 6; s++) log.append(r(s), s == 5 ? dmtbs.group.msg.Codec.encode(r(5)) : null, 1);
        assertEquals(3, log.first());
        assertEquals(List.of(3L, 4L, 5L, 6L), seqs(log.range(1, 10, 100)));
        assertEquals(List.of(4L, 5L), seqs(log.range(4, 5, 100)));
        assertEquals(List.of(3L), seqs(log.range(1, 10, 1)));
        assertEquals(6, log.last().seq());
        assertEquals(r(4), log.range(4, 4, 1).get(0), "kept encoded, given back whole");
        assertEquals(r(5), log.range(5, 5, 1).get(0), "kept as it arrived, given back whole");
    }

    @Test
    void duplicateFilterForgetsBelowTheLowWaterMark() {
        DuplicateFilter f = new DuplicateFilter();
        f.record(new RequestId("A", 5), 1);
        f.record(new RequestId("A", 7), 1);
        assertTrue(f.seen(new RequestId("A", 5)));
        assertFalse(f.seen(new RequestId("A", 6)));
        assertFalse(f.seen(new RequestId("B", 5)));
        f.record(new RequestId("A", 9), 7);           // the front end no longer waits for anything below 7
        assertTrue(f.seen(new RequestId("A", 5)), "below the low-water mark counts as done");
        assertEquals(2, f.size());
    }
}
