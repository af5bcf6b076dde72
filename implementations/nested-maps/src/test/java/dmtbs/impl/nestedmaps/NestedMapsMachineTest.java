package dmtbs.impl.nestedmaps;

import dmtbs.booking.BookingState;
import dmtbs.booking.RefusalCode;
import dmtbs.booking.Request;
import dmtbs.booking.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

import static dmtbs.booking.RefusalCode.*;
import static org.junit.jupiter.api.Assertions.*;

class NestedMapsMachineTest {

    /** Thursday: the add window [26 Nov, 2 Dec] crosses the ISO week boundary Sun 29 / Mon 30 Nov. */
    static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    static final String ATW_ADMIN = "ATWA1000", VER_ADMIN = "VERA1000", OUT_ADMIN = "OUTA1000";

    NestedMapsMachine m;

    @BeforeEach void setUp() { m = new NestedMapsMachine(); }

    // ---- helpers ----

    Result run(Request r) { return m.apply(r, TODAY); }

    String ok(Request r) { return ok(r, TODAY); }

    String ok(Request r, LocalDate date) {
        Result result = m.apply(r, date);
        assertInstanceOf(Result.Done.class, result, () -> r + " -> " + result.canonical());
        return ((Result.Done) result).text();
    }

    RefusalCode code(Request r) { return code(r, TODAY); }

    RefusalCode code(Request r, LocalDate date) {
        Result result = m.apply(r, date);
        assertInstanceOf(Result.Refused.class, result, () -> r + " -> " + result.canonical());
        return ((Result.Refused) result).code();
    }

    static String adminOf(String movieID) { return movieID.substring(0, 3) + "A1000"; }

    static Request add(String id, String movie, int cap) { return new Request.AddMovieSlots(adminOf(id), id, movie, cap); }

    static Request book(String customer, String id, String movie, int n) {
        return new Request.BookMovieTickets(customer, customer, id, movie, n);
    }

    static Request cancel(String customer, String id, String movie, int n) {
        return new Request.CancelMovieTickets(customer, customer, id, movie, n);
    }

    static Request exchange(String customer, String id, String movie, String newId, String newMovie, int n) {
        return new Request.ExchangeTickets(customer, customer, id, movie, newId, newMovie, n);
    }

    static Request schedule(String customer) { return new Request.GetBookingSchedule(customer, customer); }

    /** Adds shows as of their own date (so past days of this week can exist). */
    void addOn(LocalDate date, String id, String movie, int cap) { ok(add(id, movie, cap), date); }

    // ---- tests ----

    @Test void emptyStateDigestMatchesSpec() {
        assertEquals("b7d29c1c5dc287ed55dc85bdf7eb3af071ebc8249cfe918a3114c9b03862aebd", m.digest());
        assertEquals("nested-maps", m.name());
    }

    @Test void addWindowEdgesAndSuccessStrings() {
        assertEquals("ADDED ATWM261126 Avatar 5", ok(add("ATWM261126", "Avatar", 5)));      // today
        assertEquals("ADDED ATWE021226 Avatar 5", ok(add("ATWE021226", "Avatar", 5)));      // today + 6
        assertEquals(OUTSIDE_WINDOW, code(add("ATWM031226", "Avatar", 5)));                 // today + 7
        assertEquals(OUTSIDE_WINDOW, code(add("ATWM251126", "Avatar", 5)));                 // yesterday
        assertEquals("UPDATED ATWM261126 Avatar 5", ok(add("ATWM261126", "Avatar", 5)));    // unchanged still UPDATED
        assertEquals("ADDED ATWM261126 Titanic 7", ok(add("ATWM261126", "Titanic", 7)));    // distinct show
    }

    @Test void addPrecedenceBadRequestThenAuthorizationThenWindow() {
        // Customer requester with a bad capacity: BAD_REQUEST is decided on all arguments first.
        assertEquals(BAD_REQUEST, code(new Request.AddMovieSlots("ATWC0001", "ATWM261126", "Avatar", 0)));
        assertEquals(BAD_REQUEST, code(new Request.AddMovieSlots(ATW_ADMIN, "ATWM261126", "Avatar", 10_001)));
        assertEquals(NOT_AUTHORIZED, code(new Request.AddMovieSlots("ATWC0001", "ATWM261126", "Avatar", 5)));
        // Another theatre's admin, also outside the window: NOT_AUTHORIZED wins.
        assertEquals(NOT_AUTHORIZED, code(new Request.AddMovieSlots(VER_ADMIN, "ATWM011226", "Avatar", 5)));
        assertEquals(NOT_AUTHORIZED, code(new Request.AddMovieSlots(VER_ADMIN, "ATWM011227", "Avatar", 5)));
        assertEquals("ADDED ATWM261126 Avatar 10000", ok(add("ATWM261126", "Avatar", 10_000)));
    }

    @Test void capacityUpdateRules() {
        ok(add("ATWM271126", "Avatar", 5));
        ok(book("VERC0001", "ATWM271126", "Avatar", 3));
        assertEquals(CAPACITY_BELOW_BOOKED, code(add("ATWM271126", "Avatar", 2)));
        assertEquals("UPDATED ATWM271126 Avatar 3", ok(add("ATWM271126", "Avatar", 3))); // equal to booked
        assertEquals(NOT_ENOUGH_SEATS, code(book("VERC0002", "ATWM271126", "Avatar", 1)));
        // The show has become past: updating it is OUTSIDE_WINDOW, even below the booked seats.
        assertEquals(OUTSIDE_WINDOW, code(add("ATWM271126", "Avatar", 1), TODAY.plusDays(2)));
    }

    @Test void malformedInputsAreBadRequestNeverExceptions() {
        ok(add("ATWM261126", "Avatar", 5));
        assertEquals(BAD_REQUEST, code(book("ATWC1234\n", "ATWM261126", "Avatar", 1)));
        assertEquals(BAD_REQUEST, code(book("ATWC１２３４", "ATWM261126", "Avatar", 1)));   // full-width digits
        assertEquals(BAD_REQUEST, code(book("ATWC1234", "ATWM261126", "avatar", 1)));
        assertEquals(BAD_REQUEST, code(book("ATWC1234", "ATWM310226", "Avatar", 1)));     // no 31 Feb
        assertEquals(BAD_REQUEST, code(book("ATWC1234", "ATWM290227", "Avatar", 1)));     // 2027 not leap
        assertEquals(NO_SUCH_SHOW, code(book("ATWC1234", "ATWM290228", "Avatar", 1)));    // 2028 is
        assertEquals(BAD_REQUEST, code(book("ATWC1234", "ATWM261126", "Avatar", -1)));
        assertEquals(BAD_REQUEST, code(new Request.BookMovieTickets(ATW_ADMIN, ATW_ADMIN, "ATWM261126", "Avatar", 1)));
        assertEquals(BAD_REQUEST, code(new Request.BookMovieTickets(null, "ATWC1234", "ATWM261126", "Avatar", 1)));
        assertEquals(BAD_REQUEST, code(new Request.ExchangeTickets("ATWC1234", "ATWC1234", null, null, null, null, 1)));
        assertEquals(BAD_REQUEST, code(new Request.ListMovieShowsAvailability(ATW_ADMIN, null)));
        assertEquals(BAD_REQUEST, code(new Request.GetBookingSchedule("ATWC1234", null)));
        assertEquals(BAD_REQUEST, code(null));
    }

    @Test void authorizationOfCustomerOperations() {
        ok(add("ATWM261126", "Avatar", 5));
        assertEquals(NOT_AUTHORIZED, code(new Request.BookMovieTickets("ATWC0001", "ATWC0002", "ATWM261126", "Avatar", 1)));
        // NOT_AUTHORIZED comes before NO_SUCH_SHOW.
        assertEquals(NOT_AUTHORIZED, code(new Request.BookMovieTickets("ATWC0001", "ATWC0002", "ATWE261126", "Avatar", 1)));
        // Any admin, of any theatre, for any customer.
        assertEquals("BOOKED OUTC0002 ATWM261126 Avatar 1",
                ok(new Request.BookMovieTickets(VER_ADMIN, "OUTC0002", "ATWM261126", "Avatar", 1)));
        assertEquals(NOT_AUTHORIZED, code(new Request.GetBookingSchedule("OUTC0003", "OUTC0002")));
        assertEquals(NOT_AUTHORIZED, code(new Request.ListMovieShowsAvailability("OUTC0002", "Avatar")));
        assertEquals(NOT_AUTHORIZED, code(new Request.RemoveMovieSlots(VER_ADMIN, "ATWM261126", "Avatar")));
    }

    @Test void bookChainPrecedence() {
        addOn(TODAY.minusDays(1), "ATWM251126", "Avatar", 5);
        ok(add("ATWM261126", "Avatar", 1));
        ok(add("VERM261126", "Avatar", 5));
        assertEquals(NO_SUCH_SHOW, code(book("ATWC0001", "ATWE261126", "Avatar", 1)));
        assertEquals(PAST_SHOW, code(book("ATWC0001", "ATWM251126", "Avatar", 1)));
        ok(book("ATWC0001", "VERM261126", "Avatar", 1));
        // Rule 5 beats NOT_ENOUGH_SEATS (only 1 seat, 2 asked).
        assertEquals(SAME_SHOW_OTHER_THEATRE, code(book("ATWC0001", "ATWM261126", "Avatar", 2)));
        assertEquals(NOT_ENOUGH_SEATS, code(book("ATWC0002", "ATWM261126", "Avatar", 2)));
        assertEquals("BOOKED ATWC0002 ATWM261126 Avatar 1", ok(book("ATWC0002", "ATWM261126", "Avatar", 1)));
        // Same slot, different movie, other theatre: no rule-5 conflict.
        ok(add("VERM261126", "Titanic", 5));
        ok(book("ATWC0002", "VERM261126", "Titanic", 1));
    }

    @Test void foreignLimitCountsDistinctShowsPerIsoWeekIncludingPastDays() {
        addOn(TODAY.minusDays(3), "VERM231126", "Avatar", 9);   // Monday, past day of this week
        for (String id : List.of("VERM261126", "VERA261126", "VERE261126", "OUTM291126", "VERM301126",
                "OUTA301126", "VERE011226", "OUTM011226")) ok(add(id, "Avatar", 9));
        ok(add("ATWA291126", "Avatar", 9));
        ok(book("ATWC0001", "VERM231126", "Avatar", 1), TODAY.minusDays(3));
        ok(book("ATWC0001", "VERM261126", "Avatar", 1));
        ok(book("ATWC0001", "VERA261126", "Avatar", 1));
        ok(book("ATWC0001", "VERA261126", "Avatar", 2));        // more seats of a held show: no recount
        ok(book("ATWC0001", "ATWA291126", "Avatar", 1));        // own theatre never counts
        assertEquals(FOREIGN_LIMIT, code(book("ATWC0001", "OUTM291126", "Avatar", 1)));  // Sunday, same week
        // Monday starts a new ISO week.
        ok(book("ATWC0001", "VERM301126", "Avatar", 1));
        ok(book("ATWC0001", "OUTA301126", "Avatar", 1));
        ok(book("ATWC0001", "VERE011226", "Avatar", 1));
        assertEquals(FOREIGN_LIMIT, code(book("ATWC0001", "OUTM011226", "Avatar", 1)));
        // An admin booking for the customer still uses the customer's own theatre.
        assertEquals(FOREIGN_LIMIT, code(new Request.BookMovieTickets(VER_ADMIN, "ATWC0001", "OUTM011226", "Avatar", 1)));
        // A VER customer is at home at VER.
        ok(book("VERC0009", "VERM261126", "Avatar", 1));
    }

    @Test void foreignLimitBeatsNotEnoughSeats() {
        for (String id : List.of("VERM271126", "VERA271126", "VERE271126")) ok(add(id, "Titanic", 9));
        ok(add("OUTM281126", "Titanic", 1));
        for (String id : List.of("VERM271126", "VERA271126", "VERE271126")) ok(book("ATWC0001", id, "Titanic", 1));
        assertEquals(FOREIGN_LIMIT, code(book("ATWC0001", "OUTM281126", "Titanic", 5)));
    }

    @Test void cancelChainAndBookingDisappearsAtZero() {
        addOn(TODAY.minusDays(1), "ATWM251126", "Avatar", 5);
        ok(book("ATWC0001", "ATWM251126", "Avatar", 2), TODAY.minusDays(1));
        ok(add("ATWM261126", "Avatar", 5));
        ok(book("ATWC0001", "ATWM261126", "Avatar", 2));
        assertEquals(NOT_BOOKED, code(cancel("ATWC0001", "ATWM251126", "Avatar", 3)));   // NOT_BOOKED before PAST
        assertEquals(PAST_SHOW, code(cancel("ATWC0001", "ATWM251126", "Avatar", 1)));
        assertEquals(NOT_BOOKED, code(cancel("ATWC0001", "ATWE261126", "Avatar", 1)));   // show does not exist
        assertEquals("CANCELLED ATWC0001 ATWM261126 Avatar 1", ok(cancel("ATWC0001", "ATWM261126", "Avatar", 1)));
        ok(cancel("ATWC0001", "ATWM261126", "Avatar", 1));
        Result.Schedule s = (Result.Schedule) run(schedule("ATWC0001"));
        assertEquals("SCHEDULE [ATWM251126 Avatar 2]", s.canonical());                  // past bookings listed
    }

    @Test void removalMovesCustomersInIdOrderWithoutSplitting() {
        ok(add("ATWA261126", "Avatar", 20));
        ok(add("ATWE261126", "Avatar", 3));    // later the same day
        ok(add("ATWM271126", "Avatar", 4));
        ok(add("ATWM261126", "Avatar", 4));    // earlier: never a target
        ok(add("VERE261126", "Avatar", 50));   // other theatre: never a target
        ok(add("ATWE261126", "Titanic", 50));  // other movie: never a target
        ok(book("VERC0001", "ATWA261126", "Avatar", 3));
        ok(book("ATWC0002", "ATWA261126", "Avatar", 2));
        ok(book("OUTC0003", "ATWA261126", "Avatar", 4));
        ok(book("ATWC0004", "ATWA261126", "Avatar", 1));
        ok(book("ATWC0004", "ATWM271126", "Avatar", 1)); // will be merged into
        ok(book("ATWC0005", "ATWA261126", "Avatar", 5));
        // ATWE has 3 free, ATWM27 has 3 free.
        assertEquals("REMOVED ATWA261126 Avatar ATWC0002:2>ATWE261126 ATWC0004:1>ATWE261126"
                        + " ATWC0005:5>NONE OUTC0003:4>NONE VERC0001:3>ATWM271126",
                ok(new Request.RemoveMovieSlots(ATW_ADMIN, "ATWA261126", "Avatar")));
        assertEquals("SCHEDULE [ATWE261126 Avatar 1,ATWM271126 Avatar 1]", run(schedule("ATWC0004")).canonical());
        assertEquals("SCHEDULE []", run(schedule("ATWC0005")).canonical());
        assertEquals(NO_SUCH_SHOW, code(book("ATWC0002", "ATWA261126", "Avatar", 1)));
        assertEquals("REMOVED ATWM261126 Avatar", ok(new Request.RemoveMovieSlots(ATW_ADMIN, "ATWM261126", "Avatar")));
    }

    @Test void removalChainPrecedence() {
        addOn(TODAY.minusDays(1), "ATWM251126", "Avatar", 5);
        assertEquals(BAD_REQUEST, code(new Request.RemoveMovieSlots("ATWC0001", "ATWM251126", "Avengerz")));
        assertEquals(NOT_AUTHORIZED, code(new Request.RemoveMovieSlots("ATWC0001", "ATWM251126", "Avatar")));
        assertEquals(NO_SUCH_SHOW, code(new Request.RemoveMovieSlots(ATW_ADMIN, "ATWM251126", "Titanic")));
        assertEquals(PAST_SHOW, code(new Request.RemoveMovieSlots(ATW_ADMIN, "ATWM251126", "Avatar")));
    }

    @Test void removalMoveCreatesRule5Pair() {
        ok(add("VERM261126", "Avatar", 5));
        ok(add("VERM271126", "Avatar", 5));    // target of the move
        ok(add("OUTM271126", "Avatar", 5));    // rule-5 partner of the target
        ok(book("ATWC0001", "VERM261126", "Avatar", 2));
        ok(book("ATWC0001", "OUTM271126", "Avatar", 1));
        assertEquals("REMOVED VERM261126 Avatar ATWC0001:2>VERM271126",
                ok(new Request.RemoveMovieSlots(VER_ADMIN, "VERM261126", "Avatar")));
        // Both partners are now refused, also when adding seats to a show already held.
        assertEquals(SAME_SHOW_OTHER_THEATRE, code(book("ATWC0001", "VERM271126", "Avatar", 1)));
        assertEquals(SAME_SHOW_OTHER_THEATRE, code(book("ATWC0001", "OUTM271126", "Avatar", 1)));
        ok(cancel("ATWC0001", "OUTM271126", "Avatar", 1));
        ok(book("ATWC0001", "VERM271126", "Avatar", 1));
    }

    @Test void removalMoveAcrossWeekBoundaryLeavesMoreThanThreeForeignShows() {
        ok(add("VERE291126", "Avatar", 5));    // Sunday, ISO week 48
        for (String id : List.of("VERM301126", "OUTA301126", "OUTM011226", "VERA011226", "OUTE011226")) {
            ok(add(id, "Avatar", 5));          // ISO week 49
        }
        ok(book("ATWC0001", "VERE291126", "Avatar", 1));
        for (String id : List.of("OUTA301126", "OUTM011226", "VERA011226")) ok(book("ATWC0001", id, "Avatar", 1));
        assertEquals("REMOVED VERE291126 Avatar ATWC0001:1>VERM301126",
                ok(new Request.RemoveMovieSlots(VER_ADMIN, "VERE291126", "Avatar")));
        assertEquals(FOREIGN_LIMIT, code(book("ATWC0001", "OUTE011226", "Avatar", 1)));  // 4 held
        ok(cancel("ATWC0001", "OUTA301126", "Avatar", 1));
        assertEquals(FOREIGN_LIMIT, code(book("ATWC0001", "OUTE011226", "Avatar", 1)));  // 3 held: "3 or more"
        ok(cancel("ATWC0001", "OUTM011226", "Avatar", 1));
        ok(book("ATWC0001", "OUTE011226", "Avatar", 1));
    }

    @Test void exchangeMadeValidByReleasedForeignSlotAndSeats() {
        for (String id : List.of("VERM261126", "VERA261126", "VERE261126", "OUTM271126")) ok(add(id, "Avengers", 5));
        for (String id : List.of("VERM261126", "VERA261126", "VERE261126")) ok(book("ATWC0001", id, "Avengers", 2));
        assertEquals(FOREIGN_LIMIT, code(book("ATWC0001", "OUTM271126", "Avengers", 2)));
        // Releasing only part of a foreign booking frees no slot.
        assertEquals(FOREIGN_LIMIT, code(exchange("ATWC0001", "VERE261126", "Avengers", "OUTM271126", "Avengers", 1)));
        assertEquals("EXCHANGED ATWC0001 VERE261126 Avengers 2 > OUTM271126 Avengers",
                ok(exchange("ATWC0001", "VERE261126", "Avengers", "OUTM271126", "Avengers", 2)));
        assertEquals("SCHEDULE [VERM261126 Avengers 2,VERA261126 Avengers 2,OUTM271126 Avengers 2]",
                run(schedule("ATWC0001")).canonical());
    }

    @Test void exchangeReleasingWholeBookingClearsRule5Conflict() {
        ok(add("ATWE261126", "Avatar", 5));
        ok(add("VERE261126", "Avatar", 5));
        ok(book("ATWC0001", "ATWE261126", "Avatar", 2));
        assertEquals(SAME_SHOW_OTHER_THEATRE, code(exchange("ATWC0001", "ATWE261126", "Avatar", "VERE261126", "Avatar", 1)));
        ok(exchange("ATWC0001", "ATWE261126", "Avatar", "VERE261126", "Avatar", 2));
        assertEquals("SCHEDULE [VERE261126 Avatar 2]", run(schedule("ATWC0001")).canonical());
    }

    @Test void exchangeChainAndSameShowRules() {
        addOn(TODAY.minusDays(1), "ATWM251126", "Avatar", 5);
        ok(book("ATWC0001", "ATWM251126", "Avatar", 1), TODAY.minusDays(1));
        ok(add("ATWM261126", "Avatar", 5));
        ok(add("ATWM261126", "Titanic", 5));
        // Same show is BAD_REQUEST even when nothing is held, before NOT_AUTHORIZED.
        assertEquals(BAD_REQUEST, code(new Request.ExchangeTickets("ATWC0009", "ATWC0001", "ATWM261126", "Avatar",
                "ATWM261126", "Avatar", 1)));
        assertEquals(NOT_BOOKED, code(exchange("ATWC0001", "ATWM261126", "Avatar", "ATWM261126", "Titanic", 1)));
        assertEquals(NOT_BOOKED, code(exchange("ATWC0001", "ATWM251126", "Avatar", "ATWM999999", "Titanic", 1)
                instanceof Request ? exchange("ATWC0001", "ATWM251126", "Avatar", "ATWM261126", "Titanic", 2) : null));
        assertEquals(PAST_SHOW, code(exchange("ATWC0001", "ATWM251126", "Avatar", "ATWM261126", "Titanic", 1)));
        ok(book("ATWC0001", "ATWM261126", "Avatar", 2));
        assertEquals(NO_SUCH_SHOW, code(exchange("ATWC0001", "ATWM261126", "Avatar", "ATWE261126", "Titanic", 1)));
        assertEquals(PAST_SHOW, code(exchange("ATWC0001", "ATWM261126", "Avatar", "ATWM251126", "Avatar", 1)));
        // Same movieID, other movie: allowed.
        assertEquals("EXCHANGED ATWC0001 ATWM261126 Avatar 1 > ATWM261126 Titanic",
                ok(exchange("ATWC0001", "ATWM261126", "Avatar", "ATWM261126", "Titanic", 1)));
    }

    @Test void refusedExchangeChangesNothing() {
        ok(add("ATWM261126", "Avatar", 5));
        ok(add("ATWE261126", "Avatar", 1));
        ok(book("ATWC0001", "ATWM261126", "Avatar", 2));
        String before = m.digest();
        assertEquals(NOT_ENOUGH_SEATS, code(exchange("ATWC0001", "ATWM261126", "Avatar", "ATWE261126", "Avatar", 2)));
        assertEquals(before, m.digest());
        assertEquals("SHOWS [ATWM261126 Avatar 3,ATWE261126 Avatar 1]",
                run(new Request.ListMovieShowsAvailability(VER_ADMIN, "Avatar")).canonical());
    }

    @Test void listIsInShowOrderFromTodayWithFullShowsIncluded() {
        addOn(TODAY.minusDays(1), "ATWM251126", "Avatar", 5);
        ok(add("VERE261126", "Avatar", 1));
        ok(add("VERM261126", "Avatar", 2));
        ok(add("OUTM261126", "Avatar", 3));
        ok(add("ATWM261126", "Avatar", 4));
        ok(add("ATWM011226", "Avatar", 6));
        ok(add("ATWA261126", "Titanic", 6));
        ok(book("ATWC0001", "VERE261126", "Avatar", 1));
        assertEquals("SHOWS [ATWM261126 Avatar 4,OUTM261126 Avatar 3,VERM261126 Avatar 2,VERE261126 Avatar 0,"
                + "ATWM011226 Avatar 6]", run(new Request.ListMovieShowsAvailability(OUT_ADMIN, "Avatar")).canonical());
        assertEquals("SHOWS []", run(new Request.ListMovieShowsAvailability(OUT_ADMIN, "Avengers")).canonical());
    }

    @Test void scheduleSortsByDateSlotTheatreThenMovie() {
        ok(add("VERM271126", "Titanic", 5));
        ok(add("VERM271126", "Avatar", 5));
        ok(add("ATWE261126", "Avatar", 5));
        ok(add("ATWM271126", "Avengers", 5));
        for (String[] s : new String[][] {{"VERM271126", "Titanic"}, {"VERM271126", "Avatar"},
                {"ATWE261126", "Avatar"}, {"ATWM271126", "Avengers"}}) {
            ok(new Request.BookMovieTickets(ATW_ADMIN, "VERC0001", s[0], s[1], 1));
        }
        assertEquals("SCHEDULE [ATWE261126 Avatar 1,ATWM271126 Avengers 1,VERM271126 Avatar 1,VERM271126 Titanic 1]",
                run(schedule("VERC0001")).canonical());
    }

    @Test void importReplacesStateAndRoundTrips() {
        ok(add("ATWM261126", "Avatar", 5));
        ok(book("ATWC0001", "ATWM261126", "Avatar", 2));
        BookingState snapshot = m.exportState();
        assertEquals("SHOWS\nAvatar\tATWM261126\t5\nBOOKINGS\nATWC0001\tAvatar\tATWM261126\t2\n", snapshot.canonicalText());

        NestedMapsMachine other = new NestedMapsMachine();
        other.apply(add("VERM261126", "Titanic", 5), TODAY);
        other.apply(book("VERC0001", "VERM261126", "Titanic", 1), TODAY);
        other.importState(snapshot);
        assertEquals(m.digest(), other.digest());
        assertEquals("SCHEDULE []", other.apply(schedule("VERC0001"), TODAY).canonical());
        assertEquals("OK BOOKED ATWC0001 ATWM261126 Avatar 3", other.apply(book("ATWC0001", "ATWM261126", "Avatar", 3), TODAY).canonical());
        other.importState(BookingState.EMPTY);
        assertEquals(BookingState.EMPTY.digest(), other.digest());
        assertEquals("SHOWS []", other.apply(new Request.ListMovieShowsAvailability(ATW_ADMIN, "Avatar"), TODAY).canonical());
    }

    /** Sparse far-future dates make the calendar sort its occupied days instead of walking day by day. */
    @Test void sparseFarFutureShowsAreListedAndUsedAsRemovalTargetsInOrder() {
        m.importState(new BookingState(List.of(
                new BookingState.Show("Avatar", "ATWM261126", 5),
                new BookingState.Show("Avatar", "ATWE311299", 5),
                new BookingState.Show("Avatar", "ATWM010199", 5),
                new BookingState.Show("Avatar", "VERM010150", 5)),
                List.of(new BookingState.Booking("OUTC0001", "Avatar", "ATWM261126", 4))));
        assertEquals("SHOWS [ATWM261126 Avatar 1,VERM010150 Avatar 5,ATWM010199 Avatar 5,ATWE311299 Avatar 5]",
                run(new Request.ListMovieShowsAvailability(ATW_ADMIN, "Avatar")).canonical());
        assertEquals("REMOVED ATWM261126 Avatar OUTC0001:4>ATWM010199",
                ok(new Request.RemoveMovieSlots(ATW_ADMIN, "ATWM261126", "Avatar")));
    }

    @Test void malformedImportIsRejectedAndOldStateKept() {
        ok(add("ATWM261126", "Avatar", 5));
        String before = m.digest();
        BookingState bad = new BookingState(List.of(new BookingState.Show("Avatar", "XYZM261126", 5)), List.of());
        assertThrows(IllegalArgumentException.class, () -> m.importState(bad));
        assertEquals(before, m.digest());
    }

    /** Random operations; the indexes must agree with a fresh import of the exported state at every step. */
    @Test void randomOperationsKeepIndexesConsistent() {
        SplittableRandom random = new SplittableRandom(7);
        String[] areas = {"ATW", "OUT", "VER"};
        String[] slots = {"M", "A", "E"};
        String[] movies = {"Avatar", "Avengers", "Titanic"};
        LocalDate date = TODAY;
        for (int step = 0; step < 3000; step++) {
            if (random.nextInt(200) == 0) date = date.plusDays(1);
            LocalDate showDate = date.plusDays(random.nextInt(-2, 8));
            String id = areas[random.nextInt(3)] + slots[random.nextInt(3)]
                    + String.format("%02d%02d%02d", showDate.getDayOfMonth(), showDate.getMonthValue(), showDate.getYear() % 100);
            String movie = movies[random.nextInt(3)];
            String customer = areas[random.nextInt(3)] + "C000" + random.nextInt(6);
            String id2 = areas[random.nextInt(3)] + id.substring(3);
            Request r = switch (random.nextInt(6)) {
                case 0 -> add(id, movie, random.nextInt(1, 8));
                case 1 -> new Request.RemoveMovieSlots(adminOf(id), id, movie);
                case 2, 3 -> book(customer, id, movie, random.nextInt(1, 4));
                case 4 -> cancel(customer, id, movie, random.nextInt(1, 3));
                default -> exchange(customer, id, movie, id2, movies[random.nextInt(3)], random.nextInt(1, 3));
            };
            m.apply(r, date);
            NestedMapsMachine copy = new NestedMapsMachine();
            copy.importState(m.exportState());
            for (String c : List.of(customer, "ATWC0001", "VERC0002")) {
                assertEquals(copy.apply(schedule(c), date).canonical(), m.apply(schedule(c), date).canonical());
            }
            Request list = new Request.ListMovieShowsAvailability(ATW_ADMIN, movie);
            assertEquals(copy.apply(list, date).canonical(), m.apply(list, date).canonical());
            Request probe = book(customer, id2, movie, 1); // same refusal/answer from both, rules 4 and 5 included
            assertEquals(copy.apply(probe, date).canonical(), m.apply(probe, date).canonical());
        }
    }
}
