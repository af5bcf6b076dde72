package dmtbs.reference;

import dmtbs.booking.BookingMachine;
import dmtbs.booking.BookingState;
import dmtbs.booking.RefusalCode;
import dmtbs.booking.Request;
import dmtbs.booking.Result;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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
 * The booking rules of booking-rules.md read as plainly as possible, to be the oracle against which the
 * replicated implementations are checked. Clarity wins over speed: derived numbers (seats booked,
 * shows held in a week) are recomputed from the two maps below each time they are needed.
 *
 * <p>Each operation checks its refusal chain (booking-rules.md §4) top to bottom; a refused request leaves the
 * state as it was. Not thread-safe: a replica applies one request at a time.
 */
public final class ReferenceModel implements BookingMachine {

    /** Every show and its capacity, in show order. */
    private TreeMap<Show, Integer> capacities = new TreeMap<>();

    /** customerID (string order) to the shows they hold (show order) and the seats of each, always at least 1. */
    private TreeMap<String, TreeMap<Show, Integer>> bookings = new TreeMap<>();

    @Override
    public String name() {
        return "reference";
    }

    /** {@code today} is the business date the sequencer stamped; a missing request is a BAD_REQUEST. */
    @Override
    public Result apply(Request request, LocalDate today) {
        Objects.requireNonNull(today, "business date");
        if (request instanceof Request.AddMovieSlots r) return add(r, today);
        if (request instanceof Request.RemoveMovieSlots r) return remove(r, today);
        if (request instanceof Request.ListMovieShowsAvailability r) return list(r, today);
        if (request instanceof Request.BookMovieTickets r) return book(r, today);
        if (request instanceof Request.GetBookingSchedule r) return schedule(r);
        if (request instanceof Request.CancelMovieTickets r) return cancel(r, today);
        if (request instanceof Request.ExchangeTickets r) return exchange(r, today);
        return refused(BAD_REQUEST, "no request");   // only null gets here: Request is sealed
    }

    // ---- admin operations -------------------------------------------------------------------------

    private Result add(Request.AddMovieSlots r, LocalDate today) {
        User admin = User.parse(r.adminID());
        Show show = Show.parse(r.movieID(), r.movieName());
        if (admin == null || show == null || !Syntax.isCount(r.capacity())) return refused(BAD_REQUEST, "malformed");
        if (!admin.isAdmin() || !admin.theatre().equals(show.theatre())) return refused(NOT_AUTHORIZED, "not this theatre's admin");
        // Rule 2 holds for updates too, so a show that has become past cannot be updated.
        if (show.isBefore(today) || show.date().isAfter(today.plusDays(6))) return refused(OUTSIDE_WINDOW, "not in the coming week");
        boolean exists = capacities.containsKey(show);
        if (exists && r.capacity() < seatsBooked(show)) return refused(CAPACITY_BELOW_BOOKED, "more seats booked");
        capacities.put(show, r.capacity());
        return Result.done((exists ? "UPDATED " : "ADDED ") + show.text() + " " + r.capacity());
    }

    private Result remove(Request.RemoveMovieSlots r, LocalDate today) {
        User admin = User.parse(r.adminID());
        Show removed = Show.parse(r.movieID(), r.movieName());
        if (admin == null || removed == null) return refused(BAD_REQUEST, "malformed");
        if (!admin.isAdmin() || !admin.theatre().equals(removed.theatre())) return refused(NOT_AUTHORIZED, "not this theatre's admin");
        if (!capacities.containsKey(removed)) return refused(NO_SUCH_SHOW, "no such show");
        if (removed.isBefore(today)) return refused(PAST_SHOW, "past show");

        capacities.remove(removed);
        StringBuilder text = new StringBuilder("REMOVED ").append(removed.text());
        // §5: one customer at a time in ascending customerID order, each taking seats before the next.
        for (String customerID : List.copyOf(bookings.keySet())) {
            int seats = seatsHeld(customerID, removed);
            if (seats == 0) continue;
            takeSeats(customerID, removed, seats);
            Show target = moveTarget(removed, seats);
            if (target != null) giveSeats(customerID, target, seats);
            text.append(' ').append(customerID).append(':').append(seats).append('>')
                    .append(target == null ? "NONE" : target.movieID());
        }
        return Result.done(text.toString());
    }

    /** The earliest later show of the same movie in the same theatre with {@code seats} free; no other rule applies. */
    private Show moveTarget(Show removed, int seats) {
        for (Show later : capacities.tailMap(removed, false).keySet()) {
            if (later.sameMovieSameTheatre(removed) && seatsLeft(later) >= seats) return later;
        }
        return null;
    }

    private Result list(Request.ListMovieShowsAvailability r, LocalDate today) {
        User admin = User.parse(r.adminID());
        if (admin == null || !Syntax.isMovie(r.movieName())) return refused(BAD_REQUEST, "malformed");
        if (!admin.isAdmin()) return refused(NOT_AUTHORIZED, "admins only");
        List<Result.ShowAvailability> shows = new ArrayList<>();
        for (Show show : capacities.keySet()) {
            if (show.movieName().equals(r.movieName()) && !show.isBefore(today)) {
                shows.add(new Result.ShowAvailability(show.movieID(), show.movieName(), seatsLeft(show)));
            }
        }
        return new Result.Shows(shows);
    }

    // ---- customer operations ----------------------------------------------------------------------

    private Result book(Request.BookMovieTickets r, LocalDate today) {
        User user = User.parse(r.userID());
        User customer = User.parseCustomer(r.customerID());
        Show show = Show.parse(r.movieID(), r.movieName());
        if (user == null || customer == null || show == null || !Syntax.isCount(r.tickets())) return refused(BAD_REQUEST, "malformed");
        if (!user.mayActFor(customer)) return refused(NOT_AUTHORIZED, "not for this customer");
        RefusalCode refusal = bookingRefusal(customer, show, r.tickets(), today);
        if (refusal != null) return refused(refusal, "booking refused");
        giveSeats(customer.id(), show, r.tickets());
        return Result.done("BOOKED " + customer.id() + " " + show.text() + " " + r.tickets());
    }

    /** The book chain after authorisation, on the current state; null if booking {@code n} seats is valid. */
    private RefusalCode bookingRefusal(User customer, Show show, int n, LocalDate today) {
        if (!capacities.containsKey(show)) return NO_SUCH_SHOW;
        if (show.isBefore(today)) return PAST_SHOW;
        Map<Show, Integer> held = heldBy(customer.id());
        // Rule 5 is checked even when adding seats to a show already held.
        for (Show other : held.keySet()) {
            if (other.sameShowOtherTheatre(show)) return SAME_SHOW_OTHER_THEATRE;
        }
        if (foreignLimitReached(customer, show, held)) return FOREIGN_LIMIT;
        if (seatsLeft(show) < n) return NOT_ENOUGH_SEATS;
        return null;
    }

    /**
     * Rule 4: a new foreign show is refused when the customer already holds 3 or more distinct foreign
     * shows in its ISO week (past days included; removal moves can leave more than 3).
     */
    private static boolean foreignLimitReached(User customer, Show show, Map<Show, Integer> held) {
        if (show.theatre().equals(customer.theatre()) || held.containsKey(show)) return false;
        int foreignThisWeek = 0;
        for (Show other : held.keySet()) {
            if (!other.theatre().equals(customer.theatre()) && other.weekStart().equals(show.weekStart())) foreignThisWeek++;
        }
        return foreignThisWeek >= 3;
    }

    private Result schedule(Request.GetBookingSchedule r) {
        User user = User.parse(r.userID());
        User customer = User.parseCustomer(r.customerID());
        if (user == null || customer == null) return refused(BAD_REQUEST, "malformed");
        if (!user.mayActFor(customer)) return refused(NOT_AUTHORIZED, "not for this customer");
        List<Result.BookingEntry> entries = new ArrayList<>();
        heldBy(customer.id()).forEach((show, seats) -> entries.add(new Result.BookingEntry(show.movieID(), show.movieName(), seats)));
        return new Result.Schedule(entries);
    }

    private Result cancel(Request.CancelMovieTickets r, LocalDate today) {
        User user = User.parse(r.userID());
        User customer = User.parseCustomer(r.customerID());
        Show show = Show.parse(r.movieID(), r.movieName());
        int n = r.tickets();
        if (user == null || customer == null || show == null || !Syntax.isCount(n)) return refused(BAD_REQUEST, "malformed");
        if (!user.mayActFor(customer)) return refused(NOT_AUTHORIZED, "not for this customer");
        // A show that does not exist is simply not held: NOT_BOOKED, not NO_SUCH_SHOW.
        if (seatsHeld(customer.id(), show) < n) return refused(NOT_BOOKED, "fewer seats held");
        if (show.isBefore(today)) return refused(PAST_SHOW, "past show");
        takeSeats(customer.id(), show, n);
        return Result.done("CANCELLED " + customer.id() + " " + show.text() + " " + n);
    }

    private Result exchange(Request.ExchangeTickets r, LocalDate today) {
        User user = User.parse(r.userID());
        User customer = User.parseCustomer(r.customerID());
        Show old = Show.parse(r.movieID(), r.movieName());
        Show replacement = Show.parse(r.newMovieID(), r.newMovieName());
        int n = r.tickets();
        if (user == null || customer == null || old == null || replacement == null || !Syntax.isCount(n)) return refused(BAD_REQUEST, "malformed");
        if (old.equals(replacement)) return refused(BAD_REQUEST, "exchange to the same show");
        if (!user.mayActFor(customer)) return refused(NOT_AUTHORIZED, "not for this customer");
        if (seatsHeld(customer.id(), old) < n) return refused(NOT_BOOKED, "fewer seats held");
        if (old.isBefore(today)) return refused(PAST_SHOW, "past show");
        // Rule 8: the new booking is judged with the old seats (and a whole booking's rule-4/5 effects) released.
        takeSeats(customer.id(), old, n);
        RefusalCode refusal = bookingRefusal(customer, replacement, n, today);
        if (refusal != null) {
            giveSeats(customer.id(), old, n);   // both or neither: put the old seats back
            return refused(refusal, "new booking refused");
        }
        giveSeats(customer.id(), replacement, n);
        return Result.done("EXCHANGED " + customer.id() + " " + old.text() + " " + n + " > " + replacement.text());
    }

    // ---- seats ------------------------------------------------------------------------------------

    /** The customer's bookings in show order (read only). */
    private Map<Show, Integer> heldBy(String customerID) {
        TreeMap<Show, Integer> held = bookings.get(customerID);
        return held == null ? Collections.emptyMap() : Collections.unmodifiableMap(held);
    }

    private int seatsHeld(String customerID, Show show) {
        return heldBy(customerID).getOrDefault(show, 0);
    }

    private int seatsBooked(Show show) {
        int booked = 0;
        for (TreeMap<Show, Integer> held : bookings.values()) booked += held.getOrDefault(show, 0);
        return booked;
    }

    private int seatsLeft(Show show) {
        return capacities.get(show) - seatsBooked(show);
    }

    private void giveSeats(String customerID, Show show, int n) {
        bookings.computeIfAbsent(customerID, id -> new TreeMap<>()).merge(show, n, Integer::sum);
    }

    /** Takes back {@code n} seats the customer holds; a booking that reaches 0 disappears. */
    private void takeSeats(String customerID, Show show, int n) {
        TreeMap<Show, Integer> held = bookings.get(customerID);
        int left = held.get(show) - n;
        if (left > 0) {
            held.put(show, left);
        } else {
            held.remove(show);
            if (held.isEmpty()) bookings.remove(customerID);
        }
    }

    private static Result refused(RefusalCode code, String reason) {
        return Result.refused(code, reason);
    }

    // ---- state (booking-rules.md §6) -----------------------------------------------------------------------

    @Override
    public BookingState exportState() {
        List<BookingState.Show> shows = new ArrayList<>();
        capacities.forEach((show, capacity) -> shows.add(new BookingState.Show(show.movieName(), show.movieID(), capacity)));
        List<BookingState.Booking> held = new ArrayList<>();
        bookings.forEach((customerID, seatsByShow) -> seatsByShow.forEach((show, seats) ->
                held.add(new BookingState.Booking(customerID, show.movieName(), show.movieID(), seats))));
        return new BookingState(shows, held);   // the record sorts into canonical order
    }

    /**
     * Replaces the whole state. BookingState already guarantees unique keys, positive seats and no
     * overbooking; this also rejects names and IDs the rules could never have produced.
     *
     * @throws IllegalArgumentException for such a state, leaving the current state unchanged
     */
    @Override
    public void importState(BookingState state) {
        TreeMap<Show, Integer> newCapacities = new TreeMap<>();
        for (BookingState.Show s : state.shows()) newCapacities.put(parseShow(s.movieID(), s.movieName()), s.capacity());
        TreeMap<String, TreeMap<Show, Integer>> newBookings = new TreeMap<>();
        for (BookingState.Booking b : state.bookings()) {
            if (User.parseCustomer(b.customerID()) == null) throw new IllegalArgumentException("not a customer: " + b);
            newBookings.computeIfAbsent(b.customerID(), id -> new TreeMap<>()).put(parseShow(b.movieID(), b.movieName()), b.seats());
        }
        capacities = newCapacities;
        bookings = newBookings;
    }

    private static Show parseShow(String movieID, String movieName) {
        Show show = Show.parse(movieID, movieName);
        if (show == null) throw new IllegalArgumentException("not a show: " + movieName + " " + movieID);
        return show;
    }
}
