package dmtbs.impl.sortedindex;

import static dmtbs.impl.sortedindex.Checks.*;

import dmtbs.booking.Movies;
import dmtbs.booking.Request;
import dmtbs.booking.Result;
import dmtbs.booking.Result.Refused;
import dmtbs.booking.ShowId;
import dmtbs.booking.UserId;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The seven operations over one {@link SortedIndexes}. Each parses its arguments (a malformed one
 * becomes null), runs its refusal chain, and only then changes the state.
 */
final class BookingRules {

    private final SortedIndexes state;

    BookingRules(SortedIndexes state) { this.state = state; }

    SortedIndexes state() { return state; }

    // ---- admin operations ----

    Result add(Request.AddMovieSlots r, LocalDate today) {
        UserId admin = UserId.parse(r.adminID());
        ShowId id = ShowId.parse(r.movieID());
        String movie = movie(r.movieName());
        Show existing = showOrNull(id, movie);
        Refused refusal = firstRefusal(
                () -> allWellFormed(admin, id, movie),
                () -> countInRange(r.capacity()),
                () -> isAdminOf(admin, id.area()),
                () -> withinAddWindow(id.date(), today),
                () -> capacityCoversBooked(existing, r.capacity()));
        if (refusal != null) return refusal;
        String shown = id.text() + " " + movie + " " + r.capacity();
        if (existing != null) {
            existing.capacity = r.capacity();
            return Result.done("UPDATED " + shown);
        }
        state.addShow(id, movie, r.capacity());
        return Result.done("ADDED " + shown);
    }

    /** SPEC §5: holders in customer ID order, each moved whole to the next show with room, or dropped. */
    Result remove(Request.RemoveMovieSlots r, LocalDate today) {
        UserId admin = UserId.parse(r.adminID());
        ShowId id = ShowId.parse(r.movieID());
        String movie = movie(r.movieName());
        Show show = showOrNull(id, movie);
        Refused refusal = firstRefusal(
                () -> allWellFormed(admin, id, movie),
                () -> isAdminOf(admin, id.area()),
                () -> showExists(show),
                () -> notPast(id.date(), today));
        if (refusal != null) return refusal;
        List<Booking> displaced = new ArrayList<>(show.holders.values()); // ascending customer ID
        state.removeShow(show);
        StringBuilder text = new StringBuilder("REMOVED ").append(id.text()).append(' ').append(movie);
        for (Booking booking : displaced) {
            Show target = state.nextShowWithRoom(show, booking.seats);
            if (target != null) state.addSeats(booking.customer, target, booking.seats);
            text.append(' ').append(booking.customer).append(':').append(booking.seats).append('>')
                    .append(target == null ? "NONE" : target.id.text());
        }
        return Result.done(text.toString());
    }

    Result list(Request.ListMovieShowsAvailability r, LocalDate today) {
        UserId admin = UserId.parse(r.adminID());
        String movie = movie(r.movieName());
        Refused refusal = firstRefusal(
                () -> allWellFormed(admin, movie),
                () -> isAdmin(admin));
        if (refusal != null) return refusal;
        List<Result.ShowAvailability> shows = new ArrayList<>();
        for (Show show : state.showsOfMovieFrom(movie, today)) {
            shows.add(new Result.ShowAvailability(show.id.text(), show.movie, show.seatsLeft()));
        }
        return new Result.Shows(shows);
    }

    // ---- customer operations ----

    Result book(Request.BookMovieTickets r, LocalDate today) {
        UserId user = UserId.parse(r.userID());
        UserId customer = customer(r.customerID());
        ShowId id = ShowId.parse(r.movieID());
        String movie = movie(r.movieName());
        Show show = showOrNull(id, movie);
        Refused refusal = firstRefusal(
                () -> allWellFormed(user, customer, id, movie),
                () -> countInRange(r.tickets()),
                () -> mayActFor(user, customer),
                () -> bookingRefusal(customer, id, show, r.tickets(), today, Release.NONE));
        if (refusal != null) return refusal;
        state.addSeats(customer.text(), show, r.tickets());
        return Result.done("BOOKED " + customer + " " + id.text() + " " + movie + " " + r.tickets());
    }

    Result schedule(Request.GetBookingSchedule r) {
        UserId user = UserId.parse(r.userID());
        UserId customer = customer(r.customerID());
        Refused refusal = firstRefusal(
                () -> allWellFormed(user, customer),
                () -> mayActFor(user, customer));
        if (refusal != null) return refusal;
        List<Result.BookingEntry> entries = new ArrayList<>();
        for (Booking booking : state.bookingsOf(customer.text())) {
            entries.add(new Result.BookingEntry(booking.show.id.text(), booking.show.movie, booking.seats));
        }
        return new Result.Schedule(entries);
    }

    Result cancel(Request.CancelMovieTickets r, LocalDate today) {
        UserId user = UserId.parse(r.userID());
        UserId customer = customer(r.customerID());
        ShowId id = ShowId.parse(r.movieID());
        String movie = movie(r.movieName());
        Booking booking = bookingOrNull(customer, id, movie);
        Refused refusal = firstRefusal(
                () -> allWellFormed(user, customer, id, movie),
                () -> countInRange(r.tickets()),
                () -> mayActFor(user, customer),
                () -> holdsAtLeast(booking, r.tickets()), // also covers a show that does not exist
                () -> notPast(id.date(), today));
        if (refusal != null) return refusal;
        state.releaseSeats(booking, r.tickets());
        return Result.done("CANCELLED " + customer + " " + id.text() + " " + movie + " " + r.tickets());
    }

    /**
     * Atomic because every check runs first, judging the new show as if the old seats were already
     * released ({@link Release}); the two mutations after that cannot fail.
     */
    Result exchange(Request.ExchangeTickets r, LocalDate today) {
        UserId user = UserId.parse(r.userID());
        UserId customer = customer(r.customerID());
        ShowId oldId = ShowId.parse(r.movieID());
        String oldMovie = movie(r.movieName());
        ShowId newId = ShowId.parse(r.newMovieID());
        String newMovie = movie(r.newMovieName());
        Booking oldBooking = bookingOrNull(customer, oldId, oldMovie);
        Show newShow = showOrNull(newId, newMovie);
        int n = r.tickets();
        Refused refusal = firstRefusal(
                () -> allWellFormed(user, customer, oldId, oldMovie, newId, newMovie),
                () -> countInRange(n),
                () -> differentShows(ShowKey.of(oldId, oldMovie), ShowKey.of(newId, newMovie)),
                () -> mayActFor(user, customer),
                () -> holdsAtLeast(oldBooking, n),
                () -> notPast(oldId.date(), today),
                () -> bookingRefusal(customer, newId, newShow, n, today, new Release(oldBooking, n)));
        if (refusal != null) return refusal;
        state.releaseSeats(oldBooking, n);
        state.addSeats(customer.text(), newShow, n);
        return Result.done("EXCHANGED " + customer + " " + oldId.text() + " " + oldMovie + " " + n
                + " > " + newId.text() + " " + newMovie);
    }

    /** The book chain after the request checks: NO_SUCH_SHOW → PAST_SHOW → rule 5 → rule 4 → seats. */
    private Refused bookingRefusal(UserId customer, ShowId id, Show show, int n, LocalDate today, Release release) {
        return firstRefusal(
                () -> showExists(show),
                () -> notPast(id.date(), today),
                () -> noSameShowOtherTheatre(state, customer, show, release),
                () -> underForeignLimit(state, customer, show, release),
                () -> enoughSeats(show, n));
    }

    // ---- parsing and lookups that tolerate malformed arguments (null in, null out) ----

    private static String movie(String name) { return Movies.isValid(name) ? name : null; }

    /** A customer argument must be a customer's ID; an admin's ID there is malformed. */
    private static UserId customer(String text) {
        UserId id = UserId.parse(text);
        return id != null && id.isCustomer() ? id : null;
    }

    private Show showOrNull(ShowId id, String movie) {
        return id == null || movie == null ? null : state.show(ShowKey.of(id, movie));
    }

    private Booking bookingOrNull(UserId customer, ShowId id, String movie) {
        return customer == null || id == null || movie == null ? null
                : state.booking(customer.text(), ShowKey.of(id, movie));
    }
}
