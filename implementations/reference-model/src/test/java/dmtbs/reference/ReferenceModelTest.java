package dmtbs.reference;

import dmtbs.booking.BookingState;
import dmtbs.booking.Request;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The booking-rules.md examples and every refusal code of every chain. Each expected answer is written by
 * hand from booking-rules.md. Unless a test moves it, "today" is Monday 23 Nov 2026, so the add window is
 * 231126..291126 and the ISO week is Mon 23 – Sun 29 Nov.
 */
class ReferenceModelTest {

    private static final LocalDate MON_23 = LocalDate.of(2026, 11, 23);

    private final ReferenceModel model = new ReferenceModel();
    private LocalDate today = MON_23;

    // ---- request shorthands; every answer is compared as its canonical text -----------------------

    private String add(String admin, String id, String movie, int capacity) {
        return apply(new Request.AddMovieSlots(admin, id, movie, capacity));
    }

    private String remove(String admin, String id, String movie) {
        return apply(new Request.RemoveMovieSlots(admin, id, movie));
    }

    private String list(String admin, String movie) {
        return apply(new Request.ListMovieShowsAvailability(admin, movie));
    }

    private String book(String user, String customer, String id, String movie, int n) {
        return apply(new Request.BookMovieTickets(user, customer, id, movie, n));
    }

    /** The customer books for themself. */
    private String book(String customer, String id, String movie, int n) {
        return book(customer, customer, id, movie, n);
    }

    private String schedule(String user, String customer) {
        return apply(new Request.GetBookingSchedule(user, customer));
    }

    private String cancel(String user, String customer, String id, String movie, int n) {
        return apply(new Request.CancelMovieTickets(user, customer, id, movie, n));
    }

    private String exchange(String customer, String id, String movie, String newId, String newMovie, int n) {
        return exchange(customer, customer, id, movie, newId, newMovie, n);
    }

    private String exchange(String user, String customer, String id, String movie, String newId, String newMovie, int n) {
        return apply(new Request.ExchangeTickets(user, customer, id, movie, newId, newMovie, n));
    }

    private String apply(Request request) {
        return model.apply(request, today).canonical();
    }

    private static void refused(String code, String actual) {
        assertEquals("REFUSED " + code, actual);
    }

    // ---- §1 names and identifiers ----------------------------------------------------------------

    @Test
    void theSpecsExampleShowIsAtwaterEveningOn24Nov2026() {
        assertEquals("OK ADDED ATWE241126 Avatar 10", add("ATWA2345", "ATWE241126", "Avatar", 10));
        assertEquals("OK BOOKED VERC0042 ATWE241126 Avatar 2", book("VERC0042", "ATWE241126", "Avatar", 2));
        assertEquals("SCHEDULE [ATWE241126 Avatar 2]", schedule("VERC0042", "VERC0042"));
    }

    @Test
    void aShowIsTheMovieNameTogetherWithTheMovieId() {
        assertEquals("OK ADDED ATWM241126 Avatar 3", add("ATWA0001", "ATWM241126", "Avatar", 3));
        assertEquals("OK ADDED ATWM241126 Titanic 5", add("ATWA0001", "ATWM241126", "Titanic", 5));
        assertEquals("OK BOOKED ATWC0001 ATWM241126 Avatar 3", book("ATWC0001", "ATWM241126", "Avatar", 3));
        assertEquals("SHOWS [ATWM241126 Avatar 0]", list("ATWA0001", "Avatar"));
        assertEquals("SHOWS [ATWM241126 Titanic 5]", list("ATWA0001", "Titanic"));
        refused("NO_SUCH_SHOW", book("ATWC0001", "ATWM241126", "Avengers", 1));
    }

    @Test
    void malformedUserIdsAreBadRequests() {
        add("ATWA0001", "ATWM241126", "Avatar", 10);
        for (String id : new String[] {"ATWC1234\n", " ATWC1234", "ATWC1234 ", "ATWC１２34", "atwc1234", "ATWc1234",
                "ATWX1234", "ABCC1234", "ATWC123", "ATWC12345", "", null}) {
            refused("BAD_REQUEST", book(id, "ATWC1234", "ATWM241126", "Avatar", 1));
            refused("BAD_REQUEST", book("ATWA0001", id, "ATWM241126", "Avatar", 1));
            refused("BAD_REQUEST", add(id, "ATWM241126", "Avatar", 10));
        }
        assertEquals("OK BOOKED OUTC0000 ATWM241126 Avatar 1", book("OUTC0000", "ATWM241126", "Avatar", 1));
    }

    @Test
    void anAdminIdAsTheCustomerArgumentIsABadRequest() {
        add("ATWA0001", "ATWM241126", "Avatar", 10);
        refused("BAD_REQUEST", book("ATWA0001", "ATWA1000", "ATWM241126", "Avatar", 1));
        refused("BAD_REQUEST", schedule("ATWA0001", "ATWA1000"));
        refused("BAD_REQUEST", cancel("ATWA0001", "ATWA1000", "ATWM241126", "Avatar", 1));
    }

    @Test
    void movieNamesMatchExactly() {
        for (String movie : new String[] {"avatar", "AVATAR", "Avatar ", " Avatar", "Batman", "", null}) {
            refused("BAD_REQUEST", add("ATWA0001", "ATWM241126", movie, 10));
            refused("BAD_REQUEST", list("ATWA0001", movie));
        }
        assertEquals("OK ADDED ATWM241126 Avengers 1", add("ATWA0001", "ATWM241126", "Avengers", 1));
        assertEquals("OK ADDED ATWM241126 Titanic 1", add("ATWA0001", "ATWM241126", "Titanic", 1));
    }

    @Test
    void malformedMovieIdsAreBadRequests() {
        for (String id : new String[] {"ATWX241126", "ATWm241126", "ABCM241126", "atwM241126", "ATWM24112", "ATWM2411266",
                "ATWM241126\n", "ATWM24112６", "ATWM001126", "ATWM241326", "ATWM241026x", "ATWM241 26", "", null}) {
            refused("BAD_REQUEST", add("ATWA0001", id, "Avatar", 10));
            refused("BAD_REQUEST", remove("ATWA0001", id, "Avatar"));
        }
    }

    @Test
    void aDateThatDoesNotExistIsMalformed() {
        refused("BAD_REQUEST", add("ATWA0001", "ATWM310226", "Avatar", 10));   // 31 Feb 2026
        refused("BAD_REQUEST", add("ATWA0001", "ATWM310426", "Avatar", 10));   // 31 Apr 2026
        refused("BAD_REQUEST", add("ATWA0001", "ATWM290226", "Avatar", 10));   // 2026 is no leap year
        refused("OUTSIDE_WINDOW", add("ATWA0001", "ATWM290228", "Avatar", 10)); // well formed: 2028 is
        refused("OUTSIDE_WINDOW", add("ATWA0001", "ATWM311226", "Avatar", 10));
    }

    @Test
    void the29thOfFebruaryExistsInLeapYears() {
        today = LocalDate.of(2028, 2, 25);
        assertEquals("OK ADDED VERA290228 Titanic 4", add("VERA0001", "VERA290228", "Titanic", 4));
        assertEquals("OK ADDED VERA010328 Titanic 4", add("VERA0001", "VERA010328", "Titanic", 4));
        assertEquals("SHOWS [VERA290228 Titanic 4,VERA010328 Titanic 4]", list("OUTA0001", "Titanic"));
    }

    @Test
    void theYearIsTwentyYY() {
        today = LocalDate.of(2099, 12, 28);
        assertEquals("OK ADDED OUTE291299 Avatar 1", add("OUTA0001", "OUTE291299", "Avatar", 1));   // 29 Dec 2099
        refused("OUTSIDE_WINDOW", add("OUTA0001", "OUTE010100", "Avatar", 1));                   // 1 Jan 2000
    }

    @Test
    void countsAndCapacitiesAreFromOneToTenThousand() {
        for (int bad : new int[] {0, -1, 10_001, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            refused("BAD_REQUEST", add("ATWA0001", "ATWM241126", "Avatar", bad));
            refused("BAD_REQUEST", book("ATWC0001", "ATWM241126", "Avatar", bad));
            refused("BAD_REQUEST", cancel("ATWC0001", "ATWC0001", "ATWM241126", "Avatar", bad));
            refused("BAD_REQUEST", exchange("ATWC0001", "ATWM241126", "Avatar", "ATWE241126", "Avatar", bad));
        }
        assertEquals("OK ADDED ATWM241126 Avatar 10000", add("ATWA0001", "ATWM241126", "Avatar", 10_000));
        assertEquals("OK BOOKED ATWC0001 ATWM241126 Avatar 10000", book("ATWC0001", "ATWM241126", "Avatar", 10_000));
        assertEquals("OK ADDED ATWM251126 Avatar 1", add("ATWA0001", "ATWM251126", "Avatar", 1));
    }

    // ---- addMovieSlots: BAD_REQUEST → NOT_AUTHORIZED → OUTSIDE_WINDOW → CAPACITY_BELOW_BOOKED ----

    @Test
    void addRefusals() {
        refused("BAD_REQUEST", add("ATWC0001", "ATWM241126", "Avatar", 0));        // before NOT_AUTHORIZED
        refused("NOT_AUTHORIZED", add("ATWC0001", "ATWM241126", "Avatar", 5));     // a customer
        refused("NOT_AUTHORIZED", add("VERA0001", "ATWM241126", "Avatar", 5));     // another theatre's admin
        refused("NOT_AUTHORIZED", add("VERA0001", "ATWM011226", "Avatar", 5));     // before OUTSIDE_WINDOW
        refused("OUTSIDE_WINDOW", add("ATWA0001", "ATWM221126", "Avatar", 5));     // yesterday
        refused("OUTSIDE_WINDOW", add("ATWA0001", "ATWM301126", "Avatar", 5));     // today + 7
        assertEquals("OK ADDED ATWM231126 Avatar 5", add("ATWA0001", "ATWM231126", "Avatar", 5));    // today
        assertEquals("OK ADDED ATWE291126 Avatar 5", add("ATWA0001", "ATWE291126", "Avatar", 5));    // today + 6
        book("OUTC0001", "ATWE291126", "Avatar", 3);
        refused("CAPACITY_BELOW_BOOKED", add("ATWA0001", "ATWE291126", "Avatar", 2));
        assertEquals("OK UPDATED ATWE291126 Avatar 3", add("ATWA0001", "ATWE291126", "Avatar", 3));  // equal is allowed
        assertEquals("OK UPDATED ATWE291126 Avatar 3", add("ATWA0001", "ATWE291126", "Avatar", 3));  // unchanged still UPDATED
        assertEquals("OK UPDATED ATWE291126 Avatar 9", add("ATWA0001", "ATWE291126", "Avatar", 9));
        assertEquals("SHOWS [ATWM231126 Avatar 5,ATWE291126 Avatar 6]", list("VERA0001", "Avatar"));
    }

    @Test
    void updatingAShowThatHasBecomePastIsOutsideTheWindow() {
        add("ATWA0001", "ATWM241126", "Avatar", 5);
        book("ATWC0001", "ATWM241126", "Avatar", 4);
        today = LocalDate.of(2026, 11, 25);
        refused("OUTSIDE_WINDOW", add("ATWA0001", "ATWM241126", "Avatar", 1));     // before CAPACITY_BELOW_BOOKED
        refused("OUTSIDE_WINDOW", add("ATWA0001", "ATWM241126", "Avatar", 8));
    }

    // ---- removeMovieSlots: BAD_REQUEST → NOT_AUTHORIZED → NO_SUCH_SHOW → PAST_SHOW ----------------

    @Test
    void removeRefusals() {
        add("ATWA0001", "ATWM241126", "Avatar", 5);
        refused("BAD_REQUEST", remove("ATWC0001", "ATWM241126", "Avatars"));
        refused("NOT_AUTHORIZED", remove("ATWC0001", "ATWM241126", "Avatar"));
        refused("NOT_AUTHORIZED", remove("OUTA0001", "ATWM241126", "Avatar"));
        refused("NOT_AUTHORIZED", remove("OUTA0001", "ATWM251126", "Avatar"));     // before NO_SUCH_SHOW
        refused("NO_SUCH_SHOW", remove("ATWA0001", "ATWM241126", "Titanic"));
        refused("NO_SUCH_SHOW", remove("ATWA0001", "ATWM201126", "Avatar"));       // before PAST_SHOW
        today = LocalDate.of(2026, 11, 25);
        refused("PAST_SHOW", remove("ATWA0001", "ATWM241126", "Avatar"));
    }

    @Test
    void removingAShowNobodyBookedHasNoTrailingSpace() {
        add("ATWA0001", "ATWM231126", "Avatar", 5);
        assertEquals("OK REMOVED ATWM231126 Avatar", remove("ATWA0001", "ATWM231126", "Avatar"));   // today's show
        refused("NO_SUCH_SHOW", remove("ATWA0001", "ATWM231126", "Avatar"));
        assertEquals("SHOWS []", list("ATWA0001", "Avatar"));
    }

    @Test
    void removalMovesEachCustomerWholeToTheEarliestLaterShowOfTheSameMovieAndTheatre() {
        add("ATWA0001", "ATWE231126", "Avatar", 10);   // earlier: never a target
        add("ATWA0001", "ATWM241126", "Avatar", 5);    // removed
        add("ATWA0001", "ATWE241126", "Avatar", 3);
        add("ATWA0001", "ATWM251126", "Avatar", 10);
        add("ATWA0001", "ATWA241126", "Titanic", 10);  // another movie: never a target
        add("VERA0001", "VERA241126", "Avatar", 10);   // another theatre: never a target
        book("VERC0001", "ATWM251126", "Avatar", 1);
        book("VERC0001", "ATWM241126", "Avatar", 2);
        book("OUTC0001", "ATWM241126", "Avatar", 1);
        book("ATWC0002", "ATWM241126", "Avatar", 2);

        // ATWC0002 < OUTC0001 < VERC0001; E241126 has 3 free: 2 for ATWC0002, 1 for OUTC0001, none left for
        // VERC0001's 2 (never split), who goes on to M251126 and joins the seat held there.
        assertEquals("OK REMOVED ATWM241126 Avatar ATWC0002:2>ATWE241126 OUTC0001:1>ATWE241126 VERC0001:2>ATWM251126",
                remove("ATWA0001", "ATWM241126", "Avatar"));
        assertEquals("SCHEDULE [ATWM251126 Avatar 3]", schedule("VERC0001", "VERC0001"));
        assertEquals("SHOWS [ATWE231126 Avatar 10,VERA241126 Avatar 10,ATWE241126 Avatar 0,ATWM251126 Avatar 7]",
                list("OUTA0001", "Avatar"));
    }

    @Test
    void aCustomerWhoFitsNowhereLaterIsDropped() {
        add("OUTA0001", "OUTE241126", "Titanic", 4);
        add("OUTA0001", "OUTM251126", "Titanic", 2);
        add("OUTA0001", "OUTE231126", "Titanic", 9);
        book("OUTA0001", "VERC0009", "OUTE241126", "Titanic", 3);
        book("ATWC0003", "OUTE241126", "Titanic", 1);
        assertEquals("OK REMOVED OUTE241126 Titanic ATWC0003:1>OUTM251126 VERC0009:3>NONE",
                remove("OUTA0001", "OUTE241126", "Titanic"));
        assertEquals("SCHEDULE []", schedule("VERC0009", "VERC0009"));
        assertEquals("SCHEDULE [OUTM251126 Titanic 1]", schedule("ATWC0003", "ATWC0003"));
        assertEquals("OK REMOVED OUTM251126 Titanic ATWC0003:1>NONE", remove("OUTA0001", "OUTM251126", "Titanic"));
    }

    @Test
    void removalMovesCheckNoOtherRule() {
        add("ATWA0001", "ATWM241126", "Avatar", 5);
        add("ATWA0001", "ATWE241126", "Avatar", 5);
        add("VERA0001", "VERE241126", "Avatar", 5);
        book("OUTC0001", "VERE241126", "Avatar", 1);
        book("OUTC0001", "ATWM241126", "Avatar", 2);
        // The move creates a rule-5 pair (Avatar at E241126 in ATW and VER) for OUTC0001.
        assertEquals("OK REMOVED ATWM241126 Avatar OUTC0001:2>ATWE241126", remove("ATWA0001", "ATWM241126", "Avatar"));
        assertEquals("SCHEDULE [ATWE241126 Avatar 2,VERE241126 Avatar 1]", schedule("OUTC0001", "OUTC0001"));
        refused("SAME_SHOW_OTHER_THEATRE", book("OUTC0001", "ATWE241126", "Avatar", 1));
        refused("SAME_SHOW_OTHER_THEATRE", book("OUTC0001", "VERE241126", "Avatar", 1));
    }

    @Test
    void removalMovesCanLeaveMoreThanThreeForeignShowsInAWeekAndThenNoNewOneFits() {
        today = LocalDate.of(2026, 11, 25);                 // Wednesday: the window reaches Tuesday 1 Dec
        add("VERA0001", "VERE291126", "Avatar", 5);         // Sunday, removed
        add("VERA0001", "VERM301126", "Avatar", 5);         // next Monday: where it moves
        add("VERA0001", "VERM301126", "Titanic", 5);
        add("VERA0001", "VERA301126", "Titanic", 5);
        add("OUTA0001", "OUTM011226", "Titanic", 5);
        add("OUTA0001", "OUTA011226", "Titanic", 5);
        book("ATWC0001", "VERE291126", "Avatar", 1);
        book("ATWC0001", "VERM301126", "Titanic", 1);
        book("ATWC0001", "VERA301126", "Titanic", 1);
        book("ATWC0001", "OUTM011226", "Titanic", 1);       // 3 foreign shows in the week of 30 Nov
        assertEquals("OK REMOVED VERE291126 Avatar ATWC0001:1>VERM301126", remove("VERA0001", "VERE291126", "Avatar"));
        assertEquals("SCHEDULE [VERM301126 Avatar 1,VERM301126 Titanic 1,VERA301126 Titanic 1,OUTM011226 Titanic 1]",
                schedule("ATWC0001", "ATWC0001"));
        refused("FOREIGN_LIMIT", book("ATWC0001", "OUTA011226", "Titanic", 1));   // 4 held: "3 or more"
        assertEquals("OK BOOKED ATWC0001 VERM301126 Avatar 1", book("ATWC0001", "VERM301126", "Avatar", 1));
    }

    // ---- listMovieShowsAvailability: BAD_REQUEST → NOT_AUTHORIZED ---------------------------------

    @Test
    void listRefusals() {
        refused("BAD_REQUEST", list("ATWC0001", "Avatarr"));
        refused("NOT_AUTHORIZED", list("ATWC0001", "Avatar"));
        assertEquals("SHOWS []", list("OUTA0001", "Avatar"));
    }

    @Test
    void aListHasEveryTheatresShowsFromTodayOnInShowOrder() {
        add("VERA0001", "VERM241126", "Avatar", 1);
        add("ATWA0001", "ATWE241126", "Avatar", 2);
        add("OUTA0001", "OUTM241126", "Avatar", 3);
        add("ATWA0001", "ATWM241126", "Avatar", 4);
        add("ATWA0001", "ATWA241126", "Avatar", 5);
        add("OUTA0001", "OUTE231126", "Avatar", 6);
        add("ATWA0001", "ATWM261126", "Avatar", 7);
        add("ATWA0001", "ATWM241126", "Titanic", 8);
        assertEquals("SHOWS [OUTE231126 Avatar 6,ATWM241126 Avatar 4,OUTM241126 Avatar 3,VERM241126 Avatar 1,"
                + "ATWA241126 Avatar 5,ATWE241126 Avatar 2,ATWM261126 Avatar 7]", list("VERA0001", "Avatar"));
        today = LocalDate.of(2026, 11, 24);
        assertEquals("SHOWS [ATWM241126 Avatar 4,OUTM241126 Avatar 3,VERM241126 Avatar 1,"
                + "ATWA241126 Avatar 5,ATWE241126 Avatar 2,ATWM261126 Avatar 7]", list("VERA0001", "Avatar"));
    }

    // ---- bookMovieTickets: BAD_REQUEST → NOT_AUTHORIZED → NO_SUCH_SHOW → PAST_SHOW →
    //      SAME_SHOW_OTHER_THEATRE → FOREIGN_LIMIT → NOT_ENOUGH_SEATS ---------------------------------

    @Test
    void bookRefusalsUpToPastShow() {
        add("ATWA0001", "ATWM231126", "Avatar", 2);
        add("ATWA0001", "ATWM241126", "Avatar", 2);
        refused("BAD_REQUEST", book("ATWC0001", "ATWC0002", "ATWM241126", "Avatar", 0));   // before NOT_AUTHORIZED
        refused("BAD_REQUEST", book("ATWC0001", "ATWA0002", "ATWM241126", "Avatar", 1));
        refused("NOT_AUTHORIZED", book("ATWC0001", "ATWC0002", "ATWM241126", "Avatar", 1));
        refused("NOT_AUTHORIZED", book("ATWC0001", "ATWC0002", "ATWM241126", "Titanic", 1)); // before NO_SUCH_SHOW
        refused("NO_SUCH_SHOW", book("ATWC0001", "ATWM241126", "Titanic", 1));
        refused("NO_SUCH_SHOW", book("ATWC0001", "ATWM201126", "Avatar", 1));               // before PAST_SHOW
        assertEquals("OK BOOKED ATWC0002 ATWM231126 Avatar 1", book("VERA0009", "ATWC0002", "ATWM231126", "Avatar", 1));
        today = LocalDate.of(2026, 11, 24);
        refused("PAST_SHOW", book("ATWC0001", "ATWM231126", "Avatar", 5));                  // before NOT_ENOUGH_SEATS
        assertEquals("OK BOOKED ATWC0001 ATWM241126 Avatar 2", book("ATWC0001", "ATWM241126", "Avatar", 2)); // today's show
    }

    @Test
    void theSameMovieAtTheSameSlotAndDateInTwoTheatresIsRefused() {
        add("ATWA0001", "ATWM241126", "Avatar", 5);
        add("VERA0001", "VERM241126", "Avatar", 1);
        add("VERA0001", "VERA241126", "Avatar", 5);
        add("VERA0001", "VERM241126", "Titanic", 5);
        add("VERA0001", "VERM251126", "Avatar", 5);
        book("ATWC0001", "ATWM241126", "Avatar", 1);
        refused("SAME_SHOW_OTHER_THEATRE", book("ATWC0001", "VERM241126", "Avatar", 2));      // before NOT_ENOUGH_SEATS
        refused("SAME_SHOW_OTHER_THEATRE", book("ATWA0001", "ATWC0001", "VERM241126", "Avatar", 1));
        assertEquals("OK BOOKED ATWC0001 VERA241126 Avatar 1", book("ATWC0001", "VERA241126", "Avatar", 1));
        assertEquals("OK BOOKED ATWC0001 VERM241126 Titanic 1", book("ATWC0001", "VERM241126", "Titanic", 1));
        assertEquals("OK BOOKED ATWC0001 VERM251126 Avatar 1", book("ATWC0001", "VERM251126", "Avatar", 1));
        assertEquals("OK BOOKED ATWC0002 VERM241126 Avatar 1", book("ATWC0002", "VERM241126", "Avatar", 1));
        assertEquals("OK BOOKED ATWC0001 ATWM241126 Avatar 1", book("ATWC0001", "ATWM241126", "Avatar", 1));
    }

    @Test
    void atMostThreeForeignShowsPerIsoWeek() {
        for (String id : new String[] {"VERM231126", "VERA241126", "VERE291126", "VERM301126"})
            add("VERA0001", id, "Avatar", 5);
        today = LocalDate.of(2026, 11, 24);
        add("VERA0001", "VERM301126", "Avatar", 5);
        add("VERA0001", "VERA241126", "Titanic", 5);
        add("OUTA0001", "OUTE251126", "Titanic", 1);
        add("ATWA0001", "ATWE251126", "Titanic", 5);
        add("ATWA0001", "ATWM261126", "Titanic", 5);
        today = MON_23;
        book("ATWC0001", "VERM231126", "Avatar", 1);
        today = LocalDate.of(2026, 11, 24);
        book("ATWC0001", "VERA241126", "Avatar", 1);
        book("ATWA0001", "ATWC0001", "VERA241126", "Titanic", 1);   // another movie: another show
        // Three foreign shows this week, Monday's (now past) included.
        refused("FOREIGN_LIMIT", book("ATWC0001", "OUTE251126", "Titanic", 2));   // before NOT_ENOUGH_SEATS
        refused("FOREIGN_LIMIT", book("VERA0001", "ATWC0001", "OUTE251126", "Titanic", 1));   // VERA0001 is no customer here
        assertEquals("OK BOOKED ATWC0001 VERA241126 Avatar 2", book("ATWC0001", "VERA241126", "Avatar", 2));   // already held
        assertEquals("OK BOOKED ATWC0001 ATWE251126 Titanic 1", book("ATWC0001", "ATWE251126", "Titanic", 1)); // own theatre
        assertEquals("OK BOOKED ATWC0001 VERM301126 Avatar 1", book("ATWC0001", "VERM301126", "Avatar", 1));   // next week
        assertEquals("OK BOOKED VERC0001 OUTE251126 Titanic 1", book("VERC0001", "OUTE251126", "Titanic", 1));
        assertEquals("OK BOOKED VERC0001 VERE291126 Avatar 1", book("VERC0001", "VERE291126", "Avatar", 1));   // own theatre
    }

    @Test
    void anIsoWeekCanSpanTheNewYear() {
        today = LocalDate.of(2026, 12, 28);                  // Monday; this ISO week ends Sunday 3 Jan 2027
        add("VERA0001", "VERM281226", "Avatar", 5);
        add("VERA0001", "VERM301226", "Avatar", 5);
        add("OUTA0001", "OUTE311226", "Avatar", 5);
        add("OUTA0001", "OUTM020127", "Avatar", 5);
        book("ATWC0001", "VERM281226", "Avatar", 1);
        book("ATWC0001", "VERM301226", "Avatar", 1);
        book("ATWC0001", "OUTE311226", "Avatar", 1);
        refused("FOREIGN_LIMIT", book("ATWC0001", "OUTM020127", "Avatar", 1));
        today = LocalDate.of(2026, 12, 29);
        assertEquals("OK ADDED VERM040127 Avatar 5", add("VERA0001", "VERM040127", "Avatar", 5));
        assertEquals("OK BOOKED ATWC0001 VERM040127 Avatar 1", book("ATWC0001", "VERM040127", "Avatar", 1));
    }

    @Test
    void theSameWeekNumberOfAnotherYearIsAnotherWeek() {
        add("VERA0001", "VERM231126", "Avatar", 5);
        add("VERA0001", "VERM241126", "Avatar", 5);
        add("VERA0001", "VERM251126", "Avatar", 5);
        book("ATWC0001", "VERM231126", "Avatar", 1);
        book("ATWC0001", "VERM241126", "Avatar", 1);
        book("ATWC0001", "VERM251126", "Avatar", 1);          // three foreign shows in week 48 of 2026
        today = LocalDate.of(2027, 11, 29);                  // Monday of week 48 of 2027
        add("VERA0001", "VERM291127", "Avatar", 5);
        assertEquals("OK BOOKED ATWC0001 VERM291127 Avatar 1", book("ATWC0001", "VERM291127", "Avatar", 1));
    }

    @Test
    void notEnoughSeats() {
        add("OUTA0001", "OUTA251126", "Avengers", 3);
        book("ATWC0001", "OUTA251126", "Avengers", 2);
        refused("NOT_ENOUGH_SEATS", book("OUTC0001", "OUTA251126", "Avengers", 2));
        assertEquals("OK BOOKED OUTC0001 OUTA251126 Avengers 1", book("OUTC0001", "OUTA251126", "Avengers", 1));
        refused("NOT_ENOUGH_SEATS", book("ATWC0001", "OUTA251126", "Avengers", 1));
        assertEquals("SHOWS [OUTA251126 Avengers 0]", list("ATWA0001", "Avengers"));
    }

    // ---- getBookingSchedule: BAD_REQUEST → NOT_AUTHORIZED ------------------------------------------

    @Test
    void scheduleRefusals() {
        refused("BAD_REQUEST", schedule("ATWC0001", "ATWC000"));
        refused("BAD_REQUEST", schedule("ATWC001", "ATWC0001"));
        refused("NOT_AUTHORIZED", schedule("ATWC0001", "ATWC0002"));
        assertEquals("SCHEDULE []", schedule("ATWC0001", "ATWC0001"));
        assertEquals("SCHEDULE []", schedule("VERA0001", "ATWC0002"));
    }

    @Test
    void aScheduleHasEveryBookingPastOnesTooInShowOrder() {
        add("ATWA0001", "ATWM231126", "Titanic", 5);
        add("ATWA0001", "ATWM241126", "Titanic", 5);
        add("ATWA0001", "ATWM241126", "Avatar", 5);
        add("OUTA0001", "OUTM241126", "Avengers", 5);
        add("VERA0001", "VERA241126", "Avatar", 5);
        book("ATWC0001", "VERA241126", "Avatar", 1);
        book("ATWC0001", "ATWM241126", "Titanic", 2);
        book("ATWC0001", "OUTM241126", "Avengers", 3);
        book("ATWC0001", "ATWM241126", "Avatar", 4);
        book("ATWC0001", "ATWM231126", "Titanic", 5);
        today = LocalDate.of(2026, 11, 25);
        assertEquals("SCHEDULE [ATWM231126 Titanic 5,ATWM241126 Avatar 4,ATWM241126 Titanic 2,OUTM241126 Avengers 3,"
                + "VERA241126 Avatar 1]", schedule("OUTA0001", "ATWC0001"));
    }

    // ---- cancelMovieTickets: BAD_REQUEST → NOT_AUTHORIZED → NOT_BOOKED → PAST_SHOW -----------------

    @Test
    void cancelRefusalsAndABookingThatReachesZeroDisappears() {
        add("ATWA0001", "ATWM231126", "Avatar", 5);
        add("ATWA0001", "ATWM241126", "Avatar", 5);
        book("ATWC0001", "ATWM231126", "Avatar", 2);
        book("ATWC0001", "ATWM241126", "Avatar", 3);
        refused("BAD_REQUEST", cancel("ATWC0002", "ATWC0001", "ATWM241126", "Avatar", 0));
        refused("NOT_AUTHORIZED", cancel("ATWC0002", "ATWC0001", "ATWM241126", "Avatar", 1));
        refused("NOT_BOOKED", cancel("ATWC0001", "ATWC0001", "ATWM241126", "Avatar", 4));
        refused("NOT_BOOKED", cancel("ATWC0002", "ATWC0002", "ATWM241126", "Avatar", 1));
        refused("NOT_BOOKED", cancel("ATWC0001", "ATWC0001", "ATWM241126", "Titanic", 1));   // no such show
        assertEquals("OK CANCELLED ATWC0001 ATWM241126 Avatar 1", cancel("OUTA0001", "ATWC0001", "ATWM241126", "Avatar", 1));
        assertEquals("OK CANCELLED ATWC0001 ATWM241126 Avatar 2", cancel("ATWC0001", "ATWC0001", "ATWM241126", "Avatar", 2));
        refused("NOT_BOOKED", cancel("ATWC0001", "ATWC0001", "ATWM241126", "Avatar", 1));
        today = LocalDate.of(2026, 11, 24);
        refused("NOT_BOOKED", cancel("ATWC0001", "ATWC0001", "ATWM231126", "Avatar", 3));     // before PAST_SHOW
        refused("PAST_SHOW", cancel("ATWC0001", "ATWC0001", "ATWM231126", "Avatar", 2));
        assertEquals("SCHEDULE [ATWM231126 Avatar 2]", schedule("ATWC0001", "ATWC0001"));
        assertEquals("SHOWS [ATWM241126 Avatar 5]", list("ATWA0001", "Avatar"));
    }

    // ---- exchangeTickets: BAD_REQUEST → NOT_AUTHORIZED → NOT_BOOKED (old) → PAST_SHOW (old) → book chain

    @Test
    void exchangeRefusalsOfTheOldShow() {
        add("ATWA0001", "ATWM231126", "Avatar", 5);
        add("ATWA0001", "ATWM241126", "Avatar", 5);
        add("ATWA0001", "ATWE241126", "Avatar", 5);
        book("ATWC0001", "ATWM231126", "Avatar", 2);
        book("ATWC0001", "ATWM241126", "Avatar", 2);
        refused("BAD_REQUEST", exchange("ATWC0001", "ATWM241126", "Avatar", "ATWM241126", "Avatar", 1));   // same show
        refused("BAD_REQUEST", exchange("ATWC0002", "ATWM241126", "Avatar", "ATWM241126", "Avatar", 1));   // even if not held
        refused("BAD_REQUEST", exchange("ATWC0002", "ATWC0001", "ATWM241126", "Avatar", "ATWM241126", "Avatar", 1));
        refused("BAD_REQUEST", exchange("ATWC0001", "ATWM241126", "Avatar", "ATWM241126", "Titan", 1));
        refused("BAD_REQUEST", exchange("ATWC0001", "ATWM241126", "Avatar", "ATWX241126", "Avatar", 1));
        refused("NOT_AUTHORIZED", exchange("ATWC0002", "ATWC0001", "ATWM241126", "Avatar", "ATWE241126", "Avatar", 1));
        refused("NOT_BOOKED", exchange("ATWC0001", "ATWM241126", "Avatar", "ATWE241126", "Avatar", 3));
        refused("NOT_BOOKED", exchange("ATWC0001", "ATWM241126", "Titanic", "ATWE241126", "Avatar", 1)); // no such old show
        refused("NOT_BOOKED", exchange("ATWC0001", "ATWE241126", "Avatar", "ATWM251126", "Titanic", 1)); // before NO_SUCH_SHOW
        today = LocalDate.of(2026, 11, 24);
        refused("NOT_BOOKED", exchange("ATWC0001", "ATWM231126", "Avatar", "ATWE241126", "Avatar", 3));  // before PAST_SHOW
        refused("PAST_SHOW", exchange("ATWC0001", "ATWM231126", "Avatar", "ATWM251126", "Titanic", 1));  // before NO_SUCH_SHOW
        assertEquals("SCHEDULE [ATWM231126 Avatar 2,ATWM241126 Avatar 2]", schedule("ATWC0001", "ATWC0001"));
    }

    @Test
    void exchangeRefusalsOfTheNewShowLeaveTheOldSeatsInPlace() {
        add("ATWA0001", "ATWM231126", "Titanic", 5);
        add("ATWA0001", "ATWM241126", "Avatar", 5);
        add("VERA0001", "VERM251126", "Avatar", 5);
        add("OUTA0001", "OUTM251126", "Avatar", 5);
        add("OUTA0001", "OUTE251126", "Avatar", 1);
        add("VERA0001", "VERM261126", "Avatar", 5);
        add("OUTA0001", "OUTA261126", "Avatar", 5);
        add("OUTA0001", "OUTM271126", "Avatar", 5);
        add("ATWA0001", "ATWE251126", "Avatar", 1);
        book("ATWC0001", "ATWM241126", "Avatar", 4);
        book("ATWC0001", "VERM251126", "Avatar", 1);
        book("ATWC0001", "VERM261126", "Avatar", 1);
        book("ATWC0001", "OUTA261126", "Avatar", 1);     // 3 foreign shows this week
        today = LocalDate.of(2026, 11, 24);
        refused("NO_SUCH_SHOW", exchange("ATWC0001", "ATWM241126", "Avatar", "ATWM241126", "Titanic", 1));
        refused("NO_SUCH_SHOW", exchange("ATWC0001", "ATWM241126", "Avatar", "ATWM221126", "Titanic", 1)); // before PAST_SHOW
        refused("PAST_SHOW", exchange("ATWC0001", "ATWM241126", "Avatar", "ATWM231126", "Titanic", 1));
        refused("SAME_SHOW_OTHER_THEATRE", exchange("ATWC0001", "ATWM241126", "Avatar", "OUTM251126", "Avatar", 1));
        refused("FOREIGN_LIMIT", exchange("ATWC0001", "ATWM241126", "Avatar", "OUTM271126", "Avatar", 2)); // before seats
        refused("FOREIGN_LIMIT", exchange("ATWC0001", "ATWM241126", "Avatar", "OUTE251126", "Avatar", 2));
        refused("NOT_ENOUGH_SEATS", exchange("ATWC0001", "ATWM241126", "Avatar", "ATWE251126", "Avatar", 2));
        assertEquals("SCHEDULE [ATWM241126 Avatar 4,VERM251126 Avatar 1,VERM261126 Avatar 1,OUTA261126 Avatar 1]",
                schedule("ATWC0001", "ATWC0001"));
        assertEquals("SHOWS [ATWM241126 Avatar 1,OUTM251126 Avatar 5,VERM251126 Avatar 4,ATWE251126 Avatar 1,"
                + "OUTE251126 Avatar 1,VERM261126 Avatar 4,OUTA261126 Avatar 4,OUTM271126 Avatar 5]", list("ATWA0001", "Avatar"));
    }

    @Test
    void anExchangeMovesTheSeatsAndMayKeepTheMovieIdWithAnotherMovie() {
        add("VERA0001", "VERE251126", "Avengers", 4);
        add("VERA0001", "VERE251126", "Titanic", 2);
        book("OUTC0001", "VERE251126", "Avengers", 3);
        assertEquals("OK EXCHANGED OUTC0001 VERE251126 Avengers 2 > VERE251126 Titanic",
                exchange("ATWA0001", "OUTC0001", "VERE251126", "Avengers", "VERE251126", "Titanic", 2));
        assertEquals("SCHEDULE [VERE251126 Avengers 1,VERE251126 Titanic 2]", schedule("OUTC0001", "OUTC0001"));
        assertEquals("SHOWS [VERE251126 Titanic 0]", list("VERA0001", "Titanic"));
        assertEquals("SHOWS [VERE251126 Avengers 3]", list("VERA0001", "Avengers"));
        assertEquals("OK EXCHANGED OUTC0001 VERE251126 Titanic 2 > VERE251126 Avengers",
                exchange("OUTC0001", "VERE251126", "Titanic", "VERE251126", "Avengers", 2));   // onto a booking held
        assertEquals("SCHEDULE [VERE251126 Avengers 3]", schedule("OUTC0001", "OUTC0001"));
    }

    @Test
    void releasingAWholeForeignBookingFreesItsPlaceInTheWeek() {
        add("VERA0001", "VERM241126", "Avatar", 5);
        add("VERA0001", "VERM251126", "Avatar", 5);
        add("VERA0001", "VERM261126", "Avatar", 5);
        add("OUTA0001", "OUTM271126", "Avatar", 5);
        book("ATWC0001", "VERM241126", "Avatar", 2);
        book("ATWC0001", "VERM251126", "Avatar", 1);
        book("ATWC0001", "VERM261126", "Avatar", 1);
        refused("FOREIGN_LIMIT", exchange("ATWC0001", "VERM241126", "Avatar", "OUTM271126", "Avatar", 1));  // 1 of 2 stays
        assertEquals("OK EXCHANGED ATWC0001 VERM241126 Avatar 2 > OUTM271126 Avatar",
                exchange("ATWC0001", "VERM241126", "Avatar", "OUTM271126", "Avatar", 2));
        assertEquals("SCHEDULE [VERM251126 Avatar 1,VERM261126 Avatar 1,OUTM271126 Avatar 2]", schedule("ATWC0001", "ATWC0001"));
    }

    @Test
    void releasingAWholeBookingClearsTheRuleFiveConflictItCaused() {
        add("ATWA0001", "ATWM241126", "Avatar", 5);
        add("VERA0001", "VERM241126", "Avatar", 5);
        book("OUTC0001", "ATWM241126", "Avatar", 2);
        refused("SAME_SHOW_OTHER_THEATRE", exchange("OUTC0001", "ATWM241126", "Avatar", "VERM241126", "Avatar", 1));
        assertEquals("OK EXCHANGED OUTC0001 ATWM241126 Avatar 2 > VERM241126 Avatar",
                exchange("OUTC0001", "ATWM241126", "Avatar", "VERM241126", "Avatar", 2));
        assertEquals("SHOWS [ATWM241126 Avatar 5,VERM241126 Avatar 3]", list("OUTA0001", "Avatar"));
    }

    // ---- §6 state -----------------------------------------------------------------------------------

    @Test
    void theEmptyStateAndItsDigest() {
        assertEquals("reference", model.name());
        assertEquals("SHOWS\nBOOKINGS\n", model.exportState().canonicalText());
        assertEquals("b7d29c1c5dc287ed55dc85bdf7eb3af071ebc8249cfe918a3114c9b03862aebd", model.digest());
    }

    @Test
    void theStateTextIsSortedByNameThenId() {
        add("VERA0001", "VERM241126", "Titanic", 5);
        add("VERA0001", "VERM241126", "Avatar", 3);
        add("ATWA0001", "ATWE241126", "Avatar", 10000);
        book("VERC0002", "VERM241126", "Titanic", 1);
        book("OUTC0001", "VERM241126", "Avatar", 2);
        book("OUTC0001", "ATWE241126", "Avatar", 3);
        add("ATWA0001", "ATWM231126", "Avengers", 1);
        remove("ATWA0001", "ATWM231126", "Avengers");
        assertEquals("SHOWS\n"
                + "Avatar\tATWE241126\t10000\n"
                + "Avatar\tVERM241126\t3\n"
                + "Titanic\tVERM241126\t5\n"
                + "BOOKINGS\n"
                + "OUTC0001\tAvatar\tATWE241126\t3\n"
                + "OUTC0001\tAvatar\tVERM241126\t2\n"
                + "VERC0002\tTitanic\tVERM241126\t1\n", model.exportState().canonicalText());
    }

    @Test
    void importReplacesTheWholeStateAndTheRulesGoOnFromIt() {
        add("OUTA0001", "OUTM241126", "Avatar", 5);
        book("OUTC0001", "OUTM241126", "Avatar", 1);
        BookingState imported = new BookingState(
                List.of(new BookingState.Show("Titanic", "ATWE251126", 4)),
                List.of(new BookingState.Booking("VERC0003", "Titanic", "ATWE251126", 3)));
        model.importState(imported);
        assertEquals(imported, model.exportState());
        assertEquals(imported.digest(), model.digest());
        assertEquals("SHOWS []", list("ATWA0001", "Avatar"));
        refused("NOT_ENOUGH_SEATS", book("ATWC0001", "ATWE251126", "Titanic", 2));
        assertEquals("OK CANCELLED VERC0003 ATWE251126 Titanic 3", cancel("VERC0003", "VERC0003", "ATWE251126", "Titanic", 3));
        model.importState(BookingState.EMPTY);
        assertEquals("SHOWS\nBOOKINGS\n", model.exportState().canonicalText());
    }

    @Test
    void aStateTheRulesCouldNotHaveMadeIsNotImported() {
        add("OUTA0001", "OUTM241126", "Avatar", 5);
        BookingState before = model.exportState();
        assertThrows(IllegalArgumentException.class, () -> model.importState(new BookingState(
                List.of(new BookingState.Show("Avatar", "OUTM310226", 5)), List.of())));
        assertThrows(IllegalArgumentException.class, () -> model.importState(new BookingState(
                List.of(new BookingState.Show("Avatar", "OUTM241126", 5)),
                List.of(new BookingState.Booking("OUTA0001", "Avatar", "OUTM241126", 1)))));
        assertEquals(before, model.exportState());
    }

    @Test
    void aMissingRequestIsABadRequest() {
        refused("BAD_REQUEST", apply(null));
    }
}
