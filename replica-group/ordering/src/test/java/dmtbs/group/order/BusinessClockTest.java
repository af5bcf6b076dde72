package dmtbs.group.order;

import dmtbs.booking.Request;
import dmtbs.group.msg.ClientRequest;
import dmtbs.group.msg.DateChange;
import dmtbs.group.msg.OrderedBatch;
import dmtbs.group.msg.OrderedRequest;
import dmtbs.group.msg.RequestId;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The business date: stamped by whoever orders, moved only by date changes in the order, never back. */
class BusinessClockTest {

    private static final LocalDate NOV_26 = LocalDate.of(2026, 11, 26);
    private static final LocalDate NOV_30 = LocalDate.of(2026, 11, 30);
    private static final LocalDate DEC_1 = LocalDate.of(2026, 12, 1);
    private static final LocalDate DEC_5 = LocalDate.of(2026, 12, 5);

    private static ClientRequest request(long counter) {
        return new ClientRequest(new RequestId("FrontEnd-1", counter), 1, null, new Request.GetBookingSchedule("ATWC0001", "ATWC0001"));
    }

    private static ClientRequest dateChange(long counter, LocalDate date) {
        return new ClientRequest(new RequestId("Sequencer-date-1", counter), 1, null, null, new DateChange(date));
    }

    private static SequencerCore sequencer(BusinessClock clock) { return new SequencerCore(1, 1, new DuplicateFilter(), clock); }

    private static List<LocalDate> dates(OrderedBatch b) { return b.requests().stream().map(OrderedRequest::businessDate).toList(); }

    private static List<LocalDate> datesAfter(OrderedBatch b) {
        return b.requests().stream().map(r -> LocalDate.ofEpochDay(BusinessClock.dayAfter(r))).toList();
    }

    @Test
    void theDateNeverGoesBackWithTheWallClock() {
        BusinessClock clock = new BusinessClock(null);
        assertEquals(NOV_26.toEpochDay(), clock.stamp(NOV_26));
        assertEquals(NOV_26.toEpochDay(), clock.stamp(NOV_26.minusDays(1)), "the wall clock went back: the date does not");
        assertEquals(NOV_26, clock.current(NOV_26.minusDays(1)));
    }

    @Test
    void aDateChangeHoldsFromTheNextRequestOnInItsOwnBatchToo() {
        SequencerCore core = sequencer(new BusinessClock(NOV_26));
        core.offer(request(1));
        core.offer(dateChange(1, NOV_30));
        core.offer(request(2));
        assertEquals(List.of(NOV_26, NOV_26, NOV_30), dates(core.cut(NOV_26, 10)), "the change itself is ordered under the old date");
        core.offer(request(3));
        assertEquals(List.of(NOV_30), dates(core.cut(NOV_26, 10)));
    }

    @Test
    void aDateChangeIsCheckedAgainstTheDateTheOrderIsAtNotAgainstThePin() {
        // Pinned at launch to the 26th, but the order is at the 30th (learned at a takeover, or from the
        // replicas' disks after a restart): the 28th would take the date back.
        BusinessClock clock = new BusinessClock(NOV_26);
        clock.observe(NOV_30.toEpochDay());
        assertEquals(NOV_30, clock.current(NOV_26), "what the admin command checks a new date against");
        SequencerCore core = sequencer(clock);
        core.offer(dateChange(1, NOV_30.minusDays(2)));
        core.offer(request(1));
        OrderedBatch b = core.cut(NOV_26, 10);
        assertEquals(List.of(NOV_30, NOV_30), dates(b));
        assertEquals(List.of(NOV_30, NOV_30), datesAfter(b), "the change to the 28th changed nothing");
    }

    @Test
    void ofTwoRacingDateChangesTheOneThatWouldGoBackChangesNothing() {
        SequencerCore core = sequencer(new BusinessClock(NOV_26));
        core.offer(dateChange(1, DEC_5));
        core.offer(dateChange(2, DEC_1));
        core.offer(request(1));
        OrderedBatch b = core.cut(NOV_26, 10);
        assertEquals(List.of(NOV_26, DEC_5, DEC_5), dates(b));
        assertEquals(List.of(DEC_5, DEC_5, DEC_5), datesAfter(b), "decided from each ordered request alone: every member agrees");
    }

    @Test
    void withoutAPinnedDateAMovedDateHoldsUntilTheWallClockCatchesUp() {
        SequencerCore core = sequencer(new BusinessClock(null));
        core.offer(dateChange(1, NOV_30));
        core.offer(request(1));
        assertEquals(List.of(NOV_26, NOV_30), dates(core.cut(NOV_26, 10)));
        core.offer(request(2));
        assertEquals(List.of(NOV_30), dates(core.cut(NOV_26.plusDays(2), 10)));
        core.offer(request(3));
        assertEquals(List.of(DEC_1), dates(core.cut(DEC_1, 10)));
    }
}
