package dmtbs.impl.sortedindex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dmtbs.booking.BookingState;
import dmtbs.booking.Request;
import dmtbs.booking.Result;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SortedIndexMachineTest {

    /** Monday 23 Nov 2026; IDs dated DDMMYY. */
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    private static final String ATW_ADMIN = "ATWA1000";
    private static final String VER_ADMIN = "VERA1000";
    private static final String OUT_ADMIN = "OUTA1000";
    private static final String ALICE = "ATWC0001";
    private static final String BOB = "ATWC0002";

    private final SortedIndexMachine machine = new SortedIndexMachine();
    private LocalDate today = MONDAY;

    // ---- helpers: every call returns the voted canonical text ----

    private String run(Request r) { return machine.apply(r, today).canonical(); }

    private String add(String admin, String id, String movie, int capacity) {
        return run(new Request.AddMovieSlots(admin, id, movie, capacity));
    }

    /** Adds a show as the admin of its own theatre. */
    private void show(String id, String movie, int capacity) {
        String admin = id.substring(0, 3) + "A1000";
        String result = add(admin, id, movie, capacity);
        if (!result.startsWith("OK ")) throw new AssertionError(result);
    }

    private String remove(String admin, String id, String movie) {
        return run(new Request.RemoveMovieSlots(admin, id, movie));
    }

    private String book(String user, String customer, String id, String movie, int n) {
        return run(new Request.BookMovieTickets(user, customer, id, movie, n));
    }

    private String book(String customer, String id, String movie, int n) { return book(customer, customer, id, movie, n); }

    private String cancel(String customer, String id, String movie, int n) {
        return run(new Request.CancelMovieTickets(customer, customer, id, movie, n));
    }

    private String exchange(String customer, String id, String movie, String newId, String newMovie, int n) {
        return run(new Request.ExchangeTickets(customer, customer, id, movie, newId, newMovie, n));
    }

    private String schedule(String customer) { return run(new Request.GetBookingSchedule(customer, customer)); }

    private String list(String movie) { return run(new Request.ListMovieShowsAvailability(ATW_ADMIN, movie)); }

    private static String refused(String code) { return "REFUSED " + code; }

    // ---- tests ----

    @Test
    void emptyStateDigestIsTheSpecValue() {
        assertEquals("b7d29c1c5dc287ed55dc85bdf7eb3af071ebc8249cfe918a3114c9b03862aebd", machine.digest());
    }

    @Test
    void addWindowIsTodayToTodayPlusSix() {
        assertEquals("OK ADDED ATWM231126 Avatar 10", add(ATW_ADMIN, "ATWM231126", "Avatar", 10));
        assertEquals("OK ADDED ATWM291126 Avatar 10", add(ATW_ADMIN, "ATWM291126", "Avatar", 10));
        assertEquals(refused("OUTSIDE_WINDOW"), add(ATW_ADMIN, "ATWM301126", "Avatar", 10));
        assertEquals(refused("OUTSIDE_WINDOW"), add(ATW_ADMIN, "ATWM221126", "Avatar", 10));
        // an existing show that has become past can no longer be updated
        today = MONDAY.plusDays(1);
        assertEquals(refused("OUTSIDE_WINDOW"), add(ATW_ADMIN, "ATWM231126", "Avatar", 10));
    }

    @Test
    void updateReportsUpdatedEvenWhenUnchangedAndMayEqualBooked() {
        show("ATWM241126", "Avatar", 10);
        assertEquals("OK UPDATED ATWM241126 Avatar 10", add(ATW_ADMIN, "ATWM241126", "Avatar", 10));
        book(ALICE, "ATWM241126", "Avatar", 4);
        assertEquals(refused("CAPACITY_BELOW_BOOKED"), add(ATW_ADMIN, "ATWM241126", "Avatar", 3));
        assertEquals("OK UPDATED ATWM241126 Avatar 4", add(ATW_ADMIN, "ATWM241126", "Avatar", 4));
        assertEquals(refused("NOT_ENOUGH_SEATS"), book(BOB, "ATWM241126", "Avatar", 1));
    }

    @Test
    void addChainPrecedence() {
        show("ATWM241126", "Avatar", 10);
        book(ALICE, "ATWM241126", "Avatar", 5);
        // bad capacity beats a customer requester
        assertEquals(refused("BAD_REQUEST"), add(ALICE, "ATWM241126", "Avatar", 0));
        assertEquals(refused("BAD_REQUEST"), add(ATW_ADMIN, "ATWM241126", "Avatar", 10_001));
        assertEquals(refused("NOT_AUTHORIZED"), add(ALICE, "ATWM241126", "Avatar", 10));
        // another theatre's admin beats the window
        assertEquals(refused("NOT_AUTHORIZED"), add(VER_ADMIN, "ATWM011226", "Avatar", 10));
        // the window beats capacity below booked
        today = MONDAY.plusDays(2);
        assertEquals(refused("OUTSIDE_WINDOW"), add(ATW_ADMIN, "ATWM241126", "Avatar", 1));
    }

    @Test
    void malformedArgumentsAreBadRequestsAndNeverThrow() {
        show("ATWM241126", "Avatar", 10);
        assertEquals(refused("BAD_REQUEST"), book("ATWC0001\n", ALICE, "ATWM241126", "Avatar", 1));
        assertEquals(refused("BAD_REQUEST"), book("ATWC０００1", ALICE, "ATWM241126", "Avatar", 1));
        assertEquals(refused("BAD_REQUEST"), book(ALICE, "ATWM241126", "avatar", 1));
        assertEquals(refused("BAD_REQUEST"), book(ALICE, "ATWM311126", "Avatar", 1));
        assertEquals(refused("BAD_REQUEST"), book(ALICE, "ATWM241126", "Avatar", -1));
        assertEquals(refused("BAD_REQUEST"), book(null, null, null, null, 1));
        assertEquals(refused("BAD_REQUEST"), run(new Request.ExchangeTickets(null, ALICE, null, "Avatar", null, null, 1)));
        assertEquals(refused("BAD_REQUEST"), machine.apply(null, today).canonical());
        // an admin's ID as the customer argument is malformed, before authorisation
        assertEquals(refused("BAD_REQUEST"), book(ALICE, ATW_ADMIN, "ATWM241126", "Avatar", 1));
        assertEquals(refused("BAD_REQUEST"), run(new Request.GetBookingSchedule(ATW_ADMIN, VER_ADMIN)));
        // 29 Feb exists in leap years only
        assertEquals(refused("BAD_REQUEST"), add(ATW_ADMIN, "ATWM290227", "Avatar", 1));
        assertEquals(refused("OUTSIDE_WINDOW"), add(ATW_ADMIN, "ATWM290228", "Avatar", 1));
    }

    @Test
    void customersActOnlyForThemselvesAdminsForAnyone() {
        show("VERE241126", "Titanic", 10);
        assertEquals(refused("NOT_AUTHORIZED"), book(BOB, ALICE, "VERE241126", "Titanic", 1));
        assertEquals(refused("NOT_AUTHORIZED"), run(new Request.GetBookingSchedule(BOB, ALICE)));
        assertEquals(refused("NOT_AUTHORIZED"), run(new Request.ListMovieShowsAvailability(ALICE, "Titanic")));
        assertEquals("OK BOOKED ATWC0001 VERE241126 Titanic 2", book(OUT_ADMIN, ALICE, "VERE241126", "Titanic", 2));
        assertEquals("SCHEDULE [VERE241126 Titanic 2]", run(new Request.GetBookingSchedule(OUT_ADMIN, ALICE)));
    }

    @Test
    void bookChainNoSuchShowThenPastThenRuleFiveThenForeignThenSeats() {
        show("ATWM231126", "Avatar", 5);
        show("VERM241126", "Avatar", 1);
        show("ATWM241126", "Avatar", 1);
        assertEquals("OK BOOKED ATWC0001 VERM241126 Avatar 1", book(ALICE, "VERM241126", "Avatar", 1));
        assertEquals(refused("NO_SUCH_SHOW"), book(ALICE, "ATWM231126", "Titanic", 1));
        // rule 5 is reported before the lack of seats
        assertEquals(refused("SAME_SHOW_OTHER_THEATRE"), book(ALICE, "ATWM241126", "Avatar", 5));
        today = MONDAY.plusDays(1);
        assertEquals(refused("PAST_SHOW"), book(ALICE, "ATWM231126", "Avatar", 1));
        assertEquals(refused("NOT_ENOUGH_SEATS"), book(BOB, "VERM241126", "Avatar", 1));
    }

    @Test
    void foreignLimitCountsDistinctShowsPerIsoWeekIncludingPastDays() {
        // Monday: one foreign show; later in the week two more; the fourth is refused
        show("VERM231126", "Avatar", 10);
        show("VERA251126", "Avatar", 10);
        show("OUTE261126", "Titanic", 10);
        show("VERM291126", "Avengers", 10);
        show("ATWM291126", "Avengers", 10);
        show("VERA271126", "Titanic", 10);
        book(ALICE, "VERM231126", "Avatar", 1);
        today = MONDAY.plusDays(2);
        show("VERM301126", "Avengers", 10);
        book(ALICE, "VERA251126", "Avatar", 1);
        book(ALICE, "OUTE261126", "Titanic", 1);
        assertEquals(refused("FOREIGN_LIMIT"), book(ALICE, "VERM291126", "Avengers", 1));
        // adding seats to a held foreign show does not count again; own theatre never counts
        assertEquals("OK BOOKED ATWC0001 OUTE261126 Titanic 2", book(ALICE, "OUTE261126", "Titanic", 2));
        assertEquals("OK BOOKED ATWC0001 ATWM291126 Avengers 1", book(ALICE, "ATWM291126", "Avengers", 1));
        // Monday 30 Nov starts a new ISO week
        assertEquals("OK BOOKED ATWC0001 VERM301126 Avengers 1", book(ALICE, "VERM301126", "Avengers", 1));
        // the home theatre comes from the customer ID, not from the (foreign) requester
        assertEquals(refused("FOREIGN_LIMIT"), book(VER_ADMIN, ALICE, "VERA271126", "Titanic", 1));
        // a rule-5 conflict is reported before the foreign limit
        assertEquals(refused("SAME_SHOW_OTHER_THEATRE"), book(ALICE, "VERM291126", "Avengers", 1));
    }

    @Test
    void foreignLimitIsReportedBeforeNotEnoughSeats() {
        show("VERM241126", "Avatar", 10);
        show("VERA241126", "Avatar", 10);
        show("VERE241126", "Avatar", 10);
        show("OUTM251126", "Titanic", 1);
        for (String id : List.of("VERM241126", "VERA241126", "VERE241126")) book(ALICE, id, "Avatar", 1);
        assertEquals(refused("FOREIGN_LIMIT"), book(ALICE, "OUTM251126", "Titanic", 2));
    }

    @Test
    void ruleFivePairLeftByARemovalMoveBlocksFurtherBookings() {
        show("ATWM241126", "Avatar", 10);
        show("ATWA241126", "Avatar", 10);
        show("VERA241126", "Avatar", 10);
        book(ALICE, "ATWM241126", "Avatar", 2);
        book(ALICE, "VERA241126", "Avatar", 1);
        assertEquals("OK REMOVED ATWM241126 Avatar ATWC0001:2>ATWA241126", remove(ATW_ADMIN, "ATWM241126", "Avatar"));
        assertEquals("SCHEDULE [ATWA241126 Avatar 2,VERA241126 Avatar 1]", schedule(ALICE));
        assertEquals(refused("SAME_SHOW_OTHER_THEATRE"), book(ALICE, "VERA241126", "Avatar", 1));
        assertEquals(refused("SAME_SHOW_OTHER_THEATRE"), book(ALICE, "ATWA241126", "Avatar", 1));
    }

    @Test
    void removalMovesCustomersInIdOrderWithoutSplittingAndReportsNone() {
        show("OUTM241126", "Titanic", 10);
        show("OUTA241126", "Titanic", 10);  // 3 free once BOB's 7 are in
        show("OUTE241126", "Avatar", 10);   // other movie: never a target
        show("ATWE241126", "Titanic", 10);  // other theatre: never a target
        show("OUTM251126", "Titanic", 2);
        book(ALICE, "OUTM241126", "Titanic", 4);
        book(BOB, "OUTM241126", "Titanic", 2);
        book("VERC0009", "OUTM241126", "Titanic", 3);
        book(BOB, "OUTA241126", "Titanic", 7);
        // ALICE (4) skips OUTA (3 free) and OUTM25 (2 free): NONE; BOB (2) joins his own OUTA booking;
        // VERC0009 (3) finds OUTA full now, OUTM25 too small: NONE
        assertEquals("OK REMOVED OUTM241126 Titanic ATWC0001:4>NONE ATWC0002:2>OUTA241126 VERC0009:3>NONE",
                remove(OUT_ADMIN, "OUTM241126", "Titanic"));
        assertEquals("SCHEDULE [OUTA241126 Titanic 9]", schedule(BOB));
        assertEquals("SCHEDULE []", schedule(ALICE));
        assertEquals("OK REMOVED OUTE241126 Avatar", remove(OUT_ADMIN, "OUTE241126", "Avatar"));
    }

    @Test
    void removeChainPrecedence() {
        show("ATWM231126", "Avatar", 10);
        assertEquals(refused("BAD_REQUEST"), remove(ALICE, "ATWM231126", "Avatr"));
        assertEquals(refused("NOT_AUTHORIZED"), remove(VER_ADMIN, "ATWM231126", "Avatar"));
        assertEquals(refused("NOT_AUTHORIZED"), remove(ALICE, "ATWM231126", "Avatar"));
        assertEquals(refused("NO_SUCH_SHOW"), remove(ATW_ADMIN, "ATWM231126", "Titanic"));
        today = MONDAY.plusDays(1);
        assertEquals(refused("PAST_SHOW"), remove(ATW_ADMIN, "ATWM231126", "Avatar"));
    }

    @Test
    void cancelChainAndBookingsReachingZeroDisappear() {
        show("ATWM231126", "Avatar", 10);
        book(ALICE, "ATWM231126", "Avatar", 3);
        assertEquals(refused("NOT_BOOKED"), cancel(ALICE, "ATWM231126", "Titanic", 1)); // show does not exist
        assertEquals(refused("NOT_BOOKED"), cancel(ALICE, "ATWM231126", "Avatar", 4));
        assertEquals("OK CANCELLED ATWC0001 ATWM231126 Avatar 2", cancel(ALICE, "ATWM231126", "Avatar", 2));
        assertEquals("OK CANCELLED ATWC0001 ATWM231126 Avatar 1", cancel(ALICE, "ATWM231126", "Avatar", 1));
        assertEquals("SCHEDULE []", schedule(ALICE));
        book(ALICE, "ATWM231126", "Avatar", 1);
        today = MONDAY.plusDays(1);
        assertEquals(refused("NOT_BOOKED"), cancel(ALICE, "ATWM231126", "Avatar", 2)); // NOT_BOOKED before PAST_SHOW
        assertEquals(refused("PAST_SHOW"), cancel(ALICE, "ATWM231126", "Avatar", 1));
    }

    @Test
    void exchangeToTheVerySameShowIsBadRequestButSameIdOtherMovieIsAllowed() {
        show("ATWM241126", "Avatar", 10);
        show("ATWM241126", "Titanic", 10);
        assertEquals(refused("BAD_REQUEST"), exchange(BOB, "ATWM241126", "Avatar", "ATWM241126", "Avatar", 1));
        assertEquals(refused("BAD_REQUEST"), run(new Request.ExchangeTickets(BOB, ALICE, "ATWM241126", "Avatar",
                "ATWM241126", "Avatar", 1))); // BAD_REQUEST before NOT_AUTHORIZED
        book(ALICE, "ATWM241126", "Avatar", 2);
        assertEquals("OK EXCHANGED ATWC0001 ATWM241126 Avatar 2 > ATWM241126 Titanic",
                exchange(ALICE, "ATWM241126", "Avatar", "ATWM241126", "Titanic", 2));
        assertEquals("SCHEDULE [ATWM241126 Titanic 2]", schedule(ALICE));
    }

    @Test
    void exchangeIsJudgedWithTheOldSeatsReleased() {
        show("VERM241126", "Avatar", 10);
        show("ATWM241126", "Avatar", 10);
        show("VERA241126", "Avatar", 10);
        show("VERE241126", "Avatar", 10);
        show("OUTM251126", "Titanic", 10);
        book(ALICE, "VERM241126", "Avatar", 2);
        // rule 5: the conflict goes away only if the whole old booking is released
        assertEquals(refused("SAME_SHOW_OTHER_THEATRE"), exchange(ALICE, "VERM241126", "Avatar", "ATWM241126", "Avatar", 1));
        book(ALICE, "VERA241126", "Avatar", 1);
        book(ALICE, "VERE241126", "Avatar", 1);
        // rule 4: three foreign shows held; a partial release keeps the slot, a full one frees it
        assertEquals(refused("FOREIGN_LIMIT"), exchange(ALICE, "VERM241126", "Avatar", "OUTM251126", "Titanic", 1));
        assertEquals("OK EXCHANGED ATWC0001 VERM241126 Avatar 2 > OUTM251126 Titanic",
                exchange(ALICE, "VERM241126", "Avatar", "OUTM251126", "Titanic", 2));
        assertEquals("SCHEDULE [VERA241126 Avatar 1,VERE241126 Avatar 1,OUTM251126 Titanic 2]", schedule(ALICE));
        // exchanging into a show already held does not count again
        assertEquals("OK EXCHANGED ATWC0001 VERA241126 Avatar 1 > VERE241126 Avatar",
                exchange(ALICE, "VERA241126", "Avatar", "VERE241126", "Avatar", 1));
    }

    @Test
    void exchangeChainOldShowFirstThenBookChainOfNewShow() {
        show("ATWM231126", "Avatar", 10);
        show("ATWM241126", "Avatar", 1);
        book(ALICE, "ATWM231126", "Avatar", 2);
        assertEquals(refused("NOT_BOOKED"), exchange(ALICE, "ATWM231126", "Avatar", "ATWM241126", "Titanic", 3));
        assertEquals(refused("NO_SUCH_SHOW"), exchange(ALICE, "ATWM231126", "Avatar", "ATWM241126", "Titanic", 2));
        assertEquals(refused("NOT_ENOUGH_SEATS"), exchange(ALICE, "ATWM231126", "Avatar", "ATWM241126", "Avatar", 2));
        today = MONDAY.plusDays(1);
        assertEquals(refused("PAST_SHOW"), exchange(ALICE, "ATWM231126", "Avatar", "ATWM241126", "Titanic", 2));
    }

    @Test
    void refusedExchangeChangesNothing() {
        show("ATWM241126", "Avatar", 10);
        show("ATWA241126", "Avatar", 1);
        book(ALICE, "ATWM241126", "Avatar", 3);
        String before = machine.digest();
        assertEquals(refused("NOT_ENOUGH_SEATS"), exchange(ALICE, "ATWM241126", "Avatar", "ATWA241126", "Avatar", 3));
        assertEquals(before, machine.digest());
        assertEquals("SCHEDULE [ATWM241126 Avatar 3]", schedule(ALICE));
        assertEquals("SHOWS [ATWM241126 Avatar 7,ATWA241126 Avatar 1]", list("Avatar"));
    }

    @Test
    void listIsInShowOrderFromTodayWithZeroSeatsIncluded() {
        show("VERM231126", "Avatar", 1);
        show("ATWE241126", "Avatar", 5);
        show("OUTM241126", "Avatar", 5);
        show("VERM241126", "Avatar", 5);
        show("ATWM241126", "Avatar", 5);
        show("ATWM241126", "Titanic", 5);
        book(ALICE, "VERM231126", "Avatar", 1);
        assertEquals("SHOWS [VERM231126 Avatar 0,ATWM241126 Avatar 5,OUTM241126 Avatar 5,VERM241126 Avatar 5,"
                + "ATWE241126 Avatar 5]", list("Avatar"));
        today = MONDAY.plusDays(1);
        assertEquals("SHOWS [ATWM241126 Avatar 5,OUTM241126 Avatar 5,VERM241126 Avatar 5,ATWE241126 Avatar 5]",
                list("Avatar"));
        assertEquals("SHOWS []", list("Avengers"));
    }

    @Test
    void scheduleIsInShowOrderAndKeepsPastBookings() {
        show("ATWM241126", "Titanic", 5);
        show("ATWM241126", "Avatar", 5);
        show("ATWE231126", "Avengers", 5);
        show("ATWA231126", "Avatar", 5);
        for (String[] s : List.of(new String[] {"ATWM241126", "Titanic"}, new String[] {"ATWM241126", "Avatar"},
                new String[] {"ATWE231126", "Avengers"}, new String[] {"ATWA231126", "Avatar"})) {
            book(ALICE, s[0], s[1], 1);
        }
        today = MONDAY.plusDays(3);
        assertEquals("SCHEDULE [ATWA231126 Avatar 1,ATWE231126 Avengers 1,ATWM241126 Avatar 1,ATWM241126 Titanic 1]",
                schedule(ALICE));
    }

    @Test
    void importReplacesTheWholeStateAndRoundTripsExport() {
        show("ATWM241126", "Avatar", 10);
        book(ALICE, "ATWM241126", "Avatar", 3);
        BookingState snapshot = new BookingState(
                List.of(new BookingState.Show("Titanic", "VERE251126", 4)),
                List.of(new BookingState.Booking(BOB, "Titanic", "VERE251126", 4)));
        machine.importState(snapshot);
        assertEquals(snapshot, machine.exportState());
        assertEquals(snapshot.digest(), machine.digest());
        assertEquals("SCHEDULE []", schedule(ALICE));
        assertEquals(refused("NOT_ENOUGH_SEATS"), book(ALICE, "VERE251126", "Titanic", 1));
        assertEquals("OK REMOVED VERE251126 Titanic ATWC0002:4>NONE", remove(VER_ADMIN, "VERE251126", "Titanic"));
        machine.importState(BookingState.EMPTY);
        assertEquals("b7d29c1c5dc287ed55dc85bdf7eb3af071ebc8249cfe918a3114c9b03862aebd", machine.digest());
    }

    @Test
    void importOfAMalformedSnapshotIsRejectedAndKeepsTheOldState() {
        show("ATWM241126", "Avatar", 10);
        String before = machine.digest();
        BookingState bad = new BookingState(List.of(new BookingState.Show("avatar", "ATWM241126", 1)), List.of());
        assertThrows(IllegalArgumentException.class, () -> machine.importState(bad));
        assertEquals(before, machine.digest());
    }

    @Test
    void digestIsTheShaOfTheCanonicalText() {
        show("VERM241126", "Titanic", 7);
        show("ATWM241126", "Avatar", 10);
        book(BOB, "ATWM241126", "Avatar", 3);
        book(ALICE, "ATWM241126", "Avatar", 1);
        String text = "SHOWS\nAvatar\tATWM241126\t10\nTitanic\tVERM241126\t7\n"
                + "BOOKINGS\nATWC0001\tAvatar\tATWM241126\t1\nATWC0002\tAvatar\tATWM241126\t3\n";
        assertEquals(BookingState.sha256Hex(text), machine.digest());
    }
}
