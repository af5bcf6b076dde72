package dmtbs.impl.relational;

import dmtbs.booking.BookingState;
import dmtbs.booking.RefusalCode;
import dmtbs.booking.Request;
import dmtbs.booking.Result;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static dmtbs.booking.RefusalCode.BAD_REQUEST;
import static dmtbs.booking.RefusalCode.CAPACITY_BELOW_BOOKED;
import static dmtbs.booking.RefusalCode.FOREIGN_LIMIT;
import static dmtbs.booking.RefusalCode.NOT_AUTHORIZED;
import static dmtbs.booking.RefusalCode.NOT_BOOKED;
import static dmtbs.booking.RefusalCode.NOT_ENOUGH_SEATS;
import static dmtbs.booking.RefusalCode.NO_SUCH_SHOW;
import static dmtbs.booking.RefusalCode.OUTSIDE_WINDOW;
import static dmtbs.booking.RefusalCode.PAST_SHOW;
import static dmtbs.booking.RefusalCode.SAME_SHOW_OTHER_THEATRE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Tricky rules of booking-rules.md. Dates: Monday 23 Nov 2026 starts an ISO week that ends Sunday 29 Nov;
 * show IDs spell DDMMYY, so {@code ATWM231126} is Atwater, morning, Monday.
 */
class RelationalMachineTest {
    private static final LocalDate MON = LocalDate.of(2026, 11, 23);
    private static final LocalDate TUE = MON.plusDays(1);
    private static final String ATW_ADMIN = "ATWA0001", VER_ADMIN = "VERA0001", OUT_ADMIN = "OUTA0001";
    private static final String ALICE = "ATWC0001", BOB = "ATWC0002", CAROL = "VERC0001";

    private final RelationalMachine machine = new RelationalMachine();

    // ------------------------------------------------------------------ helpers

    private Result add(String movieId, String movie, int capacity, LocalDate today) {
        return machine.apply(new Request.AddMovieSlots(adminOf(movieId), movieId, movie, capacity), today);
    }

    private void addOk(String movieId, String movie, int capacity, LocalDate today) {
        Result r = add(movieId, movie, capacity, today);
        assertEquals(Result.Done.class, r.getClass(), r.canonical());
    }

    private Result book(String user, String customer, String movieId, String movie, int n, LocalDate today) {
        return machine.apply(new Request.BookMovieTickets(user, customer, movieId, movie, n), today);
    }

    private void bookOk(String customer, String movieId, String movie, int n, LocalDate today) {
        assertDone("BOOKED " + customer + " " + movieId + " " + movie + " " + n, book(customer, customer, movieId, movie, n, today));
    }

    private Result cancel(String customer, String movieId, String movie, int n, LocalDate today) {
        return machine.apply(new Request.CancelMovieTickets(customer, customer, movieId, movie, n), today);
    }

    private Result exchange(String customer, String oldId, String oldMovie, String newId, String newMovie, int n,
                            LocalDate today) {
        return machine.apply(new Request.ExchangeTickets(customer, customer, oldId, oldMovie, newId, newMovie, n), today);
    }

    private Result remove(String movieId, String movie, LocalDate today) {
        return machine.apply(new Request.RemoveMovieSlots(adminOf(movieId), movieId, movie), today);
    }

    private String schedule(String customer, LocalDate today) {
        return machine.apply(new Request.GetBookingSchedule(customer, customer), today).canonical();
    }

    private static String adminOf(String movieId) { return movieId.substring(0, 3) + "A0001"; }

    private static void assertDone(String text, Result r) { assertEquals("OK " + text, r.canonical()); }

    private static void assertRefused(RefusalCode code, Result r) { assertEquals("REFUSED " + code, r.canonical()); }

    // ------------------------------------------------------------------ state and digest

    @Test
    void emptyStateDigestIsTheOneInSpec() {
        assertEquals("b7d29c1c5dc287ed55dc85bdf7eb3af071ebc8249cfe918a3114c9b03862aebd", machine.digest());
    }

    @Test
    void importReplacesTheWholeStateAndRoundTrips() {
        addOk("ATWM231126", "Avatar", 5, MON);
        bookOk(ALICE, "ATWM231126", "Avatar", 2, MON);
        BookingState imported = new BookingState(
                List.of(new BookingState.Show("Titanic", "VERE251126", 4)),
                List.of(new BookingState.Booking(CAROL, "Titanic", "VERE251126", 3)));
        machine.importState(imported);
        assertEquals(imported, machine.exportState());
        assertEquals("SCHEDULE []", schedule(ALICE, MON));
        assertRefused(NOT_ENOUGH_SEATS, book(CAROL, CAROL, "VERE251126", "Titanic", 2, MON)); // booked 3 of 4 came along

        RelationalMachine other = new RelationalMachine();
        other.importState(machine.exportState());
        assertEquals(machine.digest(), other.digest());
        other.importState(BookingState.EMPTY);
        assertEquals(BookingState.EMPTY.digest(), other.digest());
    }

    @Test
    void importOfMalformedStateIsRefusedAndKeepsTheOldState() {
        addOk("ATWM231126", "Avatar", 5, MON);
        String before = machine.digest();
        BookingState bad = new BookingState(List.of(new BookingState.Show("Avatar", "ATWX231126", 4)), List.of());
        assertThrows(IllegalArgumentException.class, () -> machine.importState(bad));
        assertEquals(before, machine.digest());
    }

    // ------------------------------------------------------------------ well-formedness and precedence

    @Test
    void malformedArgumentsAreBadRequestNeverExceptions() {
        addOk("ATWM231126", "Avatar", 5, MON);
        assertRefused(BAD_REQUEST, machine.apply(null, MON));
        assertRefused(BAD_REQUEST, machine.apply(new Request.GetBookingSchedule(ALICE, ALICE), null));
        assertRefused(BAD_REQUEST, book(null, ALICE, "ATWM231126", "Avatar", 1, MON));
        assertRefused(BAD_REQUEST, book(ALICE, null, "ATWM231126", "Avatar", 1, MON));
        assertRefused(BAD_REQUEST, book(ALICE, ALICE, null, "Avatar", 1, MON));
        assertRefused(BAD_REQUEST, book(ALICE, ALICE, "ATWM231126", null, 1, MON));
        assertRefused(BAD_REQUEST, book(ALICE, "ATWC0001\n", "ATWM231126", "Avatar", 1, MON));
        assertRefused(BAD_REQUEST, book(ALICE, "ATWC000\uFF11", "ATWM231126", "Avatar", 1, MON)); // full-width digit
        assertRefused(BAD_REQUEST, book(ALICE, ALICE, "ATWM231126", "avatar", 1, MON));
        assertRefused(BAD_REQUEST, book(ALICE, ALICE, "ATWM231126", " Avatar", 1, MON));
        assertRefused(BAD_REQUEST, book(ALICE, ALICE, "ATWM290227", "Avatar", 1, MON)); // 2027 is not a leap year
        assertRefused(BAD_REQUEST, book(ALICE, ALICE, "ATWM231126", "Avatar", 0, MON));
        assertRefused(BAD_REQUEST, book(ALICE, ALICE, "ATWM231126", "Avatar", -5, MON));
        assertRefused(BAD_REQUEST, book(ALICE, ALICE, "ATWM231126", "Avatar", 10_001, MON));
        assertRefused(BAD_REQUEST, book(ATW_ADMIN, ATW_ADMIN, "ATWM231126", "Avatar", 1, MON)); // admin as customer
        assertRefused(BAD_REQUEST, machine.apply(new Request.ListMovieShowsAvailability(ATW_ADMIN, null), MON));
        // 29 Feb exists in leap years: well formed, so the chain goes on to NO_SUCH_SHOW.
        assertRefused(NO_SUCH_SHOW, book(ALICE, ALICE, "ATWM290228", "Avatar", 1, MON));
    }

    @Test
    void badRequestIsDecidedOnAllArgumentsBeforeAuthorization() {
        addOk("ATWM231126", "Avatar", 5, MON);
        // A customer acting for another customer, with an out-of-range n: BAD_REQUEST wins.
        assertRefused(BAD_REQUEST, book(ALICE, BOB, "ATWM231126", "Avatar", 0, MON));
        assertRefused(NOT_AUTHORIZED, book(ALICE, BOB, "ATWM231126", "Avatar", 1, MON));
        assertRefused(NOT_AUTHORIZED, book(ALICE, BOB, "ATWM011299", "Avatar", 1, MON)); // before NO_SUCH_SHOW
        // Admins may act for any customer of any theatre.
        assertDone("BOOKED ATWC0002 ATWM231126 Avatar 1", book(VER_ADMIN, BOB, "ATWM231126", "Avatar", 1, MON));
        // Customers cannot list; list needs any admin.
        assertRefused(NOT_AUTHORIZED, machine.apply(new Request.ListMovieShowsAvailability(ALICE, "Avatar"), MON));
        assertRefused(NOT_AUTHORIZED, machine.apply(new Request.GetBookingSchedule(ALICE, BOB), MON));
    }

    // ------------------------------------------------------------------ add / update

    @Test
    void addWindowAndChainPrecedence() {
        assertDone("ADDED ATWM231126 Avatar 5", add("ATWM231126", "Avatar", 5, MON));            // today
        assertDone("ADDED ATWE291126 Avatar 5", add("ATWE291126", "Avatar", 5, MON));            // today + 6
        assertRefused(OUTSIDE_WINDOW, add("ATWM301126", "Avatar", 5, MON));                      // today + 7
        assertRefused(OUTSIDE_WINDOW, add("ATWE221126", "Avatar", 5, MON));                      // yesterday
        // customer requester: NOT_AUTHORIZED; other theatre's admin: NOT_AUTHORIZED before OUTSIDE_WINDOW
        assertRefused(NOT_AUTHORIZED, machine.apply(new Request.AddMovieSlots(ALICE, "ATWM231126", "Avatar", 5), MON));
        assertRefused(NOT_AUTHORIZED, machine.apply(new Request.AddMovieSlots(VER_ADMIN, "ATWM301126", "Avatar", 5), MON));
        assertRefused(BAD_REQUEST, machine.apply(new Request.AddMovieSlots(VER_ADMIN, "ATWM231126", "Avatar", 0), MON));
        // an update of a show that has become past is OUTSIDE_WINDOW, even when the capacity is too low as well
        bookOk(ALICE, "ATWM231126", "Avatar", 3, MON);
        assertRefused(OUTSIDE_WINDOW, add("ATWM231126", "Avatar", 1, TUE));
    }

    @Test
    void updateCapacityNeverBelowBooked() {
        addOk("ATWM231126", "Avatar", 5, MON);
        bookOk(ALICE, "ATWM231126", "Avatar", 3, MON);
        assertRefused(CAPACITY_BELOW_BOOKED, add("ATWM231126", "Avatar", 2, MON));
        assertDone("UPDATED ATWM231126 Avatar 3", add("ATWM231126", "Avatar", 3, MON)); // equal to booked
        assertDone("UPDATED ATWM231126 Avatar 3", add("ATWM231126", "Avatar", 3, MON)); // unchanged
        assertRefused(NOT_ENOUGH_SEATS, book(BOB, BOB, "ATWM231126", "Avatar", 1, MON));
        // Titanic at the same movieID is another show with its own capacity.
        assertDone("ADDED ATWM231126 Titanic 1", add("ATWM231126", "Titanic", 1, MON));
    }

    // ------------------------------------------------------------------ book

    @Test
    void bookChainNoSuchShowThenPastThenSeats() {
        addOk("ATWM231126", "Avatar", 2, MON);
        assertRefused(NO_SUCH_SHOW, book(ALICE, ALICE, "ATWM231126", "Titanic", 1, MON));
        assertRefused(NOT_ENOUGH_SEATS, book(ALICE, ALICE, "ATWM231126", "Avatar", 3, MON));
        bookOk(ALICE, "ATWM231126", "Avatar", 2, MON);
        // the next day the show is past: PAST_SHOW comes before NOT_ENOUGH_SEATS
        assertRefused(PAST_SHOW, book(BOB, BOB, "ATWM231126", "Avatar", 1, TUE));
        assertRefused(NO_SUCH_SHOW, book(BOB, BOB, "ATWM221126", "Avatar", 1, TUE));
    }

    @Test
    void ruleFiveBeatsForeignLimitAndAppliesToHeldShows() {
        addOk("ATWM241126", "Avatar", 10, MON);
        addOk("VERM241126", "Avatar", 10, MON);
        addOk("OUTM241126", "Avatar", 10, MON);
        addOk("VERM241126", "Titanic", 10, MON);
        bookOk(ALICE, "ATWM241126", "Avatar", 1, MON);
        assertRefused(SAME_SHOW_OTHER_THEATRE, book(ALICE, ALICE, "VERM241126", "Avatar", 1, MON));
        bookOk(ALICE, "VERM241126", "Titanic", 1, MON); // another movie at that slot is fine
        // Alice's theatre is Atwater: fill her foreign week, rule 5 is still reported first.
        addOk("VERA251126", "Avatar", 10, MON);
        addOk("OUTE251126", "Avatar", 10, MON);
        addOk("VERE251126", "Titanic", 10, MON);
        bookOk(ALICE, "VERA251126", "Avatar", 1, MON);
        bookOk(ALICE, "OUTE251126", "Avatar", 1, MON);
        assertRefused(FOREIGN_LIMIT, book(ALICE, ALICE, "VERE251126", "Titanic", 20, MON));
        assertRefused(SAME_SHOW_OTHER_THEATRE, book(ALICE, ALICE, "OUTM241126", "Avatar", 20, MON));
    }

    @Test
    void foreignLimitCountsTheIsoWeekOfTheShowIncludingPastDays() {
        // Carol's theatre is Verdun; Atwater shows are foreign to her.
        addOk("ATWM231126", "Avatar", 10, MON);   // Monday
        addOk("ATWM241126", "Titanic", 10, MON);
        addOk("ATWE291126", "Avatar", 10, MON); // Sunday, Avatar
        addOk("VERM251126", "Avatar", 10, MON);   // own theatre: never counts
        bookOk(CAROL, "ATWM231126", "Avatar", 1, MON);
        bookOk(CAROL, "VERM251126", "Avatar", 1, MON);
        // By Thursday Monday's show is past, yet still counts for its week.
        LocalDate thu = MON.plusDays(3);
        addOk("ATWE261126", "Avengers", 10, MON);
        addOk("ATWM301126", "Avatar", 10, thu);   // next Monday: another ISO week
        addOk("OUTA291126", "Titanic", 10, thu);
        bookOk(CAROL, "ATWM241126", "Titanic", 1, MON);
        bookOk(CAROL, "ATWE291126", "Avatar", 1, thu);          // third foreign show of the week
        assertRefused(FOREIGN_LIMIT, book(CAROL, CAROL, "ATWE261126", "Avengers", 1, thu));
        assertRefused(FOREIGN_LIMIT, book(VER_ADMIN, CAROL, "OUTA291126", "Titanic", 1, thu)); // admin requester: same
        bookOk(CAROL, "ATWE291126", "Avatar", 2, thu);          // adding seats to a held show does not count again
        bookOk(CAROL, "ATWM301126", "Avatar", 1, thu);          // the following week is fresh
        // Atwater's own customers are not limited in Atwater.
        bookOk(ALICE, "ATWE261126", "Avengers", 1, thu);
    }

    // ------------------------------------------------------------------ cancel

    @Test
    void cancelChainAndBookingsReachingZeroDisappear() {
        addOk("ATWM231126", "Avatar", 5, MON);
        addOk("ATWM241126", "Avatar", 5, MON);
        bookOk(ALICE, "ATWM231126", "Avatar", 2, MON);
        bookOk(ALICE, "ATWM241126", "Avatar", 2, MON);
        assertRefused(NOT_BOOKED, cancel(ALICE, "ATWM241126", "Avatar", 3, MON));
        assertRefused(NOT_BOOKED, cancel(ALICE, "ATWM251126", "Avatar", 1, MON)); // no such show
        assertRefused(NOT_BOOKED, cancel(ALICE, "ATWM231126", "Avatar", 3, TUE)); // NOT_BOOKED before PAST_SHOW
        assertRefused(PAST_SHOW, cancel(ALICE, "ATWM231126", "Avatar", 1, TUE));
        assertDone("CANCELLED ATWC0001 ATWM241126 Avatar 1", cancel(ALICE, "ATWM241126", "Avatar", 1, TUE));
        assertDone("CANCELLED ATWC0001 ATWM241126 Avatar 1", cancel(ALICE, "ATWM241126", "Avatar", 1, TUE));
        assertEquals("SCHEDULE [ATWM231126 Avatar 2]", schedule(ALICE, TUE)); // past bookings stay listed
        bookOk(BOB, "ATWM241126", "Avatar", 5, TUE); // the seats came back
    }

    // ------------------------------------------------------------------ exchange

    @Test
    void exchangeIsValidWhenReleasedSeatsFreeAForeignWeekSlot() {
        for (String id : List.of("ATWM241126", "ATWA241126", "ATWE241126", "OUTM251126")) addOk(id, "Avatar", 10, MON);
        bookOk(CAROL, "ATWM241126", "Avatar", 2, MON);
        bookOk(CAROL, "ATWA241126", "Avatar", 1, MON);
        bookOk(CAROL, "ATWE241126", "Avatar", 1, MON);
        assertRefused(FOREIGN_LIMIT, book(CAROL, CAROL, "OUTM251126", "Avatar", 1, MON));
        // releasing only part of a booking keeps the show held, so the slot is not freed
        assertRefused(FOREIGN_LIMIT, exchange(CAROL, "ATWM241126", "Avatar", "OUTM251126", "Avatar", 1, MON));
        assertDone("EXCHANGED VERC0001 ATWM241126 Avatar 2 > OUTM251126 Avatar",
                exchange(CAROL, "ATWM241126", "Avatar", "OUTM251126", "Avatar", 2, MON));
        assertEquals("SCHEDULE [ATWA241126 Avatar 1,ATWE241126 Avatar 1,OUTM251126 Avatar 2]", schedule(CAROL, MON));
    }

    @Test
    void exchangeReleasesFirstSoItClearsItsOwnRuleFiveConflict() {
        addOk("ATWM241126", "Avatar", 10, MON);
        addOk("VERM241126", "Avatar", 10, MON);
        bookOk(ALICE, "ATWM241126", "Avatar", 3, MON);
        assertRefused(SAME_SHOW_OTHER_THEATRE, exchange(ALICE, "ATWM241126", "Avatar", "VERM241126", "Avatar", 2, MON));
        assertDone("EXCHANGED ATWC0001 ATWM241126 Avatar 3 > VERM241126 Avatar",
                exchange(ALICE, "ATWM241126", "Avatar", "VERM241126", "Avatar", 3, MON));
    }

    @Test
    void exchangeIsAllOrNothing() {
        addOk("ATWM241126", "Avatar", 10, MON);
        addOk("ATWM241126", "Titanic", 2, MON);
        addOk("ATWE221126", "Avatar", 10, LocalDate.of(2026, 11, 22));
        bookOk(ALICE, "ATWM241126", "Avatar", 3, MON);
        String before = machine.digest();
        assertRefused(NOT_ENOUGH_SEATS, exchange(ALICE, "ATWM241126", "Avatar", "ATWM241126", "Titanic", 3, MON));
        assertRefused(NO_SUCH_SHOW, exchange(ALICE, "ATWM241126", "Avatar", "ATWE241126", "Titanic", 3, MON));
        assertRefused(PAST_SHOW, exchange(ALICE, "ATWM241126", "Avatar", "ATWE221126", "Avatar", 3, MON));
        assertEquals(before, machine.digest());
        assertEquals("SCHEDULE [ATWM241126 Avatar 3]", schedule(ALICE, MON));
        // Same movieID, other movie: a different show, allowed.
        assertDone("EXCHANGED ATWC0001 ATWM241126 Avatar 2 > ATWM241126 Titanic",
                exchange(ALICE, "ATWM241126", "Avatar", "ATWM241126", "Titanic", 2, MON));
    }

    @Test
    void exchangeChainOldShowChecksComeFirst() {
        addOk("ATWM241126", "Avatar", 10, MON);
        // the very same show is BAD_REQUEST even when nothing is held
        assertRefused(BAD_REQUEST, exchange(ALICE, "ATWM241126", "Avatar", "ATWM241126", "Avatar", 1, MON));
        assertRefused(NOT_BOOKED, exchange(ALICE, "ATWM241126", "Avatar", "ATWM251126", "Avatar", 1, MON));
        bookOk(ALICE, "ATWM241126", "Avatar", 1, MON);
        assertRefused(PAST_SHOW, exchange(ALICE, "ATWM241126", "Avatar", "ATWM251126", "Avatar", 1, MON.plusDays(2)));
        assertRefused(NOT_AUTHORIZED, machine.apply(new Request.ExchangeTickets(
                BOB, ALICE, "ATWM241126", "Avatar", "ATWM251126", "Avatar", 1), MON));
    }

    // ------------------------------------------------------------------ remove

    @Test
    void removalMovesCustomersInIdOrderToTheNextShowWithRoom() {
        addOk("ATWM241126", "Avatar", 10, MON);   // removed
        addOk("ATWA241126", "Avatar", 2, MON);    // next in show order, little room
        addOk("VERE241126", "Avatar", 50, MON);   // other theatre: never a target
        addOk("ATWE241126", "Titanic", 50, MON);  // other movie: never a target
        addOk("ATWM251126", "Avatar", 4, MON);    // the day after
        bookOk(ALICE, "ATWA241126", "Avatar", 1, MON);
        bookOk("OUTC0001", "ATWM241126", "Avatar", 3, MON);
        bookOk(BOB, "ATWM241126", "Avatar", 1, MON);
        bookOk(ALICE, "ATWM241126", "Avatar", 4, MON);
        bookOk("VERC0009", "ATWM241126", "Avatar", 2, MON);
        // ALICE 4 -> ATWA full (1 free) -> ATWM25 (4 free, now 0); BOB 1 -> ATWA (now 0);
        // OUTC 3 -> nothing left; VERC 2 -> nothing left.
        assertDone("REMOVED ATWM241126 Avatar ATWC0001:4>ATWM251126 ATWC0002:1>ATWA241126"
                + " OUTC0001:3>NONE VERC0009:2>NONE", remove("ATWM241126", "Avatar", MON));
        assertEquals("SCHEDULE [ATWA241126 Avatar 1,ATWM251126 Avatar 4]", schedule(ALICE, MON));
        assertEquals("SCHEDULE []", schedule("OUTC0001", MON));
        assertRefused(NO_SUCH_SHOW, remove("ATWM241126", "Avatar", MON));
    }

    @Test
    void removalJoinsAHeldBookingAndReportsNoTrailingSpaceWhenEmpty() {
        addOk("ATWM241126", "Avatar", 10, MON);
        addOk("ATWA241126", "Avatar", 10, MON);
        bookOk(ALICE, "ATWM241126", "Avatar", 2, MON);
        bookOk(ALICE, "ATWA241126", "Avatar", 3, MON);
        assertDone("REMOVED ATWM241126 Avatar ATWC0001:2>ATWA241126", remove("ATWM241126", "Avatar", MON));
        assertEquals("SCHEDULE [ATWA241126 Avatar 5]", schedule(ALICE, MON));
        assertDone("REMOVED ATWA241126 Avatar ATWC0001:5>NONE", remove("ATWA241126", "Avatar", MON));
        addOk("ATWE241126", "Avatar", 10, MON);
        assertDone("REMOVED ATWE241126 Avatar", remove("ATWE241126", "Avatar", MON));
        assertEquals(BookingState.EMPTY.digest(), machine.digest());
    }

    @Test
    void removalChainAndPastShows() {
        addOk("ATWM231126", "Avatar", 10, MON);
        assertRefused(NOT_AUTHORIZED, machine.apply(new Request.RemoveMovieSlots(VER_ADMIN, "ATWM231126", "Avatar"), MON));
        assertRefused(NOT_AUTHORIZED, machine.apply(new Request.RemoveMovieSlots(ALICE, "ATWM231126", "Avatar"), MON));
        assertRefused(NO_SUCH_SHOW, remove("ATWM231126", "Titanic", TUE));
        assertRefused(PAST_SHOW, remove("ATWM231126", "Avatar", TUE));
    }

    @Test
    void removalMayCreateRuleFivePairsThatLaterBookingsRespect() {
        addOk("ATWM241126", "Avatar", 10, MON);
        addOk("ATWA241126", "Avatar", 10, MON);
        addOk("VERA241126", "Avatar", 10, MON);
        bookOk(ALICE, "ATWM241126", "Avatar", 1, MON);
        bookOk(ALICE, "VERA241126", "Avatar", 1, MON);
        // Alice holds VERA; ATWA has no conflict for her until the move puts her there.
        assertDone("REMOVED ATWM241126 Avatar ATWC0001:1>ATWA241126", remove("ATWM241126", "Avatar", MON));
        assertRefused(SAME_SHOW_OTHER_THEATRE, book(ALICE, ALICE, "ATWA241126", "Avatar", 1, MON));
        assertRefused(SAME_SHOW_OTHER_THEATRE, book(ALICE, ALICE, "VERA241126", "Avatar", 1, MON));
        assertDone("CANCELLED ATWC0001 VERA241126 Avatar 1", cancel(ALICE, "VERA241126", "Avatar", 1, MON));
        bookOk(ALICE, "ATWA241126", "Avatar", 1, MON);
    }

    // ------------------------------------------------------------------ lists

    @Test
    void listAndScheduleAreInShowOrder() {
        LocalDate sun = MON.minusDays(1);
        addOk("ATWE221126", "Avatar", 5, sun);     // past by Monday
        addOk("VERM241126", "Avatar", 5, MON);
        addOk("ATWA231126", "Avatar", 5, MON);
        addOk("OUTM241126", "Avatar", 5, MON);
        addOk("ATWM241126", "Avatar", 1, MON);
        addOk("ATWM241126", "Titanic", 5, MON);
        addOk("ATWM231126", "Avatar", 5, MON);
        bookOk(ALICE, "ATWE221126", "Avatar", 1, sun);
        bookOk(ALICE, "ATWM241126", "Avatar", 1, MON);
        bookOk(ALICE, "ATWM241126", "Titanic", 2, MON);
        bookOk(ALICE, "ATWA231126", "Avatar", 1, MON);
        Result list = machine.apply(new Request.ListMovieShowsAvailability(OUT_ADMIN, "Avatar"), MON);
        assertEquals("SHOWS [ATWM231126 Avatar 5,ATWA231126 Avatar 4,ATWM241126 Avatar 0,OUTM241126 Avatar 5,"
                + "VERM241126 Avatar 5]", list.canonical());
        assertEquals("SCHEDULE [ATWE221126 Avatar 1,ATWA231126 Avatar 1,ATWM241126 Avatar 1,ATWM241126 Titanic 2]",
                schedule(ALICE, MON));
        assertEquals("SHOWS []", machine.apply(new Request.ListMovieShowsAvailability(OUT_ADMIN, "Avengers"), MON).canonical());
    }
}
