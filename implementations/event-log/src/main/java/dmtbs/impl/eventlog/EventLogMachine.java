package dmtbs.impl.eventlog;

import dmtbs.booking.BookingMachine;
import dmtbs.booking.BookingState;
import dmtbs.booking.Limits;
import dmtbs.booking.RefusalCode;
import dmtbs.booking.Request;
import dmtbs.booking.Request.AddMovieSlots;
import dmtbs.booking.Request.BookMovieTickets;
import dmtbs.booking.Request.CancelMovieTickets;
import dmtbs.booking.Request.ExchangeTickets;
import dmtbs.booking.Request.GetBookingSchedule;
import dmtbs.booking.Request.ListMovieShowsAvailability;
import dmtbs.booking.Request.RemoveMovieSlots;
import dmtbs.booking.Result;
import dmtbs.booking.UserId;
import dmtbs.impl.eventlog.DomainEvent.CapacitySet;
import dmtbs.impl.eventlog.DomainEvent.SeatsReturned;
import dmtbs.impl.eventlog.DomainEvent.SeatsTaken;
import dmtbs.impl.eventlog.DomainEvent.ShowCreated;
import dmtbs.impl.eventlog.ReadModel.ShowRow;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dmtbs.booking.RefusalCode.BAD_REQUEST;
import static dmtbs.booking.RefusalCode.CAPACITY_BELOW_BOOKED;
import static dmtbs.booking.RefusalCode.FOREIGN_LIMIT;
import static dmtbs.booking.RefusalCode.NOT_AUTHORIZED;
import static dmtbs.booking.RefusalCode.NOT_BOOKED;
import static dmtbs.booking.RefusalCode.NOT_ENOUGH_SEATS;
import static dmtbs.booking.RefusalCode.NO_SUCH_SHOW;
import static dmtbs.booking.RefusalCode.OUTSIDE_WINDOW;
import static dmtbs.booking.RefusalCode.PAST_SHOW;
import static dmtbs.booking.RefusalCode.SAME_SHOW_OTHER_THEATRE;

/**
 * The DMTBS booking rules (booking-rules.md) by event sourcing.
 *
 * <h2>Data structures</h2>
 * A command is validated against read-model views ({@link ReadModel}) and, if it passes, turned into
 * domain events ({@link DomainEvent}: ShowCreated, CapacitySet, ShowDeleted, SeatsTaken,
 * SeatsReturned). {@link EventJournal} appends them to an in-memory log and folds them into the views
 * with {@link ReadModel#project}, the only code that mutates state. The views are keyed by packed
 * {@code long}s whose numeric order is SPEC order ({@link Keys}): shows by key (hash) and per movie
 * (sorted), bookings customer-major (sorted: a schedule or an ISO week of one customer is a key
 * range), holdings show-major (sorted: a show's holders in customerID order). Every {@link
 * EventJournal#CHECKPOINT_EVERY} events the log is compacted into a checkpoint that is the views
 * themselves, so memory stays bounded. Export reads the views; import projects the snapshot into fresh
 * views and starts a fresh log.
 *
 * <h2>How each rule is checked</h2>
 * <ul>
 *   <li>well-formedness: the booking-api parsers; a customerID must have the customer role;</li>
 *   <li>window (rule 2): show date in [today, today+6]; capacity (rule 3): against the row's booked
 *       count;</li>
 *   <li>past (rule 6): show date before the business date;</li>
 *   <li>rule 5: point look-ups of the two other theatres' keys of the same movie, date and slot;</li>
 *   <li>rule 4: a key-range scan of the customer's bookings in the show's ISO week (at most 189
 *       keys), counting foreign ones;</li>
 *   <li>seats (rule 1): capacity minus the booked counter of the show row;</li>
 *   <li>removal (§5): {@link RemovalPlan} walks the later shows of the same movie in show order.</li>
 * </ul>
 * Refusals follow SPEC §4's chains; all BAD_REQUEST checks of a request come before NOT_AUTHORIZED.
 *
 * <h2>Atomicity</h2>
 * A command decides all its events against the current views before any is applied, then appends them
 * as one batch. Exchange checks the new booking through {@link Holdings} with the old seats treated as
 * released ({@link Release}), then commits SeatsReturned and SeatsTaken together; a refused exchange
 * (or removal) appends nothing, so nothing changes.
 *
 * <h2>Concurrency</h2>
 * Single writer by contract: {@link #apply}, {@link #importState} and {@link #exportState} must be
 * called by one thread at a time (a replica applies requests in sequence order), and only that thread
 * touches the views. The volatile {@link #appliedEventCount()} publishes progress to other threads,
 * written once per command after all its events are projected.
 *
 * <h2>Interpretations</h2>
 * A null request or business date is BAD_REQUEST. A customer may book for themselves in any theatre.
 * Removal moves target only shows strictly later in show order (same movie, same theatre), never the
 * removed show's earlier siblings.
 */
public final class EventLogMachine implements BookingMachine {

    private final EventJournal journal = new EventJournal();

    public EventLogMachine() {}

    @Override public String name() { return "event-log"; }

    @Override
    public Result apply(Request request, LocalDate today) {
        if (request == null || today == null) return refuse(BAD_REQUEST, "no request or no business date");
        if (request instanceof AddMovieSlots r) return addSlots(r, today);
        if (request instanceof RemoveMovieSlots r) return removeSlots(r, today);
        if (request instanceof ListMovieShowsAvailability r) return listAvailability(r, today);
        if (request instanceof BookMovieTickets r) return book(r, today);
        if (request instanceof GetBookingSchedule r) return schedule(r);
        if (request instanceof CancelMovieTickets r) return cancel(r, today);
        if (request instanceof ExchangeTickets r) return exchange(r, today);
        return refuse(BAD_REQUEST, "unknown operation");
    }

    /** Events applied since the state was created or imported; safe to read from any thread. */
    public long appliedEventCount() { return journal.appliedEventCount(); }

    /** Events appended since the last checkpoint (for tests and diagnostics). */
    List<DomainEvent> eventsSinceCheckpoint() { return journal.eventsSinceCheckpoint(); }

    // ------------------------------------------------------------------ admin operations

    private Result addSlots(AddMovieSlots r, LocalDate today) {
        UserId admin = UserId.parse(r.adminID());
        ShowRef show = ShowRef.parse(r.movieID(), r.movieName());
        int capacity = r.capacity();
        if (admin == null || show == null || !Limits.countInRange(capacity)) {
            return refuse(BAD_REQUEST, "malformed adminID, movieID, movieName or capacity");
        }
        if (!isAdminOf(admin, show)) return refuse(NOT_AUTHORIZED, "only an admin of the show's theatre adds it");
        // The window applies to updates too, so updating a show that has become past is OUTSIDE_WINDOW.
        if (show.isBefore(today) || show.date().isAfter(today.plusDays(6))) {
            return refuse(OUTSIDE_WINDOW, "shows are added for the coming week only");
        }
        ShowRow existing = views().show(show.key());
        if (existing == null) {
            commit(new ShowCreated(show.key(), show.movieID(), show.movieName(), capacity));
            return done("ADDED " + show.label() + " " + capacity);
        }
        if (capacity < existing.booked()) {
            return refuse(CAPACITY_BELOW_BOOKED, existing.booked() + " seats are booked already");
        }
        commit(new CapacitySet(show.key(), capacity)); // also when unchanged: UPDATED either way
        return done("UPDATED " + show.label() + " " + capacity);
    }

    private Result removeSlots(RemoveMovieSlots r, LocalDate today) {
        UserId admin = UserId.parse(r.adminID());
        ShowRef show = ShowRef.parse(r.movieID(), r.movieName());
        if (admin == null || show == null) return refuse(BAD_REQUEST, "malformed adminID, movieID or movieName");
        if (!isAdminOf(admin, show)) return refuse(NOT_AUTHORIZED, "only an admin of the show's theatre removes it");
        ShowRow row = views().show(show.key());
        if (row == null) return refuse(NO_SUCH_SHOW, "no show " + show.label());
        if (show.isBefore(today)) return refuse(PAST_SHOW, "past shows cannot be removed");
        RemovalPlan plan = new RemovalPlan(views(), row);
        journal.append(plan.events());
        return done(plan.report());
    }

    private Result listAvailability(ListMovieShowsAvailability r, LocalDate today) {
        UserId admin = UserId.parse(r.adminID());
        int movie = Keys.movieRank(r.movieName());
        if (admin == null || movie < 0) return refuse(BAD_REQUEST, "malformed adminID or movieName");
        if (!admin.isAdmin()) return refuse(NOT_AUTHORIZED, "only admins list availability");
        List<Result.ShowAvailability> shows = new ArrayList<>();
        for (ShowRow row : views().showsOfMovieFrom(movie, Keys.firstShowOn(today))) {
            shows.add(new Result.ShowAvailability(row.movieID(), row.movieName(), row.free()));
        }
        return new Result.Shows(shows);
    }

    // ------------------------------------------------------------------ customer operations

    private Result book(BookMovieTickets r, LocalDate today) {
        return changeSeats(r.userID(), r.customerID(), r.movieID(), r.movieName(), r.tickets(), "BOOKED ",
                (customer, show, n) -> bookingRefusal(customer, show, n, Release.NOTHING, today),
                (customer, show, n) -> new SeatsTaken(customer.code(), show.key(), n));
    }

    private Result cancel(CancelMovieTickets r, LocalDate today) {
        return changeSeats(r.userID(), r.customerID(), r.movieID(), r.movieName(), r.tickets(), "CANCELLED ",
                (customer, show, n) -> releaseRefusal(customer, show, n, today),
                (customer, show, n) -> new SeatsReturned(customer.code(), show.key(), n));
    }

    /** One step of booking or cancelling: its refusal (null if allowed) and, if allowed, its event. */
    private interface SeatStep<T> {
        T of(CustomerRef customer, ShowRef show, int n);
    }

    /** Book and cancel alike: parse, authorize, check, then commit one event. */
    private Result changeSeats(String userID, String customerID, String movieID, String movieName, int n, String verb,
                               SeatStep<Result> refusalOf, SeatStep<DomainEvent> eventOf) {
        UserId user = UserId.parse(userID);
        CustomerRef customer = CustomerRef.parse(customerID);
        ShowRef show = ShowRef.parse(movieID, movieName);
        if (user == null || customer == null || show == null || !Limits.countInRange(n)) {
            return refuse(BAD_REQUEST, "malformed userID, customerID, movieID, movieName or count");
        }
        if (!mayActFor(user, customer)) return notForOtherCustomers();
        Result refusal = refusalOf.of(customer, show, n);
        if (refusal != null) return refusal;
        commit(eventOf.of(customer, show, n));
        return done(verb + customer.text() + " " + show.label() + " " + n);
    }

    private Result schedule(GetBookingSchedule r) {
        UserId user = UserId.parse(r.userID());
        CustomerRef customer = CustomerRef.parse(r.customerID());
        if (user == null || customer == null) return refuse(BAD_REQUEST, "malformed userID or customerID");
        if (!mayActFor(user, customer)) return notForOtherCustomers();
        List<Result.BookingEntry> entries = new ArrayList<>();
        for (Map.Entry<Long, Integer> booking : views().bookingsOf(customer.code()).entrySet()) {
            ShowRow row = views().show(Keys.showOfBooking(booking.getKey()));
            entries.add(new Result.BookingEntry(row.movieID(), row.movieName(), booking.getValue()));
        }
        return new Result.Schedule(entries);
    }

    private Result exchange(ExchangeTickets r, LocalDate today) {
        UserId user = UserId.parse(r.userID());
        CustomerRef customer = CustomerRef.parse(r.customerID());
        ShowRef from = ShowRef.parse(r.movieID(), r.movieName());
        ShowRef to = ShowRef.parse(r.newMovieID(), r.newMovieName());
        int n = r.tickets();
        if (user == null || customer == null || from == null || to == null || !Limits.countInRange(n)) {
            return refuse(BAD_REQUEST, "malformed userID, customerID, movieID, movieName or count");
        }
        // Same movieID with another movie is another show and allowed; the very same show never is.
        if (from.key() == to.key()) return refuse(BAD_REQUEST, "exchange to the same show");
        if (!mayActFor(user, customer)) return notForOtherCustomers();
        Result refusal = releaseRefusal(customer, from, n, today);
        if (refusal == null) refusal = bookingRefusal(customer, to, n, new Release(from.key(), n), today);
        if (refusal != null) return refusal;
        commit(new SeatsReturned(customer.code(), from.key(), n), new SeatsTaken(customer.code(), to.key(), n));
        return done("EXCHANGED " + customer.text() + " " + from.label() + " " + n + " > " + to.label());
    }

    // ------------------------------------------------------------------ shared rule chains

    /**
     * The book chain after authorization: NO_SUCH_SHOW → PAST_SHOW → SAME_SHOW_OTHER_THEATRE →
     * FOREIGN_LIMIT → NOT_ENOUGH_SEATS, with {@code release} treated as already given back.
     * Returns the refusal, or null when booking is valid.
     */
    private Result bookingRefusal(CustomerRef customer, ShowRef show, int n, Release release, LocalDate today) {
        ShowRow row = views().show(show.key());
        if (row == null) return refuse(NO_SUCH_SHOW, "no show " + show.label());
        if (show.isBefore(today)) return refuse(PAST_SHOW, "past shows cannot be booked");
        Holdings holdings = new Holdings(views(), customer, release);
        if (holdings.holdsSameShowInOtherTheatre(show)) {
            return refuse(SAME_SHOW_OTHER_THEATRE, "the same movie and slot is held in another theatre");
        }
        if (holdings.exceedsForeignLimit(show)) {
            return refuse(FOREIGN_LIMIT, "already " + Holdings.FOREIGN_SHOWS_PER_WEEK + " foreign shows that week");
        }
        // The released show is never this one (exchanging to the same show is BAD_REQUEST), so its own
        // free seats are all there is.
        if (row.free() < n) return refuse(NOT_ENOUGH_SEATS, row.free() + " seats left");
        return null;
    }

    /** Cancel, and the old side of exchange: NOT_BOOKED → PAST_SHOW. A missing show is NOT_BOOKED. */
    private Result releaseRefusal(CustomerRef customer, ShowRef show, int n, LocalDate today) {
        if (views().seats(customer.code(), show.key()) < n) return refuse(NOT_BOOKED, "fewer than " + n + " seats held");
        if (show.isBefore(today)) return refuse(PAST_SHOW, "past shows cannot be cancelled or exchanged");
        return null;
    }

    private static boolean isAdminOf(UserId admin, ShowRef show) {
        return admin.isAdmin() && admin.area() == show.theatre();
    }

    /** Admins act for any customer at any theatre; a customer only for themselves. */
    private static boolean mayActFor(UserId user, CustomerRef customer) {
        return user.isAdmin() || user.text().equals(customer.text());
    }

    private static Result notForOtherCustomers() {
        return refuse(NOT_AUTHORIZED, "a customer acts only for themselves");
    }

    // ------------------------------------------------------------------ state

    @Override
    public BookingState exportState() {
        ReadModel views = views();
        List<BookingState.Show> shows = new ArrayList<>();
        for (ShowRow row : views.allShows()) shows.add(new BookingState.Show(row.movieName(), row.movieID(), row.capacity()));
        List<BookingState.Booking> bookings = new ArrayList<>();
        for (Map.Entry<Long, Integer> booking : views.allBookings().entrySet()) {
            ShowRow row = views.show(Keys.showOfBooking(booking.getKey()));
            bookings.add(new BookingState.Booking(Keys.customerText(Keys.customerOfBooking(booking.getKey())),
                    row.movieName(), row.movieID(), booking.getValue()));
        }
        return new BookingState(shows, bookings);
    }

    /**
     * Projects the snapshot into fresh views and swaps them in only when all of it was accepted, so a
     * snapshot this machine cannot represent leaves the old state untouched.
     *
     * @throws IllegalArgumentException if an ID in the snapshot is malformed
     */
    @Override
    public void importState(BookingState state) {
        if (state == null) throw new IllegalArgumentException("no state");
        ReadModel fresh = new ReadModel();
        for (BookingState.Show show : state.shows()) {
            ShowRef ref = parsedShow(show.movieID(), show.movieName());
            fresh.project(new ShowCreated(ref.key(), ref.movieID(), ref.movieName(), show.capacity()));
        }
        for (BookingState.Booking booking : state.bookings()) {
            CustomerRef customer = CustomerRef.parse(booking.customerID());
            if (customer == null) throw new IllegalArgumentException("malformed customer in " + booking);
            ShowRef ref = parsedShow(booking.movieID(), booking.movieName());
            fresh.project(new SeatsTaken(customer.code(), ref.key(), booking.seats()));
        }
        journal.restart(fresh);
    }

    private static ShowRef parsedShow(String movieID, String movieName) {
        ShowRef ref = ShowRef.parse(movieID, movieName);
        if (ref == null) throw new IllegalArgumentException("malformed show " + movieName + " " + movieID);
        return ref;
    }

    // ------------------------------------------------------------------ helpers

    private ReadModel views() { return journal.views(); }

    private void commit(DomainEvent... events) { journal.append(List.of(events)); }

    private static Result refuse(RefusalCode code, String reason) { return new Result.Refused(code, reason); }

    private static Result done(String text) { return new Result.Done(text); }
}
