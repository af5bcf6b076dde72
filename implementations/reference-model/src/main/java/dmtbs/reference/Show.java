package dmtbs.reference;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Comparator;

/**
 * A show, the pair (movieName, movieID), with the parts of the movieID taken apart. Its natural
 * order is the SPEC's show order: date, slot M &lt; A &lt; E, theatre, movie name. That order is total on
 * shows, so it also serves as their identity in sorted maps.
 */
record Show(String movieName, String movieID, String theatre, char slot, LocalDate date) implements Comparable<Show> {

    private static final Comparator<Show> SHOW_ORDER = Comparator.comparing(Show::date)
            .thenComparingInt(show -> Syntax.SLOTS.indexOf(show.slot()))
            .thenComparing(Show::theatre)
            .thenComparing(Show::movieName);

    /** The show, or null if the movie name or the movieID ({@code ATWE241126}) is malformed. */
    static Show parse(String movieID, String movieName) {
        if (!Syntax.isMovie(movieName) || movieID == null || movieID.length() != 10) return null;
        String theatre = movieID.substring(0, 3);
        char slot = movieID.charAt(3);
        LocalDate date = Syntax.parseDate(movieID.substring(4));
        if (!Syntax.isTheatre(theatre) || Syntax.SLOTS.indexOf(slot) < 0 || date == null) return null;
        return new Show(movieName, movieID, theatre, slot, date);
    }

    boolean isBefore(LocalDate today) {
        return date.isBefore(today);
    }

    /** The Monday of the show's ISO week (rule 4 counts per Monday-to-Sunday week). */
    LocalDate weekStart() {
        return date.minusDays(date.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue());
    }

    /** Rule 5: the same movie at the same date and slot, in another theatre. */
    boolean sameShowOtherTheatre(Show other) {
        return movieName.equals(other.movieName) && date.equals(other.date) && slot == other.slot
                && !theatre.equals(other.theatre);
    }

    /** The same movie in the same theatre: where a removed show's bookings may move (booking-rules.md §5). */
    boolean sameMovieSameTheatre(Show other) {
        return movieName.equals(other.movieName) && theatre.equals(other.theatre);
    }

    /** How results name a show: {@code <movieID> <movieName>}. */
    String text() {
        return movieID + " " + movieName;
    }

    @Override
    public int compareTo(Show other) {
        return SHOW_ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return text();
    }
}
