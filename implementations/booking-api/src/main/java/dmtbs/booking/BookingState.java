package dmtbs.booking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The implementation-neutral state of booking-rules.md §6: shows and bookings, kept sorted in canonical order,
 * so that a snapshot exported by one implementation can be imported by any other.
 */
public record BookingState(List<Show> shows, List<Booking> bookings) {

    public record Show(String movieName, String movieID, int capacity) {}

    public record Booking(String customerID, String movieName, String movieID, int seats) {}

    public static final BookingState EMPTY = new BookingState(List.of(), List.of());

    private static final Comparator<Show> SHOW_ORDER =
            Comparator.comparing(Show::movieName).thenComparing(Show::movieID);
    private static final Comparator<Booking> BOOKING_ORDER = Comparator.comparing(Booking::customerID)
            .thenComparing(Booking::movieName).thenComparing(Booking::movieID);

    /**
     * Sorts into canonical order and checks the invariants every state satisfies: unique keys, seats
     * at least 1, bookings only of existing shows, booked seats within capacity.
     *
     * @throws IllegalArgumentException if the state is not one the rules can produce
     */
    public BookingState {
        List<Show> s = new ArrayList<>(shows);
        List<Booking> b = new ArrayList<>(bookings);
        s.sort(SHOW_ORDER);
        b.sort(BOOKING_ORDER);
        shows = List.copyOf(s);
        bookings = List.copyOf(b);
        validate(shows, bookings);
    }

    private static void validate(List<Show> shows, List<Booking> bookings) {
        java.util.Map<String, Integer> capacity = new java.util.HashMap<>();
        for (Show show : shows) {
            if (capacity.put(show.movieName() + "\t" + show.movieID(), show.capacity()) != null)
                throw new IllegalArgumentException("duplicate show " + show);
            if (show.capacity() < 1) throw new IllegalArgumentException("capacity below 1: " + show);
        }
        Set<String> seen = new HashSet<>();
        java.util.Map<String, Integer> booked = new java.util.HashMap<>();
        for (Booking booking : bookings) {
            String show = booking.movieName() + "\t" + booking.movieID();
            if (!seen.add(booking.customerID() + "\t" + show))
                throw new IllegalArgumentException("duplicate booking " + booking);
            if (booking.seats() < 1) throw new IllegalArgumentException("seats below 1: " + booking);
            Integer cap = capacity.get(show);
            if (cap == null) throw new IllegalArgumentException("booking of a missing show: " + booking);
            if (booked.merge(show, booking.seats(), Integer::sum) > cap)
                throw new IllegalArgumentException("overbooked show " + show);
        }
    }

    /** The canonical text of booking-rules.md §6. */
    public String canonicalText() {
        StringBuilder sb = new StringBuilder(32 + 40 * (shows.size() + bookings.size()));
        sb.append("SHOWS\n");
        for (Show s : shows) sb.append(s.movieName()).append('\t').append(s.movieID()).append('\t').append(s.capacity()).append('\n');
        sb.append("BOOKINGS\n");
        for (Booking b : bookings) {
            sb.append(b.customerID()).append('\t').append(b.movieName()).append('\t').append(b.movieID())
                    .append('\t').append(b.seats()).append('\n');
        }
        return sb.toString();
    }

    /** SHA-256 of the UTF-8 canonical text, 64 lowercase hex digits. */
    public String digest() { return sha256Hex(canonicalText()); }

    public static String sha256Hex(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
