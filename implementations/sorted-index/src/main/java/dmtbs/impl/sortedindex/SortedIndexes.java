package dmtbs.impl.sortedindex;

import dmtbs.booking.Area;
import dmtbs.booking.ShowId;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The state and its sorted indexes. Every query is a point lookup or a range of a navigable map, so it
 * costs O(log n) plus the size of what it returns. The mutators keep all indexes consistent and cannot
 * fail; rules are checked before they are called.
 */
final class SortedIndexes {

    /** A (movie, theatre) pair: the scope in which removal moves a booking. */
    private record MovieAtTheatre(String movie, Area theatre) {}

    private final NavigableMap<ShowKey, Show> shows = new TreeMap<>();
    // The two secondary maps below are only looked up by key, never iterated, so hashing is harmless.
    private final Map<String, NavigableMap<ShowKey, Show>> showsByMovie = new HashMap<>();
    private final Map<MovieAtTheatre, NavigableMap<ShowKey, Show>> showsByMovieAtTheatre = new HashMap<>();
    private final NavigableMap<BookingKey, Booking> bookings = new TreeMap<>();

    // ---- shows ----

    Show show(ShowKey key) { return shows.get(key); }

    Show addShow(ShowId id, String movie, int capacity) {
        Show show = new Show(ShowKey.of(id, movie), id, movie, capacity);
        shows.put(show.key, show);
        showsByMovie.computeIfAbsent(movie, m -> new TreeMap<>()).put(show.key, show);
        showsByMovieAtTheatre.computeIfAbsent(new MovieAtTheatre(movie, id.area()), mt -> new TreeMap<>())
                .put(show.key, show);
        return show;
    }

    /** Deletes the show and every booking of it (the caller has read the holders first). */
    void removeShow(Show show) {
        shows.remove(show.key);
        showsByMovie.get(show.movie).remove(show.key);
        showsByMovieAtTheatre.get(new MovieAtTheatre(show.movie, show.id.area())).remove(show.key);
        for (String customer : show.holders.keySet()) bookings.remove(new BookingKey(customer, show.key));
        show.holders.clear();
        show.booked = 0;
    }

    /** Shows of {@code movie} dated {@code from} or later, in show order. */
    Collection<Show> showsOfMovieFrom(String movie, LocalDate from) {
        NavigableMap<ShowKey, Show> ofMovie = showsByMovie.get(movie);
        return ofMovie == null ? List.of() : ofMovie.tailMap(ShowKey.firstOn(from), true).values();
    }

    /** The earliest show of the same movie at the same theatre after {@code show} with room for {@code seats}. */
    Show nextShowWithRoom(Show show, int seats) {
        NavigableMap<ShowKey, Show> sameMovieAndTheatre =
                showsByMovieAtTheatre.get(new MovieAtTheatre(show.movie, show.id.area()));
        if (sameMovieAndTheatre == null) return null;
        for (Show later : sameMovieAndTheatre.tailMap(show.key, false).values()) {
            if (later.seatsLeft() >= seats) return later;
        }
        return null;
    }

    Collection<Show> allShows() { return shows.values(); }

    // ---- bookings ----

    Booking booking(String customer, ShowKey key) { return bookings.get(new BookingKey(customer, key)); }

    /** All of a customer's bookings, in show order. */
    Collection<Booking> bookingsOf(String customer) {
        return bookings.subMap(new BookingKey(customer, ShowKey.LOWEST), true,
                new BookingKey(customer, ShowKey.HIGHEST), true).values();
    }

    /** A customer's bookings dated in [from, until), in show order. */
    Collection<Booking> bookingsOf(String customer, LocalDate from, LocalDate until) {
        return bookings.subMap(new BookingKey(customer, ShowKey.firstOn(from)), true,
                new BookingKey(customer, ShowKey.firstOn(until)), false).values();
    }

    Collection<Booking> allBookings() { return bookings.values(); }

    /** Adds seats to the customer's booking of the show, creating it if needed. */
    void addSeats(String customer, Show show, int seats) {
        Booking booking = show.holders.get(customer);
        if (booking == null) {
            booking = new Booking(customer, show);
            show.holders.put(customer, booking);
            bookings.put(new BookingKey(customer, show.key), booking);
        }
        booking.seats += seats;
        show.booked += seats;
    }

    /** Gives back seats of a booking; a booking that reaches 0 seats disappears. */
    void releaseSeats(Booking booking, int seats) {
        booking.seats -= seats;
        booking.show.booked -= seats;
        if (booking.seats == 0) {
            booking.show.holders.remove(booking.customer);
            bookings.remove(new BookingKey(booking.customer, booking.show.key));
        }
    }
}
