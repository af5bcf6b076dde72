package dmtbs.impl.sortedindex;

import dmtbs.booking.ShowId;

import java.util.NavigableMap;
import java.util.TreeMap;

/** One show and the customers holding seats of it (sorted by customer ID, the order of removal moves). */
final class Show {
    final ShowKey key;
    final ShowId id;
    final String movie;
    int capacity;
    int booked;
    final NavigableMap<String, Booking> holders = new TreeMap<>();

    Show(ShowKey key, ShowId id, String movie, int capacity) {
        this.key = key;
        this.id = id;
        this.movie = movie;
        this.capacity = capacity;
    }

    int seatsLeft() { return capacity - booked; }
}
