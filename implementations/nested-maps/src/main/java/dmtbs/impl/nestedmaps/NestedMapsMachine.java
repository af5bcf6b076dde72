package dmtbs.impl.nestedmaps;

import dmtbs.booking.Area;
import dmtbs.booking.BookingMachine;
import dmtbs.booking.BookingState;
import dmtbs.booking.Limits;
import dmtbs.booking.Movies;
import dmtbs.booking.RefusalCode;
import dmtbs.booking.Request;
import dmtbs.booking.Result;
import dmtbs.booking.ShowId;
import dmtbs.booking.UserId;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

/**
 * The DMTBS booking rules (booking-rules.md) on nested hash maps, in the shape of the classic theatre server.
 *
 * <h2>Data structures</h2>
 * <ul>
 *   <li>{@link ShowDirectory}: theatre -> movie -> movieID -> {@link ShowRecord} (capacity, seats booked,
 *       customerID -> holder), plus per movie a {@link MovieCalendar}: epoch day -> the at most 9 shows of
 *       that movie on that day. Nothing is kept sorted; order is made on demand with
 *       {@link ShowOrder#COMPARATOR}, only over what an operation returns or touches.</li>
 *   <li>customerID -> {@link CustomerRecord}: the shows the customer holds with their seats, and the number
 *       of distinct foreign shows held per ISO week (keyed by the week's Monday), maintained on every seat
 *       change so rule 4 is a single lookup.</li>
 * </ul>
 *
 * <h2>How each rule is checked</h2>
 * Each operation first runs its refusal chain as explicit early returns in SPEC §4 precedence order
 * (all BAD_REQUEST checks, then NOT_AUTHORIZED, then the state-dependent codes), and only then mutates.
 * Window and past checks compare epoch days. Rule 5 looks at the calendar bucket of the show's day (the same
 * movie at the same slot in the other theatres) and asks whether the customer holds one of those. Rule 4 is
 * the per-week foreign counter. Seats left is capacity minus the running total. A list walks the movie's
 * calendar from today (or sorts its occupied days when that is cheaper) and sorts each day's few shows. A
 * removal sorts only the holders of the removed show, and finds each one's target by walking the same
 * movie's later days at the same theatre.
 *
 * <h2>Atomicity of exchange</h2>
 * Validate-then-commit: the whole chain for the new show is evaluated on the unchanged state, with the old
 * show treated as released when all of its seats go (it then neither counts for rule 4 nor conflicts under
 * rule 5; released seats never matter for the new show's seats since the shows differ). Only when every
 * check has passed are the seats moved, by two mutations that cannot fail, so either both happen or neither.
 *
 * <h2>Interpretations chosen where booking-rules.md left room</h2>
 * <ul>
 *   <li>Exchange frees a rule-4 slot and clears a rule-5 conflict only when it gives back the <em>whole</em> old
 *       booking; after a partial release the old show is still held, so it still counts and conflicts.</li>
 *   <li>Removal: "enough free seats" is judged when that customer's turn comes (earlier moves already
 *       taken); the target may lie in any later week, outside the add window. Only the same movie at the same
 *       theatre strictly after the removed show in show order is considered.</li>
 *   <li>A null request or business date is refused as BAD_REQUEST (null strings inside a request are
 *       malformed arguments anyway); an imported state with malformed IDs or names is rejected.</li>
 * </ul>
 *
 * <h2>Concurrency</h2>
 * One intrinsic monitor: every method that reads or writes the state is {@code synchronized}, so the machine
 * may also serve concurrent callers; each request is applied as one indivisible step. Import builds the new
 * structures aside and swaps them in under the monitor, so a failed import leaves the old state intact.
 */
public final class NestedMapsMachine implements BookingMachine {

    /** Shows may be added or updated for dates in [today, today + ADD_WINDOW_DAYS] (rule 2). */
    private static final int ADD_WINDOW_DAYS = 6;
    /** A new foreign show is refused once the customer holds this many in its ISO week (rule 4). */
    private static final int FOREIGN_SHOWS_PER_WEEK = 3;

    private ShowDirectory shows = new ShowDirectory();
    private Map<String, CustomerRecord> customers = new HashMap<>();

    public NestedMapsMachine() {}

    @Override public String name() { return "nested-maps"; }

    @Override
    public synchronized Result apply(Request request, LocalDate businessDate) {
        // Interpretation: a missing request or date is malformed input, refused rather than thrown.
        if (request == null || businessDate == null) return refuse(BAD_REQUEST, "missing request or business date");
        long today = businessDate.toEpochDay();
        // Java 17: no pattern matching in switch yet, so an instanceof chain over the sealed Request type.
        if (request instanceof Request.AddMovieSlots r) return addMovieSlots(r, today);
        if (request instanceof Request.RemoveMovieSlots r) return removeMovieSlots(r, today);
        if (request instanceof Request.ListMovieShowsAvailability r) return listMovieShowsAvailability(r, today);
        if (request instanceof Request.BookMovieTickets r) return bookMovieTickets(r, today);
        if (request instanceof Request.GetBookingSchedule r) return getBookingSchedule(r);
        if (request instanceof Request.CancelMovieTickets r) return cancelMovieTickets(r, today);
        if (request instanceof Request.ExchangeTickets r) return exchangeTickets(r, today);
        return refuse(BAD_REQUEST, "unknown request type");
    }

    // ---- admin operations ----

    private Result addMovieSlots(Request.AddMovieSlots r, long today) {
        UserId admin = UserId.parse(r.adminID());
        ShowId id = ShowId.parse(r.movieID());
        if (admin == null) return refuse(BAD_REQUEST, "malformed admin ID");
        Result.Refused bad = badShow(id, r.movieName());
        if (bad != null) return bad;
        if (!Limits.countInRange(r.capacity())) return refuse(BAD_REQUEST, "capacity out of range");
        if (!isAdminOf(admin, id.area())) return refuse(NOT_AUTHORIZED, "only an admin of " + id.area() + " may add");
        long daysAhead = id.date().toEpochDay() - today;
        // An existing show that has become past is OUTSIDE_WINDOW too (SPEC clarification).
        if (daysAhead < 0 || daysAhead > ADD_WINDOW_DAYS) return refuse(OUTSIDE_WINDOW, "date outside the coming week");
        ShowRecord show = shows.find(id, r.movieName());
        if (show != null && r.capacity() < show.booked) {
            return refuse(CAPACITY_BELOW_BOOKED, show.booked + " seats are already booked");
        }
        String what = show == null ? "ADDED " : "UPDATED ";
        if (show == null) shows.add(new ShowRecord(r.movieName(), id, r.capacity()));
        else show.capacity = r.capacity();
        return done(what + id.text() + " " + r.movieName() + " " + r.capacity());
    }

    private Result removeMovieSlots(Request.RemoveMovieSlots r, long today) {
        UserId admin = UserId.parse(r.adminID());
        ShowId id = ShowId.parse(r.movieID());
        if (admin == null) return refuse(BAD_REQUEST, "malformed admin ID");
        Result.Refused bad = badShow(id, r.movieName());
        if (bad != null) return bad;
        if (!isAdminOf(admin, id.area())) return refuse(NOT_AUTHORIZED, "only an admin of " + id.area() + " may remove");
        ShowRecord show = shows.find(id, r.movieName());
        if (show == null) return refuse(NO_SUCH_SHOW, "no such show");
        if (show.isBefore(today)) return refuse(PAST_SHOW, "the show is past");
        return done(removeAndMoveBookings(show));
    }

    /**
     * SPEC §5: holders in ascending customerID order, each moving all seats to the earliest later show of the
     * same movie and theatre that has room at that moment (earlier holders' moves already counted); no
     * other rule is checked for a move.
     */
    private String removeAndMoveBookings(ShowRecord removed) {
        shows.remove(removed);
        ShowDirectory.RemovalTargets targets = shows.removalTargets(removed);
        List<String> holderIds = new ArrayList<>(removed.holders.keySet());
        Collections.sort(holderIds);
        StringBuilder text = new StringBuilder("REMOVED ").append(removed.movieID()).append(' ').append(removed.movieName);
        for (String customerID : holderIds) {
            CustomerRecord customer = customers.get(customerID);
            int seats = customer.seatsOf(removed);
            customer.releaseSeats(removed, seats);
            ShowRecord target = targets.firstWithSeatsLeft(seats);
            if (target != null) customer.addSeats(target, seats);
            else forgetIfEmpty(customer);
            text.append(' ').append(customerID).append(':').append(seats).append('>')
                    .append(target == null ? "NONE" : target.movieID());
        }
        return text.toString();
    }

    private Result listMovieShowsAvailability(Request.ListMovieShowsAvailability r, long today) {
        UserId admin = UserId.parse(r.adminID());
        if (admin == null) return refuse(BAD_REQUEST, "malformed admin ID");
        if (!Movies.isValid(r.movieName())) return refuse(BAD_REQUEST, "unknown movie");
        if (!admin.isAdmin()) return refuse(NOT_AUTHORIZED, "only admins may list");
        List<Result.ShowAvailability> list = new ArrayList<>();
        for (ShowRecord show : shows.showsFrom(r.movieName(), today)) {
            list.add(new Result.ShowAvailability(show.movieID(), show.movieName, show.seatsLeft()));
        }
        return new Result.Shows(list);
    }

    // ---- customer operations ----

    private Result getBookingSchedule(Request.GetBookingSchedule r) {
        UserId user = UserId.parse(r.userID());
        UserId customerId = UserId.parse(r.customerID());
        Result.Refused refused = badParties(user, customerId);
        if (refused == null) refused = notAuthorizedFor(user, customerId);
        if (refused != null) return refused;
        CustomerRecord customer = customers.get(customerId.text());
        if (customer == null) return new Result.Schedule(List.of());
        List<ShowRecord> held = new ArrayList<>(customer.heldShows());
        held.sort(ShowOrder.COMPARATOR);
        List<Result.BookingEntry> entries = new ArrayList<>(held.size());
        for (ShowRecord show : held) {
            entries.add(new Result.BookingEntry(show.movieID(), show.movieName, customer.seatsOf(show)));
        }
        return new Result.Schedule(entries);
    }

    private Result bookMovieTickets(Request.BookMovieTickets r, long today) {
        return changeSeats(r.userID(), r.customerID(), r.movieID(), r.movieName(), r.tickets(), "BOOKED ",
                (customer, show, n) -> bookingRefusal(customer, show, n, today, null),
                (customer, show, n) -> {
                    customers.putIfAbsent(customer.customerID, customer);
                    customer.addSeats(show, n);
                });
    }

    private Result cancelMovieTickets(Request.CancelMovieTickets r, long today) {
        return changeSeats(r.userID(), r.customerID(), r.movieID(), r.movieName(), r.tickets(), "CANCELLED ",
                (customer, show, n) -> releaseRefusal(customer, show, n, today),
                (customer, show, n) -> {
                    customer.releaseSeats(show, n);
                    forgetIfEmpty(customer);
                });
    }

    private interface SeatCheck {
        Result.Refused refusal(CustomerRecord customer, ShowRecord show, int n);
    }

    private interface SeatChange {
        void apply(CustomerRecord customer, ShowRecord show, int n);
    }

    /** Book and cancel alike: validate, find, check, then change the seats. */
    private Result changeSeats(String userID, String customerID, String movieID, String movieName, int n, String verb,
                               SeatCheck check, SeatChange change) {
        UserId user = UserId.parse(userID);
        UserId customerId = UserId.parse(customerID);
        ShowId id = ShowId.parse(movieID);
        Result.Refused refused = badTicketRequest(user, customerId, id, movieName, n);
        if (refused != null) return refused;
        CustomerRecord customer = customerOrBlank(customerId);
        ShowRecord show = shows.find(id, movieName);
        refused = check.refusal(customer, show, n);
        if (refused != null) return refused;
        change.apply(customer, show, n);
        return done(verb + customer.customerID + " " + id.text() + " " + movieName + " " + n);
    }

    private Result exchangeTickets(Request.ExchangeTickets r, long today) {
        UserId user = UserId.parse(r.userID());
        UserId customerId = UserId.parse(r.customerID());
        ShowId oldId = ShowId.parse(r.movieID());
        ShowId newId = ShowId.parse(r.newMovieID());
        Result.Refused refused = badParties(user, customerId);
        if (refused == null) refused = badShow(oldId, r.movieName());
        if (refused == null) refused = badShow(newId, r.newMovieName());
        if (refused == null) refused = badCount(r.tickets());
        if (refused == null && oldId.text().equals(newId.text()) && r.movieName().equals(r.newMovieName())) {
            refused = refuse(BAD_REQUEST, "exchange to the very same show"); // even when nothing is held
        }
        if (refused == null) refused = notAuthorizedFor(user, customerId);
        if (refused != null) return refused;

        CustomerRecord customer = customerOrBlank(customerId);
        ShowRecord oldShow = shows.find(oldId, r.movieName());
        int n = r.tickets();
        refused = releaseRefusal(customer, oldShow, n, today);
        if (refused != null) return refused;
        ShowRecord newShow = shows.find(newId, r.newMovieName());
        // Rule 8: the new booking is judged as if the old seats were already given back.
        ShowRecord releasedWhole = customer.seatsOf(oldShow) == n ? oldShow : null;
        refused = bookingRefusal(customer, newShow, n, today, releasedWhole);
        if (refused != null) return refused;
        // Every check passed: the two mutations below cannot fail. Add first so the record never looks empty.
        customer.addSeats(newShow, n);
        customer.releaseSeats(oldShow, n);
        return done("EXCHANGED " + customer.customerID + " " + oldId.text() + " " + r.movieName() + " " + n
                + " > " + newId.text() + " " + r.newMovieName());
    }

    // ---- refusal chains shared by operations ----

    /** BAD_REQUEST then NOT_AUTHORIZED for book and cancel. */
    private static Result.Refused badTicketRequest(UserId user, UserId customer, ShowId id, String movieName, int n) {
        Result.Refused refused = badParties(user, customer);
        if (refused == null) refused = badShow(id, movieName);
        if (refused == null) refused = badCount(n);
        if (refused == null) refused = notAuthorizedFor(user, customer);
        return refused;
    }

    /** Cancel's chain after authorization, also exchange's for the old show: NOT_BOOKED then PAST_SHOW. */
    private static Result.Refused releaseRefusal(CustomerRecord customer, ShowRecord show, int n, long today) {
        // A show that does not exist is simply not held: NOT_BOOKED (SPEC clarification).
        if (customer.seatsOf(show) < n) return refuse(NOT_BOOKED, "fewer than " + n + " seats held");
        if (show.isBefore(today)) return refuse(PAST_SHOW, "the show is past");
        return null;
    }

    /**
     * The book chain after authorization: NO_SUCH_SHOW, PAST_SHOW, rule 5, rule 4, seats. {@code releasedWhole}
     * is a show whose whole booking an exchange gives back first, so it neither conflicts nor counts; null
     * for a plain booking.
     */
    private Result.Refused bookingRefusal(CustomerRecord customer, ShowRecord show, int n, long today,
                                          ShowRecord releasedWhole) {
        if (show == null) return refuse(NO_SUCH_SHOW, "no such show");
        if (show.isBefore(today)) return refuse(PAST_SHOW, "the show is past");
        // Rule 5 holds also when adding seats to a show already held (SPEC clarification).
        for (ShowRecord other : shows.sameSlotInOtherTheatres(show)) {
            if (other != releasedWhole && customer.holds(other)) {
                return refuse(SAME_SHOW_OTHER_THEATRE, "already holds " + other);
            }
        }
        if (customer.isForeign(show) && !customer.holds(show)
                && foreignShowsAfterRelease(customer, show.week, releasedWhole) >= FOREIGN_SHOWS_PER_WEEK) {
            return refuse(FOREIGN_LIMIT, "already " + FOREIGN_SHOWS_PER_WEEK + " or more foreign shows that week");
        }
        if (show.seatsLeft() < n) return refuse(NOT_ENOUGH_SEATS, show.seatsLeft() + " seats left");
        return null;
    }

    private static int foreignShowsAfterRelease(CustomerRecord customer, int week, ShowRecord releasedWhole) {
        int count = customer.foreignShowsInWeek(week);
        boolean frees = releasedWhole != null && customer.isForeign(releasedWhole) && releasedWhole.week == week;
        return frees ? count - 1 : count;
    }

    private static Result.Refused badParties(UserId user, UserId customer) {
        if (user == null) return refuse(BAD_REQUEST, "malformed user ID");
        if (customer == null || !customer.isCustomer()) return refuse(BAD_REQUEST, "customerID is not a customer's ID");
        return null;
    }

    private static Result.Refused badShow(ShowId id, String movieName) {
        if (id == null) return refuse(BAD_REQUEST, "malformed movieID");
        if (!Movies.isValid(movieName)) return refuse(BAD_REQUEST, "unknown movie");
        return null;
    }

    private static Result.Refused badCount(int n) {
        return Limits.countInRange(n) ? null : refuse(BAD_REQUEST, "ticket count out of range");
    }

    /** Admins act for any customer anywhere; a customer only for themself. */
    private static Result.Refused notAuthorizedFor(UserId user, UserId customer) {
        if (user.isAdmin() || user.text().equals(customer.text())) return null;
        return refuse(NOT_AUTHORIZED, "a customer may act only for themself");
    }

    private static boolean isAdminOf(UserId user, Area theatre) { return user.isAdmin() && user.area() == theatre; }

    // ---- customer records ----

    /** The customer's record, or an empty unregistered one (registered only when a booking is made). */
    private CustomerRecord customerOrBlank(UserId customerId) {
        CustomerRecord customer = customers.get(customerId.text());
        return customer != null ? customer : new CustomerRecord(customerId.text(), customerId.area());
    }

    private void forgetIfEmpty(CustomerRecord customer) {
        if (customer.holdsNothing()) customers.remove(customer.customerID);
    }

    private static Result.Refused refuse(RefusalCode code, String reason) { return new Result.Refused(code, reason); }

    private static Result done(String text) { return new Result.Done(text); }

    // ---- state ----

    @Override
    public synchronized BookingState exportState() {
        List<BookingState.Show> showList = new ArrayList<>();
        List<BookingState.Booking> bookingList = new ArrayList<>();
        shows.forEach(show -> {
            showList.add(new BookingState.Show(show.movieName, show.movieID(), show.capacity));
            show.holders.values().forEach(customer -> bookingList.add(new BookingState.Booking(
                    customer.customerID, show.movieName, show.movieID(), customer.seatsOf(show))));
        });
        return new BookingState(showList, bookingList); // the constructor sorts canonically
    }

    /**
     * Replaces the state. IDs and names are checked (BookingState checks only the invariants): a state no
     * correct replica can produce is rejected with IllegalArgumentException and the old state is kept.
     */
    @Override
    public synchronized void importState(BookingState state) {
        Objects.requireNonNull(state, "state");
        ShowDirectory newShows = new ShowDirectory();
        Map<String, CustomerRecord> newCustomers = new HashMap<>();
        for (BookingState.Show s : state.shows()) {
            ShowId id = ShowId.parse(s.movieID());
            if (id == null || !Movies.isValid(s.movieName())) throw new IllegalArgumentException("malformed show " + s);
            newShows.add(new ShowRecord(s.movieName(), id, s.capacity()));
        }
        for (BookingState.Booking b : state.bookings()) {
            UserId customerId = UserId.parse(b.customerID());
            if (customerId == null || !customerId.isCustomer()) throw new IllegalArgumentException("malformed customer " + b);
            ShowRecord show = newShows.find(ShowId.parse(b.movieID()), b.movieName());
            newCustomers.computeIfAbsent(customerId.text(), c -> new CustomerRecord(c, customerId.area()))
                    .addSeats(show, b.seats());
        }
        shows = newShows;
        customers = newCustomers;
    }
}
