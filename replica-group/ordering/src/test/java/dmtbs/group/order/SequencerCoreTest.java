package dmtbs.group.order;

import dmtbs.booking.Request;
import dmtbs.group.msg.ClientRequest;
import dmtbs.group.msg.OrderedBatch;
import dmtbs.group.msg.OrderedRequest;
import dmtbs.group.msg.RequestId;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequencerCoreTest {

    private static final LocalDate NOV_26 = LocalDate.of(2026, 11, 26);

    private static ClientRequest req(long counter) {
        return new ClientRequest(new RequestId("FE", counter), 1, null, new Request.GetBookingSchedule("ATWC0001", "ATWC0001"));
    }

    @Test
    void numbersContiguouslyBatchesAndNeverOrdersTwice() {
        DuplicateFilter ordered = new DuplicateFilter();
        SequencerCore core = new SequencerCore(3, 100, ordered, new BusinessClock(null));
        assertTrue(core.offer(req(1)));
        assertTrue(core.offer(req(2)));
        assertFalse(core.offer(req(2)), "already queued");
        OrderedBatch b = core.cut(NOV_26, 10);
        assertEquals(3, b.epoch());
        assertEquals(java.util.List.of(100L, 101L), b.requests().stream().map(OrderedRequest::seq).toList());
        assertEquals(NOV_26.toEpochDay(), b.requests().get(0).epochDay());
        assertFalse(core.offer(req(1)), "re-sent after it was ordered");
        assertNull(core.cut(NOV_26, 10));
        for (long c = 3; c < 8; c++) core.offer(req(c));
        assertEquals(2, core.cut(NOV_26, 2).requests().size());
        assertEquals(106, core.cut(NOV_26, 10).lastSeq());
    }

    @Test
    void takeoverStartsAfterTheHighestDeliveredAnywhere() {
        Takeover<String> t = new Takeover<>(9, Set.of("R1", "R2", "FE"), 40);
        t.reply("R1", 9, 42, 20_600);
        t.reply("R2", 8, 99, 20_900);                           // stale epoch: ignored
        assertFalse(t.answersComplete(0));
        assertEquals(Set.of("R2", "FE"), t.silent());
        t.reply("R2", 9, 41, 20_601);
        t.reply("FE", 9, 40, 0);
        assertTrue(t.answersComplete(0));
        assertEquals(42, t.highest());
        assertEquals("R1", t.holderOfHighest());
        assertEquals(20_601, t.latestBusinessDay(), "the latest business day any member delivered under");
        Takeover<String> left = new Takeover<>(9, Set.of("R1", "R2", "R3"), 0);
        left.reply("R1", 9, 7, 0);
        left.reply("R3", 9, 9, 0);
        assertFalse(left.answersComplete(0), "no deadline: a silent member in the view is waited for");
        left.onlyAmong(Set.of("R1", "FE"));
        assertTrue(left.answersComplete(0), "until it leaves the view");
        assertEquals(7, left.highest(), "what a member that left answered no longer counts: nobody live can give its 8 and 9");
        assertEquals("R1", left.holderOfHighest());
    }
}
