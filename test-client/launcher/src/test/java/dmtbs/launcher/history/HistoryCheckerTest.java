package dmtbs.launcher.history;

import dmtbs.booking.BookingMachine;
import dmtbs.booking.BookingState;
import dmtbs.booking.Request;
import dmtbs.booking.Result;
import dmtbs.launcher.history.HistoryVerdict.Kind;
import dmtbs.reference.ReferenceModel;
import dmtbs.replica.RequestLogLine;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-made histories: one that is right, and the same with one violation planted, each of which
 * must be caught (and nothing else reported). The show has 2 seats; the story, in order:
 *
 * <pre>
 *  seq  call     request                                 client's answer        log
 *   1   adm@1    add Avatar ATWM271126, 2 seats          OK ADDED …             applied
 *   2   ann@1    ATWC0001 books 2                        (Unavailable: retried)  applied
 *   3   bob@1    ATWC0002 books 1                        REFUSED NOT_ENOUGH_SEATS applied
 *   4   ann@1    the retry of ann@1                      OK BOOKED … 2          repeat
 *   5   -        a checkpoint                                                   -
 *   6   adm@2    list Avatar                             SHOWS [ATWM271126 Avatar 0]
 *   7   -        a query without identity (the launcher's readiness probe)   applied
 *   -   bob@2    ATWC0002 books 0 seats                  REFUSED BAD_REQUEST    (refused before ordering)
 *   -   bob@3    ATWC0002 books 1                        unknown                (never ordered)
 * </pre>
 */
class HistoryCheckerTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 26);
    private static final Supplier<BookingMachine> MODEL = ReferenceModel::new;

    private final RecordedCall add = call("adm@1", new Request.AddMovieSlots("ATWA0001", "ATWM271126", "Avatar", 2), 0, 10,
            "OK ADDED ATWM271126 Avatar 2");
    private final RecordedCall annBooks = call("ann@1", book("ATWC0001", 2), 20, 60, "OK BOOKED ATWC0001 ATWM271126 Avatar 2");
    private final RecordedCall bobBooks = call("bob@1", book("ATWC0002", 1), 25, 40, "REFUSED NOT_ENOUGH_SEATS");
    private final RecordedCall list = call("adm@2", new Request.ListMovieShowsAvailability("ATWA0001", "Avatar"), 70, 80,
            "SHOWS [ATWM271126 Avatar 0]");
    private final RecordedCall bobBadCount = call("bob@2", book("ATWC0002", 0), 45, 46, "REFUSED BAD_REQUEST");
    private final RecordedCall bobUnknown = call("bob@3", book("ATWC0002", 1), 47, 90, null);

    private List<RecordedCall> calls() { return new ArrayList<>(List.of(add, annBooks, bobBooks, list, bobBadCount, bobUnknown)); }

    private List<RequestLogLine> order() {
        return new ArrayList<>(List.of(line(1, add, true), line(2, annBooks, true), line(3, bobBooks, true), line(4, annBooks, false),
                checkpoint(5), line(6, list, true), probe(7)));
    }

    @Test
    void aRightHistoryPassesWithItsCounts() {
        HistoryVerdict v = HistoryChecker.check(calls(), AppliedOrder.of(order()), MODEL);
        assertEquals(List.of(), v.violations());
        assertEquals(new HistoryVerdict.OrderCounts(7, 7, 4, 1, 1, 1, 1, 0, 1, 0, 0), v.order());
        HistoryVerdict.OperationCounts books = v.operations().get("bookMovieTickets");
        assertEquals(4, books.called());
        assertEquals(3, books.acknowledged());
        assertEquals(1, books.unknown());
        assertEquals(Map.of("OK", 1L, "NOT_ENOUGH_SEATS", 1L, "BAD_REQUEST", 1L), books.outcomes());
    }

    @Test
    void aWrongAnswerIsCaught() {
        List<RecordedCall> calls = calls();
        calls.set(2, call("bob@1", book("ATWC0002", 1), 25, 40, "OK BOOKED ATWC0002 ATWM271126 Avatar 1"));
        assertOnly(Kind.WRONG_ANSWER, HistoryChecker.check(calls, AppliedOrder.of(order()), MODEL));
    }

    @Test
    void aCallAppliedTwiceIsCaught() {
        List<RequestLogLine> order = order();
        order.set(3, line(4, annBooks, true));          // the retry applied again, as if nobody remembered the call
        assertOnly(Kind.DUPLICATE, HistoryChecker.check(calls(), AppliedOrder.of(order), MODEL));
    }

    @Test
    void anAcknowledgedCallMissingFromTheOrderIsCaught() {
        List<RecordedCall> calls = calls();
        calls.add(call("cat@1", new Request.GetBookingSchedule("ATWC0003", "ATWC0003"), 50, 55, "SCHEDULE []"));
        assertOnly(Kind.MISSING, HistoryChecker.check(calls, AppliedOrder.of(order()), MODEL));
    }

    @Test
    void anOverbookedShowIsCaughtEvenWhenEveryAnswerAgreesWithTheModel() {
        // A model that books without looking at the capacity, and a history that matches it.
        List<RecordedCall> calls = calls();
        calls.set(2, call("bob@1", book("ATWC0002", 1), 25, 40, "OK BOOKED ATWC0002 ATWM271126 Avatar 1"));
        calls.set(3, call("adm@2", list.request(), 70, 80, "SHOWS []"));
        calls.remove(bobBadCount);                      // this model has no BAD_REQUEST either
        assertOnly(Kind.OVERBOOKED, HistoryChecker.check(calls, AppliedOrder.of(order()), CapacityBlindModel::new));
    }

    @Test
    void aGapIsReportedAndNothingAfterItIsJudged() {
        List<RequestLogLine> order = order();
        order.remove(2);                                // no log has seq 3
        HistoryVerdict v = HistoryChecker.check(calls(), AppliedOrder.of(order), MODEL);
        assertOnly(Kind.GAP, v);
        assertTrue(v.violations().get(0).detail().contains("seq 3 "), v.violations().toString());
        assertEquals(2, v.order().checkedUpTo());
    }

    @Test
    void logsThatDisagreeOnASequenceNumberAreCaught() {
        Map<String, List<String>> logs = new java.util.TreeMap<>();
        logs.put("R1", order().stream().map(HistoryCheckerTest::text).toList());
        List<RequestLogLine> other = order();
        other.set(2, new RequestLogLine("t", 3, "bookMovieTickets", "ATWC0002 ATWC0002 ATWM271126 Avatar 2", "OK", "OK x", DAY,
                "bob@1", RequestLogLine.APPLIED));
        logs.put("R2", other.stream().map(HistoryCheckerTest::text).toList());
        AppliedOrder order = AppliedOrder.assemble(logs);
        assertEquals(1, order.disagreements().size(), order.disagreements().toString());
        assertOnly(Kind.DISAGREEMENT, HistoryChecker.check(calls(), order, MODEL));
    }

    @Test
    void anIncarnationThatStoppedOnADeposedSequencersOrderIsNotTheGroupsOrder() {
        Map<String, List<String>> logs = new java.util.TreeMap<>();
        logs.put("R1", order().stream().map(HistoryCheckerTest::text).toList());
        List<String> r2 = new java.util.ArrayList<>(order().subList(0, 2).stream().map(HistoryCheckerTest::text).toList());
        // Behind a cut, the old sequencer gave seq 3 to a checkpoint only R2 received; R2 found out and stopped.
        r2.add(text(new RequestLogLine("t", 3, RequestLogLine.CHECKPOINT, "R2", "OK", "DIGEST d", DAY, RequestLogLine.NONE, RequestLogLine.NONE)));
        r2.add(text(new RequestLogLine("t", 3, RequestLogLine.DIVERGED, "-", "STOPPED", "DIVERGED FROM 3", DAY, RequestLogLine.NONE, RequestLogLine.NONE)));
        // Its replacement's lines after it are kept.
        r2.addAll(order().subList(3, order().size()).stream().map(HistoryCheckerTest::text).toList());
        logs.put("R2", r2);
        AppliedOrder order = AppliedOrder.assemble(logs);
        assertEquals(List.of(), order.disagreements());
        assertEquals(order().size(), order.entries().size());
        assertTrue(HistoryChecker.check(calls(), order, MODEL).passed());
        logs.put("R2", r2.stream().filter(l -> !l.contains(RequestLogLine.DIVERGED)).toList());
        assertEquals(1, AppliedOrder.assemble(logs).disagreements().size(), "without its last line, the stopped incarnation disagrees");
    }

    @Test
    void theOtherPlantedViolationsAreCaughtToo() {
        List<RequestLogLine> phantom = order();
        phantom.set(5, line(6, call("eve@1", list.request(), 0, 0, null), true));
        assertTrue(HistoryChecker.check(calls(), AppliedOrder.of(phantom), MODEL).violationCounts().containsKey(Kind.PHANTOM));
        List<RequestLogLine> anonymousBooking = order();     // unlike a query, a booking without identity is a phantom
        anonymousBooking.set(6, new RequestLogLine("t", 7, "bookMovieTickets", "ATWC0003 ATWC0003 ATWM271126 Avatar 1", "OK", "", DAY,
                RequestLogLine.NONE, RequestLogLine.APPLIED));
        assertTrue(HistoryChecker.check(calls(), AppliedOrder.of(anonymousBooking), MODEL).violationCounts().containsKey(Kind.PHANTOM));

        List<RequestLogLine> altered = order();
        altered.set(2, line(3, call("bob@1", book("ATWC0002", 2), 0, 0, null), true));
        assertTrue(HistoryChecker.check(calls(), AppliedOrder.of(altered), MODEL).violationCounts().containsKey(Kind.ALTERED));

        List<RequestLogLine> notApplied = order();
        notApplied.set(1, line(2, annBooks, false));    // answered as a repeat of nothing
        assertTrue(HistoryChecker.check(calls(), AppliedOrder.of(notApplied), MODEL).violationCounts().containsKey(Kind.NOT_APPLIED));

        List<RecordedCall> late = calls();               // the add ended before the list started, the order says the list came first
        late.set(3, call("adm@2", list.request(), 70, 80, "SHOWS []"));
        List<RequestLogLine> reordered = order();
        reordered.set(0, line(1, late.get(3), true));
        reordered.set(5, line(6, add, true));
        reordered.removeIf(l -> l.seq() > 1 && l.seq() < 6);
        late.removeIf(c -> Set.of("ann@1", "bob@1").contains(c.key()));
        assertOnly(Kind.REAL_TIME, HistoryChecker.check(late, AppliedOrder.of(renumbered(reordered)), MODEL));

        List<RequestLogLine> dateBack = order();
        dateBack.set(5, new RequestLogLine("t", 6, list.request().operation(), RequestLogLine.parametersOf(list.request()), "OK", "",
                DAY.minusDays(1), "adm@2", RequestLogLine.APPLIED));
        assertOnly(Kind.DATE_BACK, HistoryChecker.check(calls(), AppliedOrder.of(dateBack), MODEL));
    }

    private static void assertOnly(Kind kind, HistoryVerdict v) {
        assertEquals(Set.of(kind), v.violationCounts().keySet(), v.violations().toString());
    }

    private static List<RequestLogLine> renumbered(List<RequestLogLine> lines) {
        List<RequestLogLine> out = new ArrayList<>();
        for (RequestLogLine l : lines) {
            out.add(new RequestLogLine(l.timestamp(), out.size() + 1, l.operation(), l.parameters(), l.outcome(), l.result(),
                    l.businessDate(), l.client(), l.effect()));
        }
        return out;
    }

    private static Request book(String customer, int n) {
        return new Request.BookMovieTickets(customer, customer, "ATWM271126", "Avatar", n);
    }

    private static RecordedCall call(String key, Request r, long start, long end, String answer) {
        return new RecordedCall(key, r, start, end, answer);
    }

    /** A log line for {@code c}'s request; the replica's own outcome and result play no part in the check. */
    private static RequestLogLine line(long seq, RecordedCall c, boolean applied) {
        return new RequestLogLine("t", seq, c.request().operation(), RequestLogLine.parametersOf(c.request()), "OK", "", DAY, c.key(),
                applied ? RequestLogLine.APPLIED : RequestLogLine.REPEAT);
    }

    /** The launcher's readiness probe: a query without identity. */
    private static RequestLogLine probe(long seq) {
        return new RequestLogLine("t", seq, "listMovieShowsAvailability", "ATWA0001 Avatar", "OK", "SHOWS []", DAY, RequestLogLine.NONE,
                RequestLogLine.APPLIED);
    }

    private static RequestLogLine checkpoint(long seq) {
        return new RequestLogLine("t", seq, RequestLogLine.CHECKPOINT, "-", "OK", "DIGEST x", DAY, RequestLogLine.NONE, RequestLogLine.NONE);
    }

    private static String text(RequestLogLine l) {
        return String.join("\t", l.timestamp(), Long.toString(l.seq()), l.operation(), l.parameters(), l.outcome(), l.result(),
                l.businessDate().toString(), l.client(), l.effect());
    }

    /** Books whatever it is asked, seats or not: the state it exports is overbooked (BookingState refuses it). */
    private static final class CapacityBlindModel implements BookingMachine {
        private final Map<String, Integer> capacity = new HashMap<>();
        private final Map<String, Integer> seats = new HashMap<>();

        @Override public String name() { return "capacity-blind"; }

        @Override public Result apply(Request request, LocalDate businessDate) {
            if (request instanceof Request.AddMovieSlots a) {
                capacity.put(a.movieID(), a.capacity());
                return Result.done("ADDED " + a.movieID() + " " + a.movieName() + " " + a.capacity());
            }
            if (request instanceof Request.BookMovieTickets b) {
                seats.merge(b.customerID() + " " + b.movieID(), b.tickets(), Integer::sum);
                return Result.done("BOOKED " + b.customerID() + " " + b.movieID() + " " + b.movieName() + " " + b.tickets());
            }
            return new Result.Shows(List.of());
        }

        @Override public BookingState exportState() {
            List<BookingState.Show> shows = new ArrayList<>();
            capacity.forEach((id, c) -> shows.add(new BookingState.Show("Avatar", id, c)));
            List<BookingState.Booking> bookings = new ArrayList<>();
            seats.forEach((k, n) -> bookings.add(new BookingState.Booking(k.split(" ")[0], "Avatar", k.split(" ")[1], n)));
            return new BookingState(shows, bookings);
        }

        @Override public void importState(BookingState state) { throw new UnsupportedOperationException(); }
    }
}
