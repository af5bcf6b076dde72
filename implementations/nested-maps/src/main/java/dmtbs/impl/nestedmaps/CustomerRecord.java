package dmtbs.impl.nestedmaps;

import dmtbs.booking.Area;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A customer's side of the bookings: the shows held with their seats, and how many distinct foreign
 * shows are held per ISO week, kept up to date so rule 4 is one lookup instead of a scan.
 */
final class CustomerRecord {
    final String customerID;
    /** The customer's own theatre, taken from the customer ID (never from the requester). */
    final Area home;
    private final Map<ShowRecord, Integer> seatsByShow = new HashMap<>();
    /** Monday epoch day -> number of distinct shows held outside {@link #home} in that ISO week. */
    private final Map<Integer, Integer> foreignShowsByWeek = new HashMap<>();

    CustomerRecord(String customerID, Area home) {
        this.customerID = customerID;
        this.home = home;
    }

    int seatsOf(ShowRecord show) { return show == null ? 0 : seatsByShow.getOrDefault(show, 0); }

    boolean holds(ShowRecord show) { return seatsByShow.containsKey(show); }

    boolean holdsNothing() { return seatsByShow.isEmpty(); }

    Collection<ShowRecord> heldShows() { return seatsByShow.keySet(); }

    boolean isForeign(ShowRecord show) { return show.theatre() != home; }

    int foreignShowsInWeek(int week) { return foreignShowsByWeek.getOrDefault(week, 0); }

    /** Adds seats without checking any rule (callers have checked them, or a removal move needs none). */
    void addSeats(ShowRecord show, int n) {
        Integer held = seatsByShow.get(show);
        if (held == null) {
            show.holders.put(customerID, this);
            if (isForeign(show)) foreignShowsByWeek.merge(show.week, 1, Integer::sum);
            held = 0;
        }
        seatsByShow.put(show, held + n);
        show.booked += n;
    }

    /** Gives back {@code n <= seatsOf(show)} seats; a booking that reaches 0 disappears everywhere. */
    void releaseSeats(ShowRecord show, int n) {
        int left = seatsOf(show) - n;
        show.booked -= n;
        if (left > 0) {
            seatsByShow.put(show, left);
            return;
        }
        seatsByShow.remove(show);
        show.holders.remove(customerID);
        if (isForeign(show)) foreignShowsByWeek.computeIfPresent(show.week, (w, c) -> c == 1 ? null : c - 1);
    }
}
