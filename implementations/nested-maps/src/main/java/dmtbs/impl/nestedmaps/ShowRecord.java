package dmtbs.impl.nestedmaps;

import dmtbs.booking.Area;
import dmtbs.booking.ShowId;
import dmtbs.booking.Slot;

import java.time.DayOfWeek;
import java.util.HashMap;
import java.util.Map;

/**
 * One show (movieName, movieID): its capacity, the seats booked in total and who holds them.
 * Identity equality on purpose: there is exactly one record per live show, and the per-customer index
 * uses the record itself as key. Seat counts are changed only through {@link CustomerRecord}, which
 * keeps both sides of the booking consistent.
 */
final class ShowRecord {
    final String movieName;
    final ShowId id;
    /** Epoch day of the show's date: dates compare and bucket as plain ints. */
    final int day;
    /** Epoch day of the Monday of the show's ISO week: identifies that week for rule 4. */
    final int week;
    int capacity;
    int booked;
    /** customerID -> holder; the seats themselves live in the holder's record. */
    final Map<String, CustomerRecord> holders = new HashMap<>();

    ShowRecord(String movieName, ShowId id, int capacity) {
        this.movieName = movieName;
        this.id = id;
        this.day = (int) id.date().toEpochDay();
        this.week = (int) id.date().with(DayOfWeek.MONDAY).toEpochDay();
        this.capacity = capacity;
    }

    Area theatre() { return id.area(); }

    Slot slot() { return id.slot(); }

    String movieID() { return id.text(); }

    int seatsLeft() { return capacity - booked; }

    boolean isBefore(long today) { return day < today; }

    @Override public String toString() { return movieName + " " + id.text(); }
}
