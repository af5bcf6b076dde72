package dmtbs.impl.eventlog;

import dmtbs.booking.Area;
import dmtbs.booking.BookingState;
import dmtbs.booking.Request;
import dmtbs.booking.Result;
import dmtbs.booking.ShowId;
import dmtbs.booking.Slot;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

import static dmtbs.booking.Area.ATW;
import static dmtbs.booking.Area.OUT;
import static dmtbs.booking.Area.VER;
import static dmtbs.booking.Slot.A;
import static dmtbs.booking.Slot.E;
import static dmtbs.booking.Slot.M;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventLogMachineTest {

    /** A Thursday: the booking window [Thu 26 Nov, Wed 2 Dec] crosses the ISO week boundary Sun → Mon. */
    static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    static final String ADMIN_ATW = "ATWA1000", ADMIN_OUT = "OUTA1000", ADMIN_VER = "VERA1000";

    private final EventLogMachine machine = new EventLogMachine();
    private LocalDate businessDate = TODAY;

    // ------------------------------------------------------------------ helpers

    static String id(Area area, Slot slot, int daysFromToday) {
        return ShowId.of(area, slot, TODAY.plusDays(daysFromToday)).text();
    }

    private static String adminOf(String movieID) { return movieID.substring(0, 3) + "A1000"; }

    private String run(Request request) { return machine.apply(request, businessDate).canonical(); }

    private String add(String movieID, String movie, int capacity) {
        return run(new Request.AddMovieSlots(adminOf(movieID), movieID, movie, capacity));
    }

    private String book(String customer, String movieID, String movie, int n) {
        return run(new Request.BookMovieTickets(ADMIN_VER, customer, movieID, movie, n));
    }

    private String cancel(String customer, String movieID, String movie, int n) {
        return run(new Request.CancelMovieTickets(customer, customer, movieID, movie, n));
    }

    private String exchange(String customer, String from, String fromMovie, String to, String toMovie, int n) {
        return run(new Request.ExchangeTickets(customer, customer, from, fromMovie, to, toMovie, n));
    }

    private String remove(String movieID, String movie) {
        return run(new Request.RemoveMovieSlots(adminOf(movieID), movieID, movie));
    }

    private String schedule(String customer) { return run(new Request.GetBookingSchedule(customer, customer)); }

    private static String refused(String code) { return "REFUSED " + code; }

    private void addAll(int capacity, String movie, String... movieIDs) {
        for (String movieID : movieIDs) assertTrue(add(movieID, movie, capacity).startsWith("OK ADDED"));
    }

    // ------------------------------------------------------------------ state and digest

    @Test void emptyStateDigestIsTheSpecValue() {
        assertEquals("b7d29c1c5dc287ed55dc85bdf7eb3af071ebc8249cfe918a3114c9b03862aebd", machine.digest());
        assertEquals("SHOWS\nBOOKINGS\n", machine.exportState().canonicalText());
        assertEquals("event-log", machine.name());
    }

    @Test void importReplacesTheWholeStateAndRoundTrips() {
        String kept = id(OUT, E, 1), dropped = id(ATW, M, 0);
        addAll(5, "Avatar", kept, dropped);
        book("ATWC0001", kept, "Avatar", 2);
        BookingState snapshot = machine.exportState();
        book("ATWC0001", dropped, "Avatar", 1);

        EventLogMachine other = new EventLogMachine();
        other.apply(new Request.AddMovieSlots(ADMIN_VER, id(VER, A, 2), "Titanic", 9), TODAY);
        other.importState(snapshot);
        assertEquals(snapshot.digest(), other.digest());
        assertEquals(snapshot, other.exportState());
        assertEquals("SCHEDULE [" + kept + " Avatar 2]",
                other.apply(new Request.GetBookingSchedule("ATWC0001", "ATWC0001"), TODAY).canonical());
        assertEquals(refused("NO_SUCH_SHOW"),
                other.apply(new Request.BookMovieTickets(ADMIN_VER, "VERC0001", id(VER, A, 2), "Titanic", 1), TODAY).canonical());

        machine.importState(BookingState.EMPTY);
        assertEquals(BookingState.EMPTY.digest(), machine.digest());
    }

    @Test void importOfAnUnrepresentableSnapshotFailsAndKeepsTheOldState() {
        add(id(ATW, M, 0), "Avatar", 5);
        String before = machine.digest();
        BookingState bad = new BookingState(List.of(new BookingState.Show("Avatar", "XYZM010126", 5)), List.of());
        assertThrows(IllegalArgumentException.class, () -> machine.importState(bad));
        assertEquals(before, machine.digest());
    }

    @Test void logIsCompactedAndProgressPublished() {
        String show = id(ATW, M, 0);
        add(show, "Avatar", 10);
        for (int i = 0; i < 3000; i++) {
            book("ATWC0001", show, "Avatar", 1);
            cancel("ATWC0001", show, "Avatar", 1);
        }
        assertEquals(6001, machine.appliedEventCount());
        assertTrue(machine.eventsSinceCheckpoint().size() < EventJournal.CHECKPOINT_EVERY);
        assertEquals("SHOWS\nAvatar\t" + show + "\t10\nBOOKINGS\n", machine.exportState().canonicalText());
    }

    // ------------------------------------------------------------------ add

    @Test void addThenUpdateAndCapacityRule() {
        String show = id(ATW, E, 3);
        assertEquals("OK ADDED " + show + " Avatar 5", add(show, "Avatar", 5));
        assertEquals("OK UPDATED " + show + " Avatar 5", add(show, "Avatar", 5));
        book("ATWC0001", show, "Avatar", 3);
        assertEquals(refused("CAPACITY_BELOW_BOOKED"), add(show, "Avatar", 2));
        assertEquals("OK UPDATED " + show + " Avatar 3", add(show, "Avatar", 3));
        assertEquals(refused("NOT_ENOUGH_SEATS"), book("ATWC0002", show, "Avatar", 1));
        assertEquals("OK ADDED " + show + " Titanic 10000", add(show, "Titanic", 10_000));
    }

    @Test void addChainPrecedenceAndWindowEdges() {
        // BAD_REQUEST before NOT_AUTHORIZED, NOT_AUTHORIZED before OUTSIDE_WINDOW.
        assertEquals(refused("BAD_REQUEST"), run(new Request.AddMovieSlots("ATWC0001", id(ATW, M, 9), "Avatar", 0)));
        assertEquals(refused("BAD_REQUEST"), add(id(ATW, M, 0), "Avatar", 10_001));
        assertEquals(refused("NOT_AUTHORIZED"), run(new Request.AddMovieSlots(ADMIN_OUT, id(ATW, M, 9), "Avatar", 5)));
        assertEquals(refused("NOT_AUTHORIZED"), run(new Request.AddMovieSlots("ATWC0001", id(ATW, M, 0), "Avatar", 5)));
        // Window [today, today + 6].
        assertEquals(refused("OUTSIDE_WINDOW"), add(id(ATW, M, -1), "Avatar", 5));
        assertTrue(add(id(ATW, M, 0), "Avatar", 5).startsWith("OK ADDED"));
        assertTrue(add(id(ATW, M, 6), "Avatar", 5).startsWith("OK ADDED"));
        assertEquals(refused("OUTSIDE_WINDOW"), add(id(ATW, M, 7), "Avatar", 5));
        // The window also applies to updates, checked before the capacity rule.
        book("ATWC0001", id(ATW, M, 0), "Avatar", 4);
        businessDate = TODAY.plusDays(1);
        assertEquals(refused("OUTSIDE_WINDOW"), add(id(ATW, M, 0), "Avatar", 1));
    }

    // ------------------------------------------------------------------ well-formedness and authorization

    @Test void malformedArgumentsAreBadRequestsAndNeverThrow() {
        String day = id(ATW, M, 0).substring(4);
        assertEquals(refused("BAD_REQUEST"), book("ATWC0001", "ATWM310226", "Avatar", 1));
        assertEquals(refused("BAD_REQUEST"), book("ATWC0001", "ATWM290227", "Avatar", 1));
        assertEquals(refused("NO_SUCH_SHOW"), book("ATWC0001", "ATWM290228", "Avatar", 1)); // 2028 is a leap year
        assertEquals(refused("BAD_REQUEST"), book("ATWC0001\n", id(ATW, M, 0), "Avatar", 1));
        assertEquals(refused("BAD_REQUEST"), book("ATWC000\uFF11", id(ATW, M, 0), "Avatar", 1));
        assertEquals(refused("BAD_REQUEST"), book("ATWC0001", "ATWX" + day, "Avatar", 1));
        assertEquals(refused("BAD_REQUEST"), book("ATWC0001", id(ATW, M, 0), "avatar", 1));
        assertEquals(refused("BAD_REQUEST"), book("ATWC0001", id(ATW, M, 0), " Avatar", 1));
        assertEquals(refused("BAD_REQUEST"), book("ATWC0001", id(ATW, M, 0), "Avatar", -3));
        assertEquals(refused("BAD_REQUEST"), book("ATWC0001", id(ATW, M, 0), null, 1));
        assertEquals(refused("BAD_REQUEST"), run(new Request.BookMovieTickets(null, null, null, null, 0)));
        assertEquals(refused("BAD_REQUEST"), run(new Request.ExchangeTickets(null, null, null, null, null, null, 1)));
        assertEquals(refused("BAD_REQUEST"), run(new Request.AddMovieSlots(null, null, null, 1)));
        assertEquals(refused("BAD_REQUEST"), run(new Request.RemoveMovieSlots(null, null, null)));
        assertEquals(refused("BAD_REQUEST"), run(new Request.ListMovieShowsAvailability(null, null)));
        assertEquals(refused("BAD_REQUEST"), run(new Request.GetBookingSchedule(null, null)));
        assertEquals(refused("BAD_REQUEST"), run(new Request.CancelMovieTickets(null, null, null, null, 1)));
        assertEquals(refused("BAD_REQUEST"), run(null));
        assertEquals(BookingState.EMPTY.digest(), machine.digest());
    }

    @Test void badRequestIsDecidedBeforeAuthorization() {
        // An admin's ID as customerID is malformed, even when the requester could not act anyway.
        assertEquals(refused("BAD_REQUEST"),
                run(new Request.BookMovieTickets("OUTC0005", "ATWA1000", id(ATW, M, 0), "Avatar", 1)));
        assertEquals(refused("BAD_REQUEST"), run(new Request.GetBookingSchedule("OUTC0005", "ATWA1000")));
        assertEquals(refused("NOT_AUTHORIZED"), run(new Request.GetBookingSchedule("OUTC0005", "ATWC0001")));
        assertEquals(refused("NOT_AUTHORIZED"),
                run(new Request.CancelMovieTickets("OUTC0005", "ATWC0001", id(ATW, M, 0), "Avatar", 1)));
        assertEquals(refused("NOT_AUTHORIZED"), run(new Request.ListMovieShowsAvailability("ATWC0001", "Avatar")));
        // An admin of another theatre may not remove, whether or not the show exists.
        assertEquals(refused("NOT_AUTHORIZED"), run(new Request.RemoveMovieSlots(ADMIN_VER, id(ATW, M, 0), "Avatar")));
        // Any admin may act for any customer at any theatre; a customer books any theatre for themselves.
        add(id(OUT, A, 1), "Titanic", 5);
        assertEquals("OK BOOKED ATWC0001 " + id(OUT, A, 1) + " Titanic 1",
                run(new Request.BookMovieTickets(ADMIN_VER, "ATWC0001", id(OUT, A, 1), "Titanic", 1)));
        assertEquals("OK BOOKED ATWC0001 " + id(OUT, A, 1) + " Titanic 1",
                run(new Request.BookMovieTickets("ATWC0001", "ATWC0001", id(OUT, A, 1), "Titanic", 1)));
    }

    // ------------------------------------------------------------------ book

    @Test void bookChainPrecedence() {
        String atw = id(ATW, M, 0), ver = id(VER, M, 0);
        addAll(2, "Avatar", atw, ver, id(OUT, M, 1), id(OUT, A, 1), id(OUT, E, 1), id(VER, E, 2));
        book("ATWC0001", atw, "Avatar", 1);
        // Rule 5 before rule 4 and seats: VER is foreign, ATWC0001 will hold 3 foreign shows this week.
        book("ATWC0001", id(OUT, M, 1), "Avatar", 1);
        book("ATWC0001", id(OUT, A, 1), "Avatar", 1);
        book("ATWC0001", id(OUT, E, 1), "Avatar", 1);
        book("VERC0009", ver, "Avatar", 2);
        assertEquals(refused("SAME_SHOW_OTHER_THEATRE"), book("ATWC0001", ver, "Avatar", 5));
        // Rule 4 before seats.
        book("VERC0009", id(VER, E, 2), "Avatar", 2);
        assertEquals(refused("FOREIGN_LIMIT"), book("ATWC0001", id(VER, E, 2), "Avatar", 1));
        // NO_SUCH_SHOW before PAST_SHOW, PAST_SHOW before rule 5.
        businessDate = TODAY.plusDays(1);
        assertEquals(refused("NO_SUCH_SHOW"), book("ATWC0001", id(ATW, A, -3), "Avatar", 1));
        assertEquals(refused("PAST_SHOW"), book("ATWC0001", ver, "Avatar", 5));
        assertEquals(refused("PAST_SHOW"), remove(atw, "Avatar"));
    }

    @Test void foreignLimitIsPerIsoWeekAndCountsEachShowOnce() {
        // TODAY is Thursday; +3 is Sunday, +4 the next Monday.
        assertEquals(DayOfWeek.SUNDAY, TODAY.plusDays(3).getDayOfWeek());
        String thu = id(OUT, M, 0), fri = id(VER, A, 1), sun = id(OUT, E, 3);
        String sat = id(VER, M, 2), mon = id(OUT, M, 4), home = id(ATW, E, 2);
        addAll(10, "Avatar", thu, fri, sun, sat, mon, home);
        add(thu, "Titanic", 10);
        assertEquals("OK BOOKED ATWC0001 " + thu + " Avatar 1", book("ATWC0001", thu, "Avatar", 1));
        book("ATWC0001", fri, "Avatar", 1);
        book("ATWC0001", home, "Avatar", 1); // own theatre never counts
        book("ATWC0001", sun, "Avatar", 1);
        assertEquals(refused("FOREIGN_LIMIT"), book("ATWC0001", sat, "Avatar", 1));
        // Same movieID, other movie: a distinct show.
        assertEquals(refused("FOREIGN_LIMIT"), book("ATWC0001", thu, "Titanic", 1));
        // Adding seats to a held foreign show does not count again.
        assertTrue(book("ATWC0001", fri, "Avatar", 2).startsWith("OK BOOKED"));
        // Next ISO week starts fresh.
        assertTrue(book("ATWC0001", mon, "Avatar", 1).startsWith("OK BOOKED"));
        // Another customer's home theatre is this customer's foreign one, and vice versa.
        assertTrue(book("OUTC0001", sat, "Avatar", 1).startsWith("OK BOOKED"));
    }

    @Test void foreignLimitCountsPastDaysOfTheWeek() {
        String thu = id(OUT, M, 0), fri = id(OUT, M, 1), sat = id(VER, M, 2), sun = id(VER, E, 3);
        addAll(10, "Titanic", thu, fri, sat, sun);
        book("ATWC0001", thu, "Titanic", 1);
        book("ATWC0001", fri, "Titanic", 1);
        book("ATWC0001", sat, "Titanic", 1);
        businessDate = TODAY.plusDays(3); // Sunday: the three are past but still held that week
        assertEquals(refused("FOREIGN_LIMIT"), book("ATWC0001", sun, "Titanic", 1));
        assertEquals("SCHEDULE [" + thu + " Titanic 1," + fri + " Titanic 1," + sat + " Titanic 1]",
                schedule("ATWC0001"));
    }

    @Test void removalCanCreateRule5PairThatBlocksLaterBookings() {
        String removed = id(ATW, A, 1), next = id(ATW, E, 1), other = id(VER, E, 1);
        addAll(5, "Avatar", removed, next, other);
        book("ATWC0001", removed, "Avatar", 2);
        book("ATWC0001", other, "Avatar", 1);
        assertEquals("OK REMOVED " + removed + " Avatar ATWC0001:2>" + next, remove(removed, "Avatar"));
        assertEquals(refused("SAME_SHOW_OTHER_THEATRE"), book("ATWC0001", next, "Avatar", 1));
        assertEquals(refused("SAME_SHOW_OTHER_THEATRE"), book("ATWC0001", other, "Avatar", 1));
        // Releasing all of one side in an exchange clears the conflict.
        add(id(ATW, M, 2), "Titanic", 5);
        assertTrue(exchange("ATWC0001", other, "Avatar", id(ATW, M, 2), "Titanic", 1).startsWith("OK EXCHANGED"));
        assertTrue(book("ATWC0001", next, "Avatar", 1).startsWith("OK BOOKED"));
    }

    // ------------------------------------------------------------------ cancel

    @Test void cancelChainAndBookingsThatReachZeroDisappear() {
        String show = id(VER, E, 0);
        add(show, "Avengers", 5);
        assertEquals(refused("NOT_BOOKED"), cancel("ATWC0001", id(VER, E, 1), "Avengers", 1)); // no such show
        book("ATWC0001", show, "Avengers", 2);
        assertEquals(refused("NOT_BOOKED"), cancel("ATWC0001", show, "Avengers", 3));
        assertEquals("OK CANCELLED ATWC0001 " + show + " Avengers 1", cancel("ATWC0001", show, "Avengers", 1));
        businessDate = TODAY.plusDays(1);
        assertEquals(refused("NOT_BOOKED"), cancel("ATWC0001", show, "Avengers", 2)); // NOT_BOOKED before PAST_SHOW
        assertEquals(refused("PAST_SHOW"), cancel("ATWC0001", show, "Avengers", 1));
        businessDate = TODAY;
        cancel("ATWC0001", show, "Avengers", 1);
        assertEquals("SCHEDULE []", schedule("ATWC0001"));
        assertEquals("SHOWS\nAvengers\t" + show + "\t5\nBOOKINGS\n", machine.exportState().canonicalText());
    }

    // ------------------------------------------------------------------ exchange

    @Test void exchangeMadeValidByReleasedForeignSlot() {
        String a = id(OUT, M, 0), b = id(OUT, A, 0), c = id(VER, M, 1), d = id(VER, A, 1);
        addAll(10, "Avatar", a, b, c, d);
        book("ATWC0001", a, "Avatar", 2);
        book("ATWC0001", b, "Avatar", 1);
        book("ATWC0001", c, "Avatar", 1);
        assertEquals(refused("FOREIGN_LIMIT"), book("ATWC0001", d, "Avatar", 1));
        assertEquals(refused("FOREIGN_LIMIT"), exchange("ATWC0001", a, "Avatar", d, "Avatar", 1)); // a still held
        assertEquals("OK EXCHANGED ATWC0001 " + a + " Avatar 2 > " + d + " Avatar",
                exchange("ATWC0001", a, "Avatar", d, "Avatar", 2));
        assertEquals("SCHEDULE [" + b + " Avatar 1," + c + " Avatar 1," + d + " Avatar 2]", schedule("ATWC0001"));
    }

    @Test void exchangeReleasesRule5ConflictOnlyWhenWhollyReleased() {
        String atw = id(ATW, M, 2), ver = id(VER, M, 2);
        addAll(10, "Avatar", atw, ver);
        book("OUTC0001", atw, "Avatar", 3);
        assertEquals(refused("SAME_SHOW_OTHER_THEATRE"), exchange("OUTC0001", atw, "Avatar", ver, "Avatar", 2));
        assertEquals("OK EXCHANGED OUTC0001 " + atw + " Avatar 3 > " + ver + " Avatar",
                exchange("OUTC0001", atw, "Avatar", ver, "Avatar", 3));
    }

    @Test void exchangeToTheSameShowIsBadRequestAndOtherMovieAllowed() {
        String show = id(ATW, M, 0);
        assertEquals(refused("BAD_REQUEST"), exchange("ATWC0001", show, "Avatar", show, "Avatar", 1));
        assertEquals(refused("BAD_REQUEST"),
                run(new Request.ExchangeTickets("OUTC0002", "ATWC0001", show, "Avatar", show, "Avatar", 1)));
        add(show, "Avatar", 5);
        add(show, "Titanic", 5);
        book("ATWC0001", show, "Avatar", 2);
        assertEquals("OK EXCHANGED ATWC0001 " + show + " Avatar 1 > " + show + " Titanic",
                exchange("ATWC0001", show, "Avatar", show, "Titanic", 1));
    }

    @Test void exchangeChainAndAtomicity() {
        String from = id(ATW, M, 0), full = id(ATW, A, 0);
        add(from, "Avatar", 5);
        add(full, "Avatar", 1);
        book("ATWC0002", full, "Avatar", 1);
        // NOT_BOOKED (old) before anything about the new show.
        assertEquals(refused("NOT_BOOKED"), exchange("ATWC0001", from, "Avatar", id(ATW, E, 0), "Avatar", 1));
        book("ATWC0001", from, "Avatar", 2);
        assertEquals(refused("NO_SUCH_SHOW"), exchange("ATWC0001", from, "Avatar", id(ATW, E, 0), "Avatar", 1));
        String digest = machine.digest();
        List<DomainEvent> log = machine.eventsSinceCheckpoint();
        assertEquals(refused("NOT_ENOUGH_SEATS"), exchange("ATWC0001", from, "Avatar", full, "Avatar", 2));
        assertEquals(digest, machine.digest());
        assertEquals(log, machine.eventsSinceCheckpoint());
        // PAST_SHOW (old) before the new show's chain.
        businessDate = TODAY.plusDays(1);
        assertEquals(refused("PAST_SHOW"), exchange("ATWC0001", from, "Avatar", id(ATW, E, 9), "Avatar", 1));
        assertEquals(digest, machine.digest());
    }

    // ------------------------------------------------------------------ remove

    @Test void removalMovesCustomersInOrderOneAtATime() {
        String removed = id(ATW, M, 1), afternoon = id(ATW, A, 1), nextDay = id(ATW, M, 2);
        add(removed, "Avatar", 30);
        add(afternoon, "Avatar", 5);
        add(nextDay, "Avatar", 12);
        add(id(ATW, E, 0), "Avatar", 30);   // earlier: never a target
        add(id(VER, A, 1), "Avatar", 30);   // other theatre: never a target
        add(id(ATW, E, 1), "Titanic", 30);  // other movie: never a target
        book("VERC0003", removed, "Avatar", 2);
        book("OUTC0001", removed, "Avatar", 3);
        book("ATWC0010", removed, "Avatar", 8);
        book("ATWC0009", removed, "Avatar", 5);
        book("ATWC0002", removed, "Avatar", 4);
        book("VERC0003", nextDay, "Avatar", 1);
        assertEquals("OK REMOVED " + removed + " Avatar ATWC0002:4>" + afternoon + " ATWC0009:5>" + nextDay
                        + " ATWC0010:8>NONE OUTC0001:3>" + nextDay + " VERC0003:2>" + nextDay,
                remove(removed, "Avatar"));
        assertEquals("SCHEDULE [" + nextDay + " Avatar 3]", schedule("VERC0003"));
        assertEquals("SCHEDULE []", schedule("ATWC0010"));
        assertEquals(refused("NO_SUCH_SHOW"), remove(removed, "Avatar"));
        assertEquals("OK REMOVED " + id(ATW, E, 1) + " Titanic", remove(id(ATW, E, 1), "Titanic"));
        String list = run(new Request.ListMovieShowsAvailability(ADMIN_OUT, "Avatar"));
        assertEquals("SHOWS [" + id(ATW, E, 0) + " Avatar 30," + afternoon + " Avatar 1," + id(VER, A, 1)
                + " Avatar 30," + nextDay + " Avatar 1]", list);
    }

    // ------------------------------------------------------------------ list and schedule

    @Test void listIsInShowOrderFromTodayOn() {
        add(id(VER, M, 1), "Titanic", 4);
        add(id(ATW, E, 1), "Titanic", 4);
        add(id(OUT, M, 1), "Titanic", 4);
        add(id(ATW, A, 0), "Titanic", 1);
        add(id(OUT, A, 0), "Avatar", 9);
        book("ATWC0001", id(ATW, A, 0), "Titanic", 1);
        String expected = "SHOWS [" + id(ATW, A, 0) + " Titanic 0," + id(OUT, M, 1) + " Titanic 4,"
                + id(VER, M, 1) + " Titanic 4," + id(ATW, E, 1) + " Titanic 4]";
        assertEquals(expected, run(new Request.ListMovieShowsAvailability(ADMIN_ATW, "Titanic")));
        businessDate = TODAY.plusDays(1);
        assertEquals("SHOWS [" + id(OUT, M, 1) + " Titanic 4," + id(VER, M, 1) + " Titanic 4," + id(ATW, E, 1)
                + " Titanic 4]", run(new Request.ListMovieShowsAvailability(ADMIN_ATW, "Titanic")));
        assertEquals("SHOWS []", run(new Request.ListMovieShowsAvailability(ADMIN_ATW, "Avengers")));
    }

    @Test void scheduleIsInShowOrderIncludingPastShows() {
        String d0 = id(VER, E, 0), d1m = id(OUT, M, 1), d1mAtw = id(ATW, M, 1);
        add(d0, "Avatar", 5);
        add(d1m, "Titanic", 5);
        add(d1m, "Avengers", 5);
        add(d1mAtw, "Avatar", 5);
        book("VERC0001", d1m, "Titanic", 1);
        book("VERC0001", d0, "Avatar", 2);
        book("VERC0001", d1m, "Avengers", 3);
        book("VERC0001", d1mAtw, "Avatar", 1);
        businessDate = TODAY.plusDays(1);
        Result result = machine.apply(new Request.GetBookingSchedule(ADMIN_ATW, "VERC0001"), businessDate);
        assertEquals("SCHEDULE [" + d0 + " Avatar 2," + d1mAtw + " Avatar 1," + d1m + " Avengers 3," + d1m
                + " Titanic 1]", result.canonical());
    }
}
