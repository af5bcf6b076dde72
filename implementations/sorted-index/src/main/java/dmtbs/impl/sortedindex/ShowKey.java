package dmtbs.impl.sortedindex;

import dmtbs.booking.Area;
import dmtbs.booking.Movies;
import dmtbs.booking.ShowId;
import dmtbs.booking.Slot;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A show encoded as one number whose natural order is SPEC show order: date, then slot (M &lt; A &lt; E),
 * then theatre code, then movie name. Every range question ("from this date on", "in this ISO week",
 * "after this show") becomes a sub-map of a {@code NavigableMap<ShowKey, …>}.
 *
 * <p>code = ((epochDay × slots + slotRank) × theatres + theatreRank) × movies + movieRank
 */
final class ShowKey implements Comparable<ShowKey> {

    private static final List<Slot> SLOTS_IN_ORDER = List.of(Slot.values()); // declared in show order
    private static final List<Area> THEATRES_IN_ORDER =
            Arrays.stream(Area.values()).sorted(Comparator.comparing(Area::name)).toList();
    private static final List<String> MOVIES_IN_ORDER = Movies.ALL.stream().sorted().toList();
    private static final int SLOTS = SLOTS_IN_ORDER.size();
    private static final int THEATRES = THEATRES_IN_ORDER.size();
    private static final int MOVIES = MOVIES_IN_ORDER.size();

    /** Bounds below and above every real show, for ranges over "all shows". */
    static final ShowKey LOWEST = new ShowKey(Long.MIN_VALUE);
    static final ShowKey HIGHEST = new ShowKey(Long.MAX_VALUE);

    private final long code;

    private ShowKey(long code) { this.code = code; }

    /** The key of a well-formed show ID and a valid movie name. */
    static ShowKey of(ShowId id, String movie) {
        long dayAndSlot = id.date().toEpochDay() * SLOTS + SLOTS_IN_ORDER.indexOf(id.slot());
        return new ShowKey((dayAndSlot * THEATRES + THEATRES_IN_ORDER.indexOf(id.area())) * MOVIES
                + MOVIES_IN_ORDER.indexOf(movie));
    }

    /** The lowest key dated {@code date}: every show of that date or later is at or above it. */
    static ShowKey firstOn(LocalDate date) {
        return new ShowKey(date.toEpochDay() * SLOTS * THEATRES * MOVIES);
    }

    /** The same movie at the same slot and date, in another theatre (rule 5). */
    ShowKey atTheatre(Area theatre) {
        long theatreRank = (code / MOVIES) % THEATRES;
        return new ShowKey(code + (THEATRES_IN_ORDER.indexOf(theatre) - theatreRank) * MOVIES);
    }

    @Override public int compareTo(ShowKey other) { return Long.compare(code, other.code); }

    @Override public boolean equals(Object o) { return o instanceof ShowKey k && k.code == code; }

    @Override public int hashCode() { return Long.hashCode(code); }

    @Override public String toString() { return "ShowKey#" + code; }
}
