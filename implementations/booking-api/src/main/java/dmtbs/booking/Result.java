package dmtbs.booking;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of applying one request. {@link #canonical()} is what replicas are voted on:
 * two results are the same answer iff their canonical texts are equal (a refusal's free-text
 * reason is not part of it).
 */
public sealed interface Result {

    String canonical();

    default boolean isRefusal() { return this instanceof Refused; }

    /** A successful state-changing operation: one of the success strings of booking-rules.md §4. */
    record Done(String text) implements Result {
        public String canonical() { return "OK " + text; }
    }

    /** listMovieShowsAvailability: shows in show order. */
    record Shows(List<ShowAvailability> shows) implements Result {
        public Shows { shows = List.copyOf(shows); }
        public String canonical() {
            return shows.stream().map(s -> s.movieID() + " " + s.movieName() + " " + s.seatsLeft())
                    .collect(Collectors.joining(",", "SHOWS [", "]"));
        }
    }

    /** getBookingSchedule: the customer's bookings in show order. */
    record Schedule(List<BookingEntry> bookings) implements Result {
        public Schedule { bookings = List.copyOf(bookings); }
        public String canonical() {
            return bookings.stream().map(b -> b.movieID() + " " + b.movieName() + " " + b.tickets())
                    .collect(Collectors.joining(",", "SCHEDULE [", "]"));
        }
    }

    /** A rule said no. Only {@code code} is voted on. */
    record Refused(RefusalCode code, String reason) implements Result {
        public String canonical() { return "REFUSED " + code.name(); }
    }

    record ShowAvailability(String movieID, String movieName, int seatsLeft) {}

    record BookingEntry(String movieID, String movieName, int tickets) {}

    static Result refused(RefusalCode code, String reason) { return new Refused(code, reason); }

    static Result done(String text) { return new Done(text); }
}
