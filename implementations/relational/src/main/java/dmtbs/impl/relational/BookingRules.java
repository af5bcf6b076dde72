package dmtbs.impl.relational;

import dmtbs.booking.Request;
import dmtbs.booking.Result;
import dmtbs.booking.UserId;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static dmtbs.booking.RefusalCode.BAD_REQUEST;
import static dmtbs.booking.RefusalCode.CAPACITY_BELOW_BOOKED;
import static dmtbs.booking.RefusalCode.FOREIGN_LIMIT;
import static dmtbs.booking.RefusalCode.NOT_BOOKED;
import static dmtbs.booking.RefusalCode.NOT_ENOUGH_SEATS;
import static dmtbs.booking.RefusalCode.NO_SUCH_SHOW;
import static dmtbs.booking.RefusalCode.OUTSIDE_WINDOW;
import static dmtbs.booking.RefusalCode.PAST_SHOW;
import static dmtbs.booking.RefusalCode.SAME_SHOW_OTHER_THEATRE;

/**
 * The operations of SPEC §3–5 written as queries and writes over {@link BookingDatabase}. Each
 * check throws a {@link Refusal} in the order of its operation's refusal chain; a refusal thrown
 * after a write (exchange) is undone by the caller's transaction rollback.
 */
final class BookingRules {
    /** Rule 2: shows can be added for today and the next six days. */
    private static final int ADD_WINDOW_DAYS = 7;
    /** Rule 4: distinct foreign shows a customer may hold in one ISO week. */
    private static final int FOREIGN_SHOWS_PER_WEEK = 3;

    private final BookingDatabase db;

    BookingRules(BookingDatabase db) { this.db = db; }

    /** A state-changing operation, inside {@code tx}. */
    Result execute(Request request, LocalDate today, Transaction tx) {
        if (request instanceof Request.AddMovieSlots r) return add(r, today, tx);
        if (request instanceof Request.RemoveMovieSlots r) return remove(r, today, tx);
        if (request instanceof Request.BookMovieTickets r) return book(r, today, tx);
        if (request instanceof Request.CancelMovieTickets r) return cancel(r, today, tx);
        if (request instanceof Request.ExchangeTickets r) return exchange(r, today, tx);
        throw new Refusal(BAD_REQUEST, "not a state-changing operation: " + request.operation());
    }

    /** A read-only operation; {@code guard} is called on every row read. */
    Result query(Request request, LocalDate today, ReadGuard guard) {
        if (request instanceof Request.ListMovieShowsAvailability r) return list(r, today, guard);
        if (request instanceof Request.GetBookingSchedule r) return schedule(r, guard);
        throw new Refusal(BAD_REQUEST, "not a read-only operation: " + request.operation());
    }

    // ------------------------------------------------------------------ admin operations

    private Result add(Request.AddMovieSlots r, LocalDate today, Transaction tx) {
        UserId admin = RequestChecks.user(r.adminID());
        ShowKey show = RequestChecks.show(r.movieID(), r.movieName());
        int capacity = RequestChecks.count(r.capacity());
        RequestChecks.requireAdminOf(admin, show.theatre());
        // Also for updates: a show that has become past is outside the window.
        if (show.isBefore(today) || !show.isBefore(today.plusDays(ADD_WINDOW_DAYS)))
            throw new Refusal(OUTSIDE_WINDOW, show + " is not in [" + today + ", today + 6]");
        int showRow = db.findShow(show);
        if (showRow == BookingDatabase.NO_ROW) {
            db.insertShow(tx, show, capacity);
            return done("ADDED", show.movieId(), show.movieName(), capacity);
        }
        int booked = db.show(showRow).booked();
        if (capacity < booked) throw new Refusal(CAPACITY_BELOW_BOOKED, booked + " seats are booked");
        db.setCapacity(tx, showRow, capacity);
        return done("UPDATED", show.movieId(), show.movieName(), capacity);
    }

    /** Deletes the show after moving each holder's seats, in ascending customer ID order (SPEC §5). */
    private Result remove(Request.RemoveMovieSlots r, LocalDate today, Transaction tx) {
        UserId admin = RequestChecks.user(r.adminID());
        ShowKey show = RequestChecks.show(r.movieID(), r.movieName());
        RequestChecks.requireAdminOf(admin, show.theatre());
        int showRow = requireShow(show);
        requireNotPast(show, today);
        StringBuilder text = new StringBuilder("REMOVED ").append(show.movieId()).append(' ').append(show.movieName());
        for (int bookingRow : db.bookingsOfShow(show)) {
            BookingRow booking = db.booking(bookingRow);
            db.releaseSeats(tx, bookingRow, booking.seats());
            // Looked up per customer: the previous customer's move may have filled a show.
            int target = db.firstLaterShowWithFreeSeats(show, booking.seats());
            text.append(' ').append(booking.customer().id()).append(':').append(booking.seats()).append('>');
            if (target == BookingDatabase.NO_ROW) {
                text.append("NONE");
            } else {
                db.addSeats(tx, booking.customer(), target, booking.seats());
                text.append(db.show(target).key().movieId());
            }
        }
        db.deleteShow(tx, showRow);
        return Result.done(text.toString());
    }

    private Result list(Request.ListMovieShowsAvailability r, LocalDate today, ReadGuard guard) {
        UserId admin = RequestChecks.user(r.adminID());
        String movie = RequestChecks.movie(r.movieName());
        RequestChecks.requireAdmin(admin);
        List<Result.ShowAvailability> shows = new ArrayList<>();
        for (ShowRow row : db.showsOfMovieFrom(movie, today, guard))
            shows.add(new Result.ShowAvailability(row.key().movieId(), movie, row.freeSeats()));
        return new Result.Shows(shows);
    }

    // ------------------------------------------------------------------ customer operations

    private Result book(Request.BookMovieTickets r, LocalDate today, Transaction tx) {
        UserId requester = RequestChecks.user(r.userID());
        Customer customer = RequestChecks.customer(r.customerID());
        ShowKey show = RequestChecks.show(r.movieID(), r.movieName());
        int n = RequestChecks.count(r.tickets());
        RequestChecks.requireActsFor(requester, customer);
        bookSeats(tx, customer, show, n, today);
        return done("BOOKED", customer.id(), show.movieId(), show.movieName(), n);
    }

    private Result schedule(Request.GetBookingSchedule r, ReadGuard guard) {
        UserId requester = RequestChecks.user(r.userID());
        Customer customer = RequestChecks.customer(r.customerID());
        RequestChecks.requireActsFor(requester, customer);
        List<Result.BookingEntry> entries = new ArrayList<>();
        for (BookingRow row : db.bookingsOfCustomer(customer, guard))
            entries.add(new Result.BookingEntry(row.show().movieId(), row.show().movieName(), row.seats()));
        return new Result.Schedule(entries);
    }

    private Result cancel(Request.CancelMovieTickets r, LocalDate today, Transaction tx) {
        UserId requester = RequestChecks.user(r.userID());
        Customer customer = RequestChecks.customer(r.customerID());
        ShowKey show = RequestChecks.show(r.movieID(), r.movieName());
        int n = RequestChecks.count(r.tickets());
        RequestChecks.requireActsFor(requester, customer);
        releaseHeldSeats(tx, customer, show, n, today);
        return done("CANCELLED", customer.id(), show.movieId(), show.movieName(), n);
    }

    /** Releases the old seats, then books the new ones; a refusal of the booking rolls back both. */
    private Result exchange(Request.ExchangeTickets r, LocalDate today, Transaction tx) {
        UserId requester = RequestChecks.user(r.userID());
        Customer customer = RequestChecks.customer(r.customerID());
        ShowKey oldShow = RequestChecks.show(r.movieID(), r.movieName());
        ShowKey newShow = RequestChecks.show(r.newMovieID(), r.newMovieName());
        int n = RequestChecks.count(r.tickets());
        if (oldShow.equals(newShow)) throw new Refusal(BAD_REQUEST, "exchange to the same show " + oldShow);
        RequestChecks.requireActsFor(requester, customer);
        releaseHeldSeats(tx, customer, oldShow, n, today);
        bookSeats(tx, customer, newShow, n, today);
        return done("EXCHANGED", customer.id(), oldShow.movieId(), oldShow.movieName(), n, ">",
                newShow.movieId(), newShow.movieName());
    }

    // ------------------------------------------------------------------ shared chains

    /** The book chain after authorisation: NO_SUCH_SHOW, PAST_SHOW, rule 5, rule 4, seats. */
    private void bookSeats(Transaction tx, Customer customer, ShowKey show, int n, LocalDate today) {
        int showRow = requireShow(show);
        requireNotPast(show, today);
        if (db.holdsSameShowInOtherTheatre(customer, show))
            throw new Refusal(SAME_SHOW_OTHER_THEATRE, customer + " holds " + show.movieName() + " at that slot elsewhere");
        boolean newForeignShow = show.theatre() != customer.theatre()
                && db.findBooking(customer, show) == BookingDatabase.NO_ROW;
        // "3 or more": removal moves can leave a customer above the limit.
        if (newForeignShow && db.countForeignShowsInWeek(customer, show.date()) >= FOREIGN_SHOWS_PER_WEEK)
            throw new Refusal(FOREIGN_LIMIT, customer + " holds " + FOREIGN_SHOWS_PER_WEEK + " foreign shows that week");
        if (db.show(showRow).freeSeats() < n) throw new Refusal(NOT_ENOUGH_SEATS, "fewer than " + n + " seats left");
        db.addSeats(tx, customer, showRow, n);
    }

    /** The cancel chain after authorisation: NOT_BOOKED (also for a missing show), then PAST_SHOW. */
    private void releaseHeldSeats(Transaction tx, Customer customer, ShowKey show, int n, LocalDate today) {
        int bookingRow = db.findBooking(customer, show);
        if (bookingRow == BookingDatabase.NO_ROW || db.booking(bookingRow).seats() < n)
            throw new Refusal(NOT_BOOKED, customer + " holds fewer than " + n + " seats of " + show);
        requireNotPast(show, today);
        db.releaseSeats(tx, bookingRow, n);
    }

    private int requireShow(ShowKey show) {
        int showRow = db.findShow(show);
        if (showRow == BookingDatabase.NO_ROW) throw new Refusal(NO_SUCH_SHOW, "no show " + show);
        return showRow;
    }

    private static void requireNotPast(ShowKey show, LocalDate today) {
        if (show.isBefore(today)) throw new Refusal(PAST_SHOW, show + " is before " + today);
    }

    /** A success string: the verb and the fields, single-space separated (SPEC §4). */
    private static Result done(String verb, Object... fields) {
        StringBuilder text = new StringBuilder(verb);
        for (Object field : fields) text.append(' ').append(field);
        return Result.done(text.toString());
    }
}
