package dmtbs.impl.eventlog;

import dmtbs.impl.eventlog.DomainEvent.CapacitySet;
import dmtbs.impl.eventlog.DomainEvent.SeatsReturned;
import dmtbs.impl.eventlog.DomainEvent.SeatsTaken;
import dmtbs.impl.eventlog.DomainEvent.ShowCreated;
import dmtbs.impl.eventlog.DomainEvent.ShowDeleted;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The read-model views that commands are validated against, and {@link #project}, the one method that
 * changes them. Every view is keyed by packed numbers ({@link Keys}), so sorted views come out in SPEC
 * order and each query is a point look-up or a key range.
 *
 * <p>Not thread-safe: {@link #project} is called by the single writer only (see {@link EventJournal}).
 */
final class ReadModel {

    /** One show's row. Its mutable counters are changed by {@link ReadModel#project} only. */
    static final class ShowRow {
        private final long key;
        private final String movieID;
        private final String movieName;
        private int capacity;
        private int booked;

        private ShowRow(long key, String movieID, String movieName, int capacity) {
            this.key = key;
            this.movieID = movieID;
            this.movieName = movieName;
            this.capacity = capacity;
        }

        long key() { return key; }

        String movieID() { return movieID; }

        String movieName() { return movieName; }

        int capacity() { return capacity; }

        int booked() { return booked; }

        int free() { return capacity - booked; }
    }

    /** show key → row, for point look-ups. */
    private final Map<Long, ShowRow> showsByKey = new HashMap<>();
    /** One map per movie rank, show key → row: the list operation and removal's search for the next show. */
    private final List<NavigableMap<Long, ShowRow>> showsByMovie = new ArrayList<>();
    /** booking key (customer-major) → seats ≥ 1: schedules and rule 4/5 look-ups. */
    private final NavigableMap<Long, Integer> seatsByBooking = new TreeMap<>();
    /** holding keys (show-major): who holds a show, in customerID order, for removal. */
    private final NavigableSet<Long> holdings = new TreeSet<>();

    ReadModel() {
        for (int movie = 0; movie < Keys.MOVIE_COUNT; movie++) showsByMovie.add(new TreeMap<>());
    }

    // ---------------------------------------------------------------- queries

    /** The show with this key, or null. */
    ShowRow show(long key) { return showsByKey.get(key); }

    /** Seats the customer holds of the show; 0 when none. */
    int seats(int customer, long show) {
        Integer seats = seatsByBooking.get(Keys.booking(customer, show));
        return seats == null ? 0 : seats;
    }

    /** Shows of one movie with keys at least {@code fromShow}, in show order. */
    Collection<ShowRow> showsOfMovieFrom(int movie, long fromShow) {
        return Collections.unmodifiableCollection(showsByMovie.get(movie).tailMap(fromShow, true).values());
    }

    /** Shows of one movie strictly after {@code show}, in show order. */
    Collection<ShowRow> showsOfMovieAfter(int movie, long show) {
        return Collections.unmodifiableCollection(showsByMovie.get(movie).tailMap(show, false).values());
    }

    /** The customer's bookings with show keys in [fromShow, toShow), booking key → seats, in show order. */
    NavigableMap<Long, Integer> bookingsOf(int customer, long fromShow, long toShow) {
        return Collections.unmodifiableNavigableMap(
                seatsByBooking.subMap(Keys.booking(customer, fromShow), true, Keys.booking(customer, toShow), false));
    }

    /** All of the customer's bookings, booking key → seats, in show order. */
    NavigableMap<Long, Integer> bookingsOf(int customer) { return bookingsOf(customer, 0, Keys.SHOW_SPACE); }

    /** Codes of the customers holding the show, ascending (= customerID order). */
    List<Integer> holdersOf(long show) {
        List<Integer> holders = new ArrayList<>();
        for (long holding : holdings.subSet(Keys.holding(show, 0), Keys.holding(show + 1, 0))) {
            holders.add(Keys.customerOfHolding(holding));
        }
        return holders;
    }

    Collection<ShowRow> allShows() { return Collections.unmodifiableCollection(showsByKey.values()); }

    NavigableMap<Long, Integer> allBookings() { return Collections.unmodifiableNavigableMap(seatsByBooking); }

    // ---------------------------------------------------------------- the projector

    /**
     * Folds one event into the views: the only code that mutates them. Events were decided against
     * these very views, so a failed consistency check here is a bug, reported loudly rather than
     * silently corrupting the state.
     */
    void project(DomainEvent event) {
        if (event instanceof ShowCreated e) {
            require(!showsByKey.containsKey(e.show()), "show exists", e);
            ShowRow row = new ShowRow(e.show(), e.movieID(), e.movieName(), e.capacity());
            showsByKey.put(row.key, row);
            showsByMovie.get(Keys.movieOf(row.key)).put(row.key, row);
        } else if (event instanceof CapacitySet e) {
            ShowRow row = existing(e.show(), e);
            require(e.capacity() >= row.booked, "capacity below booked", e);
            row.capacity = e.capacity();
        } else if (event instanceof ShowDeleted e) {
            ShowRow row = existing(e.show(), e);
            require(row.booked == 0, "show still has bookings", e);
            showsByKey.remove(row.key);
            showsByMovie.get(Keys.movieOf(row.key)).remove(row.key);
        } else if (event instanceof SeatsTaken e) {
            ShowRow row = existing(e.show(), e);
            require(e.seats() >= 1 && e.seats() <= row.free(), "seats out of range", e);
            seatsByBooking.merge(Keys.booking(e.customer(), e.show()), e.seats(), Integer::sum);
            holdings.add(Keys.holding(e.show(), e.customer()));
            row.booked += e.seats();
        } else if (event instanceof SeatsReturned e) {
            ShowRow row = existing(e.show(), e);
            long booking = Keys.booking(e.customer(), e.show());
            int left = seatsByBooking.getOrDefault(booking, 0) - e.seats();
            require(e.seats() >= 1 && left >= 0, "returning seats not held", e);
            if (left == 0) {
                seatsByBooking.remove(booking);
                holdings.remove(Keys.holding(e.show(), e.customer()));
            } else {
                seatsByBooking.put(booking, left);
            }
            row.booked -= e.seats();
        } else {
            throw new IllegalStateException("unknown event " + event);
        }
    }

    private ShowRow existing(long show, DomainEvent event) {
        ShowRow row = showsByKey.get(show);
        require(row != null, "no such show", event);
        return row;
    }

    private static void require(boolean condition, String what, DomainEvent event) {
        if (!condition) throw new IllegalStateException(what + ": " + event);
    }
}
