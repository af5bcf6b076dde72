package dmtbs.impl.sortedindex;

import dmtbs.booking.BookingMachine;
import dmtbs.booking.BookingState;
import dmtbs.booking.Movies;
import dmtbs.booking.RefusalCode;
import dmtbs.booking.Request;
import dmtbs.booking.Result;
import dmtbs.booking.ShowId;
import dmtbs.booking.UserId;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * DMTBS booking rules over sorted, navigable indexes ("sorted-index").
 *
 * <h2>Data structures</h2>
 * Every show is encoded as a {@link ShowKey}, a number whose natural order is SPEC show order
 * (date, slot, theatre, movie). {@link SortedIndexes} keeps
 * <ul>
 *   <li>all shows in a {@code TreeMap<ShowKey, Show>};</li>
 *   <li>secondary {@code NavigableMap}s per movie (listing "from today on" is one {@code tailMap}) and per
 *       (movie, theatre) (the target of a removal move is the first show with room in a {@code tailMap}
 *       strictly after the removed key);</li>
 *   <li>bookings in a {@code TreeMap<BookingKey, Booking>} keyed by (customer, show key): a schedule is
 *       one sub-range, and a customer's shows in one ISO week are a sub-range bounded by two dates;</li>
 *   <li>per show, its holders sorted by customer ID (removal order), sharing the {@link Booking}
 *       objects of the bookings map so seats live in one place.</li>
 * </ul>
 * No operation scans the whole state; export and import do.
 *
 * <h2>Rules</h2>
 * Each operation parses its arguments with the API helpers (malformed = null), then runs its SPEC §4
 * refusal chain as a pipeline of small {@link Checks} that each return a refusal or null; the first
 * refusal wins. Rule 5 is two point lookups (same movie, slot and date at the other theatres); rule 4
 * counts the foreign bookings in the customer's ISO-week sub-range; rule 6 and the add window compare
 * the show's date with the business date; rules 1 and 3 compare against the show's running booked total.
 *
 * <h2>Exchange atomicity</h2>
 * Nothing is changed until every check has passed. The new show is judged against the state as it
 * would be after the release ({@link Release} subtracts the released seats wherever a check reads the
 * old booking), so a refused exchange has nothing to roll back; the release and the booking that
 * follow cannot fail.
 *
 * <h2>Concurrency</h2>
 * A {@link ReentrantReadWriteLock}: list, schedule, export and digest (the default, via export) take the
 * read lock and may run
 * together; every other operation and import take the write lock. Locks are released in
 * {@code finally}. Import builds the new indexes aside and swaps them in, so a rejected snapshot
 * leaves the old state intact.
 *
 * <h2>Interpretations</h2>
 * <ul>
 *   <li>A null request or business date is {@code BAD_REQUEST} (never an exception).</li>
 *   <li>n/capacity out of range and "exchange to the same show" are decided within the BAD_REQUEST
 *       stage, after the argument formats; the same-show test compares (movieName, movieID).</li>
 *   <li>A customer requester acts "for themself" when its ID text equals the customerID argument.</li>
 *   <li>Rule 4 applies only when the new show is not held after the release; exchanging into a show
 *       already held never counts against the limit.</li>
 *   <li>Removal moves consider only shows strictly after the removed one in show order, which are never
 *       past (the removed show is not past) and need not be inside the add window.</li>
 * </ul>
 */
public final class SortedIndexMachine implements BookingMachine {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private BookingRules rules = new BookingRules(new SortedIndexes());

    public SortedIndexMachine() {}

    @Override public String name() { return "sorted-index"; }

    @Override
    public Result apply(Request request, LocalDate businessDate) {
        if (request == null || businessDate == null) {
            return Result.refused(RefusalCode.BAD_REQUEST, "no request or no business date");
        }
        return locked(request.readOnly() ? lock.readLock() : lock.writeLock(), () -> dispatch(request, businessDate));
    }

    private Result dispatch(Request request, LocalDate today) {
        if (request instanceof Request.AddMovieSlots r) return rules.add(r, today);
        if (request instanceof Request.RemoveMovieSlots r) return rules.remove(r, today);
        if (request instanceof Request.ListMovieShowsAvailability r) return rules.list(r, today);
        if (request instanceof Request.BookMovieTickets r) return rules.book(r, today);
        if (request instanceof Request.GetBookingSchedule r) return rules.schedule(r);
        if (request instanceof Request.CancelMovieTickets r) return rules.cancel(r, today);
        if (request instanceof Request.ExchangeTickets r) return rules.exchange(r, today);
        return Result.refused(RefusalCode.BAD_REQUEST, "unknown operation");
    }

    @Override
    public BookingState exportState() {
        return locked(lock.readLock(), () -> {
            SortedIndexes state = rules.state();
            List<BookingState.Show> shows = new ArrayList<>();
            for (Show s : state.allShows()) shows.add(new BookingState.Show(s.movie, s.id.text(), s.capacity));
            List<BookingState.Booking> bookings = new ArrayList<>();
            for (Booking b : state.allBookings()) {
                bookings.add(new BookingState.Booking(b.customer, b.show.movie, b.show.id.text(), b.seats));
            }
            return new BookingState(shows, bookings);
        });
    }

    /**
     * Replaces the state. {@link BookingState} has already checked uniqueness, seats, existence and
     * capacity; this also requires every ID and name to be well formed.
     *
     * @throws IllegalArgumentException if the snapshot holds an ID or name the rules could not produce
     */
    @Override
    public void importState(BookingState snapshot) {
        SortedIndexes fresh = build(snapshot);
        locked(lock.writeLock(), () -> rules = new BookingRules(fresh));
    }

    private static SortedIndexes build(BookingState snapshot) {
        SortedIndexes fresh = new SortedIndexes();
        for (BookingState.Show s : snapshot.shows()) {
            ShowId id = ShowId.parse(s.movieID());
            if (id == null || !Movies.isValid(s.movieName())) throw new IllegalArgumentException("malformed show " + s);
            fresh.addShow(id, s.movieName(), s.capacity());
        }
        for (BookingState.Booking b : snapshot.bookings()) {
            UserId customer = UserId.parse(b.customerID());
            if (customer == null || !customer.isCustomer()) throw new IllegalArgumentException("malformed customer " + b);
            Show show = fresh.show(ShowKey.of(ShowId.parse(b.movieID()), b.movieName()));
            fresh.addSeats(b.customerID(), show, b.seats());
        }
        return fresh;
    }

    private static <T> T locked(Lock held, Supplier<T> action) {
        held.lock();
        try {
            return action.get();
        } finally {
            held.unlock();
        }
    }
}
