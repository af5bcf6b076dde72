package dmtbs.impl.eventlog;

import dmtbs.booking.Area;
import dmtbs.booking.Movies;
import dmtbs.booking.Slot;
import dmtbs.booking.UserId;

import java.time.LocalDate;
import java.util.List;

/**
 * Packs identities into numbers whose numeric order is the order booking-rules.md asks for, so that a sorted
 * map keyed by them is already a sorted view and a range of keys is a range query.
 *
 * <ul>
 *   <li>show key: {@code ((epochDay * 3 + slot) * 3 + theatre) * 3 + movie} — numeric order is show
 *       order (date, slot M&lt;A&lt;E, theatre ATW&lt;OUT&lt;VER, movie name);</li>
 *   <li>customer code: {@code theatre * 10000 + digits} — numeric order is customerID string order
 *       (every customer ID is {@code <area>C<4 digits>});</li>
 *   <li>booking key: customer-major {@code customer * SHOW_SPACE + show} (a customer's bookings are one
 *       range, in show order);</li>
 *   <li>holding key: show-major {@code show * CUSTOMER_SPACE + customer} (a show's holders are one
 *       range, in customerID order).</li>
 * </ul>
 */
final class Keys {
    /** Greater than every show key: show dates are in 2000..2099, epoch day at most 47 481, times 27. */
    static final long SHOW_SPACE = 1L << 21;
    /** Greater than every customer code (at most 2 * 10 000 + 9 999). */
    static final long CUSTOMER_SPACE = 1L << 15;
    static final int MOVIE_COUNT = 3;

    private static final int SHOWS_PER_DAY = 27;
    /** Theatres in code order; spelled out rather than trusting the enum's declaration order. */
    private static final List<Area> THEATRE_ORDER = List.of(Area.ATW, Area.OUT, Area.VER);
    /** Movie names in String order, the last tie-breaker of show order. */
    private static final List<String> MOVIE_ORDER = Movies.ALL.stream().sorted().toList();

    private Keys() {}

    /** Rank of a known movie name in show order, or -1 for a name that is not a movie. */
    static int movieRank(String movieName) {
        return movieName == null ? -1 : MOVIE_ORDER.indexOf(movieName);
    }

    static int theatreRank(Area area) { return THEATRE_ORDER.indexOf(area); }

    static long show(LocalDate date, Slot slot, Area theatre, int movieRank) {
        // Slot's declaration order is show order (M, A, E), as its Javadoc promises.
        return ((date.toEpochDay() * 3 + slot.ordinal()) * 3 + theatreRank(theatre)) * 3 + movieRank;
    }

    /** The smallest show key dated {@code date}: every show on or after it has a key at least this. */
    static long firstShowOn(LocalDate date) { return date.toEpochDay() * SHOWS_PER_DAY; }

    static int theatreOf(long showKey) { return (int) ((showKey / 3) % 3); }

    static int movieOf(long showKey) { return (int) (showKey % 3); }

    /** The same movie, date and slot in another theatre. */
    static long inTheatre(long showKey, int theatreRank) {
        return showKey + 3L * (theatreRank - theatreOf(showKey));
    }

    static int customer(UserId customerId) {
        return theatreRank(customerId.area()) * 10_000 + Integer.parseInt(customerId.text().substring(4));
    }

    static int theatreOfCustomer(int customer) { return customer / 10_000; }

    static String customerText(int customer) {
        int digits = customer % 10_000;
        return THEATRE_ORDER.get(customer / 10_000).name() + "C" + (char) ('0' + digits / 1000)
                + (char) ('0' + digits / 100 % 10) + (char) ('0' + digits / 10 % 10) + (char) ('0' + digits % 10);
    }

    static long booking(int customer, long show) { return customer * SHOW_SPACE + show; }

    static int customerOfBooking(long bookingKey) { return (int) (bookingKey / SHOW_SPACE); }

    static long showOfBooking(long bookingKey) { return bookingKey % SHOW_SPACE; }

    static long holding(long show, int customer) { return show * CUSTOMER_SPACE + customer; }

    static int customerOfHolding(long holdingKey) { return (int) (holdingKey % CUSTOMER_SPACE); }
}
