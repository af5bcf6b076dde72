package dmtbs.impl.relational;

import dmtbs.booking.Area;
import dmtbs.booking.Movies;
import dmtbs.booking.ShowId;
import dmtbs.booking.Slot;

import java.time.LocalDate;

/**
 * The primary key of SHOWS, (movie_name, movie_id), with the columns the ID encodes parsed once.
 *
 * <p>{@link #order} is the show's place in SPEC §1 show order (date, slot, theatre, movie) as one
 * number. It is unique per show, so equality and hashing use it alone, and the sorted indexes
 * range-scan on it. Slots are in show order by declaration ({@link Slot}).
 */
final class ShowKey {
    private static final int SLOTS = Slot.values().length;
    /** Number of shows in one (date, slot): all theatres times all movies. */
    private static final int SHOWS_PER_SLOT = Ranks.THEATRES * Ranks.MOVIES;
    /** Every order is below 2^21 (years 2000–2099); the bits above are free for index prefixes. */
    static final int ORDER_BITS = 21;

    private final String movieName;
    private final ShowId id;
    private final int movieRank;
    private final int theatreRank;
    private final long slotOrder;
    private final long order;

    private ShowKey(String movieName, ShowId id) {
        this.movieName = movieName;
        this.id = id;
        this.movieRank = Ranks.movie(movieName);
        this.theatreRank = Ranks.theatre(id.area());
        this.slotOrder = firstOrderOf(id.date(), id.slot());
        this.order = slotOrder + (long) theatreRank * Ranks.MOVIES + movieRank;
    }

    /** The key of a well-formed show, or null if the ID or the movie name is malformed. */
    static ShowKey parse(String movieId, String movieName) {
        ShowId id = ShowId.parse(movieId);
        return id == null || !Movies.isValid(movieName) ? null : new ShowKey(movieName, id);
    }

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
    long firstOrderOfSlot() { return slotOrder; }

    /** Order of the first show of the (date, slot) after this show's. */
    long firstOrderOfNextSlot() { return slotOrder + SHOWS_PER_SLOT; }

    /** Sort key of the index on (movie, show order): one movie's shows are contiguous, in show order. */
    long movieMajorOrder() { return movieMajor(movieRank, order); }

    static long movieMajor(int movieRank, long order) { return ((long) movieRank << ORDER_BITS) + order; }

    /** Sort key of the index on (movie, theatre, show order). */
    long theatreMajorOrder() { return theatreMajor(movieRank, theatreRank, order); }

    /** The first key past all shows of this movie at this theatre in the (movie, theatre) index. */
    long endOfTheatreMajor() { return theatreMajor(movieRank, theatreRank + 1, 0); }

    private static long theatreMajor(int movieRank, int theatreRank, long order) {
        return ((long) (movieRank * Ranks.THEATRES + theatreRank) << ORDER_BITS) + order;
    }

    @Override public boolean equals(Object o) { return o instanceof ShowKey other && other.order == order; }

    @Override public int hashCode() { return Long.hashCode(order); }

    @Override public String toString() { return movieName + " " + id.text(); }
}
