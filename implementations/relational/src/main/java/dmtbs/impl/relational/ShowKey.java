package dmtbs.impl.relational;

import dmtbs.booking.Area;
import dmtbs.booking.Movies;
import dmtbs.booking.ShowId;
import dmtbs.booking.Slot;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The primary key of SHOWS, (movie_name, movie_id), with the columns the ID encodes parsed once.
 *
 * <p>{@link #order} is the show's place in SPEC §1 show order (date, slot, theatre, movie) as one
 * number. It is unique per show, so equality and hashing use it alone, and the sorted indexes
 * range-scan on it. The ranks of theatres and movies are computed by sorting their names, never
 * taken from declaration order; slots are in show order by declaration ({@link Slot}).
 */
final class ShowKey {
    private static final List<String> MOVIES_BY_NAME = Movies.ALL.stream().sorted().toList();
    private static final List<Area> THEATRES_BY_CODE =
            Stream.of(Area.values()).sorted(Comparator.comparing(Area::name)).toList();
    private static final int SLOTS = Slot.values().length;
    private static final int THEATRES = THEATRES_BY_CODE.size();
    private static final int MOVIES = MOVIES_BY_NAME.size();
    /** Numbers of shows in one (date, slot): all theatres times all movies. */
    private static final int SHOWS_PER_SLOT = THEATRES * MOVIES;
    /** Every order fits below 2^32 (years 2000–2099), which leaves the high bits for index prefixes. */
    private static final int ORDER_BITS = 32;

    private final String movieName;
    private final ShowId id;
    private final int movieRank;
    private final int theatreRank;
    private final long order;

    private ShowKey(String movieName, ShowId id) {
        this.movieName = movieName;
        this.id = id;
        this.movieRank = movieRank(movieName);
        this.theatreRank = THEATRES_BY_CODE.indexOf(id.area());
        this.order = firstOrderOfSlot() + (long) theatreRank * MOVIES + movieRank;
    }

    /** The key of a well-formed show, or null if the ID or the movie name is malformed. */
    static ShowKey parse(String movieId, String movieName) {
        ShowId id = ShowId.parse(movieId);
        return id == null || !Movies.isValid(movieName) ? null : new ShowKey(movieName, id);
    }

    static int movieRank(String movieName) { return MOVIES_BY_NAME.indexOf(movieName); }

    String movieName() { return movieName; }

    String movieId() { return id.text(); }

    Area theatre() { return id.area(); }

    LocalDate date() { return id.date(); }

    long order() { return order; }

    boolean sameMovie(ShowKey other) { return movieRank == other.movieRank; }

    boolean isBefore(LocalDate day) { return id.date().isBefore(day); }

    /** Order of the first show of a (date, slot). */
    static long firstOrderOf(LocalDate date, Slot slot) {
        return (date.toEpochDay() * SLOTS + slot.ordinal()) * SHOWS_PER_SLOT;
    }

    /** Order of the first show on a date. */
    static long firstOrderOn(LocalDate date) { return firstOrderOf(date, Slot.values()[0]); }

    /** Order of the first show at this show's date and slot, any theatre or movie. */
    long firstOrderOfSlot() { return firstOrderOf(id.date(), id.slot()); }

    /** Order of the first show of the (date, slot) after this show's. */
    long firstOrderOfNextSlot() { return firstOrderOfSlot() + SHOWS_PER_SLOT; }

    /** Sort key of the index on (movie, show order): one movie's shows are contiguous, in show order. */
    long movieMajorOrder() { return movieMajor(movieRank, order); }

    static long movieMajor(int movieRank, long order) { return ((long) movieRank << ORDER_BITS) | order; }

    /** Sort key of the index on (movie, theatre, show order). */
    long theatreMajorOrder() { return theatreMajor(movieRank, theatreRank, order); }

    /** The first key past all shows of this movie at this theatre in the (movie, theatre) index. */
    long endOfTheatreMajor() { return theatreMajor(movieRank, theatreRank + 1, 0); }

    private static long theatreMajor(int movieRank, int theatreRank, long order) {
        return ((long) (movieRank * THEATRES + theatreRank) << ORDER_BITS) | order;
    }

    @Override public boolean equals(Object o) { return o instanceof ShowKey other && other.order == order; }

    @Override public int hashCode() { return Long.hashCode(order); }

    @Override public String toString() { return movieName + " " + id.text(); }
}
