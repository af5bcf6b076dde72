package dmtbs.impl.relational;

import dmtbs.booking.BookingState;
import dmtbs.booking.UserId;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema (two tables and their indexes), the queries the rules need, and the writes they make.
 * Each query names the SQL it stands for and the index that answers it; none scans a whole table
 * (export and import excepted). Writes keep SHOWS.booked equal to the sum of the show's booking seats.
 */
final class BookingDatabase {
    static final int NO_ROW = Index.NO_ROW;

    private final Table<ShowRow> shows = new Table<>("SHOWS");
    private final HashIndex<ShowRow, ShowKey> showsByKey =
            shows.withIndex(new HashIndex<>("pk", ShowRow::key));
    private final SortedIndex<ShowRow, Long> showsByMovieInShowOrder =
            shows.withIndex(new SortedIndex<>("by_movie_order", row -> row.key().movieMajorOrder()));
    private final SortedIndex<ShowRow, Long> showsByMovieAndTheatreInShowOrder =
            shows.withIndex(new SortedIndex<>("by_movie_theatre_order", row -> row.key().theatreMajorOrder()));

    private final Table<BookingRow> bookings = new Table<>("BOOKINGS");
    private final HashIndex<BookingRow, Long> bookingsByKey =
            bookings.withIndex(new HashIndex<>("pk", BookingRow::customerMajorKey));
    private final SortedIndex<BookingRow, Long> bookingsByCustomerInShowOrder =
            bookings.withIndex(new SortedIndex<>("by_customer_order", BookingRow::customerMajorKey));
    private final SortedIndex<BookingRow, Long> bookingsByShowAndCustomer =
            bookings.withIndex(new SortedIndex<>("by_show_customer", BookingRow::showMajorKey));

    Transaction begin() { return new Transaction(); }

    // ------------------------------------------------------------------ queries

    ShowRow show(int rowId) { return shows.get(rowId); }

    BookingRow booking(int rowId) { return bookings.get(rowId); }

    /** SELECT row_id FROM shows WHERE (movie_name, movie_id) = :show — primary key. */
    int findShow(ShowKey show) { return showsByKey.find(show); }

    /** SELECT row_id FROM bookings WHERE customer_id = :customer AND (movie_name, movie_id) = :show — primary key. */
    int findBooking(Customer customer, ShowKey show) {
        return bookingsByKey.find(BookingRow.customerMajor(customer.number(), show.order()));
    }

    /** SELECT * FROM shows WHERE movie_name = :movie AND date >= :from ORDER BY date, slot, theatre. */
    List<ShowRow> showsOfMovieFrom(String movieName, LocalDate from, ReadGuard guard) {
        int movie = Ranks.movie(movieName);
        Collection<Integer> rowIds = showsByMovieInShowOrder.range(
                ShowKey.movieMajor(movie, ShowKey.firstOrderOn(from)), ShowKey.movieMajor(movie + 1, 0));
        List<ShowRow> result = new ArrayList<>();
        for (int rowId : rowIds) {
            guard.check();
            result.add(shows.get(rowId));
        }
        return result;
    }

    /** SELECT * FROM bookings WHERE customer_id = :customer ORDER BY show order. */
    List<BookingRow> bookingsOfCustomer(Customer customer, ReadGuard guard) {
        List<BookingRow> result = new ArrayList<>();
        for (int rowId : bookingsByCustomerInShowOrder.range(
                BookingRow.customerMajor(customer.number(), 0), BookingRow.customerMajor(customer.number() + 1, 0))) {
            guard.check();
            result.add(bookings.get(rowId));
        }
        return result;
    }

    /**
     * SELECT COUNT(*) FROM bookings WHERE customer_id = :customer AND theatre <> :customer's theatre
     * AND date in the ISO week (Monday to Sunday) of :day — one row per (movie_name, movie_id).
     */
    int countForeignShowsInWeek(Customer customer, LocalDate day) {
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        int count = 0;
        for (int rowId : bookingsOfCustomerBetween(customer,
                ShowKey.firstOrderOn(monday), ShowKey.firstOrderOn(monday.plusWeeks(1)))) {
            if (bookings.get(rowId).show().theatre() != customer.theatre()) count++;
        }
        return count;
    }

    /**
     * SELECT EXISTS (SELECT * FROM bookings WHERE customer_id = :customer AND movie_name = :show.movie
     * AND date = :show.date AND slot = :show.slot AND theatre <> :show.theatre) — rule 5.
     */
    boolean holdsSameShowInOtherTheatre(Customer customer, ShowKey show) {
        for (int rowId : bookingsOfCustomerBetween(customer,
                show.firstOrderOfSlot(), show.firstOrderOfNextSlot())) {
            ShowKey held = bookings.get(rowId).show();
            if (held.sameMovie(show) && held.theatre() != show.theatre()) return true;
        }
        return false;
    }

    /** SELECT row_id FROM bookings WHERE (movie_name, movie_id) = :show ORDER BY customer_id — a copy. */
    List<Integer> bookingsOfShow(ShowKey show) {
        return new ArrayList<>(bookingsByShowAndCustomer.range(
                BookingRow.showMajor(show.order(), 0), BookingRow.showMajor(show.order() + 1, 0)));
    }

    /**
     * SELECT row_id FROM shows WHERE movie_name = :after.movie AND theatre = :after.theatre
     * AND show order > :after AND capacity - booked >= :seats ORDER BY show order LIMIT 1 — removal (§5).
     */
    int firstLaterShowWithFreeSeats(ShowKey after, int seats) {
        for (int rowId : showsByMovieAndTheatreInShowOrder.rangeAfter(after.theatreMajorOrder(), after.endOfTheatreMajor())) {
            if (shows.get(rowId).freeSeats() >= seats) return rowId;
        }
        return NO_ROW;
    }

    /** Row ids of the customer's bookings with {@code fromOrder <= show order < toOrder}, in show order. */
    private Collection<Integer> bookingsOfCustomerBetween(Customer customer, long fromOrder, long toOrder) {
        return bookingsByCustomerInShowOrder.range(BookingRow.customerMajor(customer.number(), fromOrder),
                BookingRow.customerMajor(customer.number(), toOrder));
    }

    // ------------------------------------------------------------------ writes

    /** INSERT INTO shows VALUES (:show, :capacity, booked = 0). */
    void insertShow(Transaction tx, ShowKey show, int capacity) {
        shows.insert(tx, new ShowRow(show, capacity, 0));
    }

    /** UPDATE shows SET capacity = :capacity WHERE row_id = :rowId. */
    void setCapacity(Transaction tx, int showRowId, int capacity) {
        shows.update(tx, showRowId, shows.get(showRowId).withCapacity(capacity));
    }

    /** DELETE FROM shows WHERE row_id = :rowId — only once its bookings are gone (foreign key). */
    void deleteShow(Transaction tx, int showRowId) {
        ShowRow show = shows.get(showRowId);
        if (show.booked() != 0) throw new IllegalStateException("show still booked: " + show);
        shows.delete(tx, showRowId);
    }

    /**
     * INSERT INTO bookings VALUES (:customer, :show, :seats) ON CONFLICT DO UPDATE SET seats = seats + :seats,
     * and UPDATE shows SET booked = booked + :seats. No rule is checked here but the CHECK constraint.
     */
    void addSeats(Transaction tx, Customer customer, int showRowId, int seats) {
        ShowRow show = shows.get(showRowId);
        shows.update(tx, showRowId, show.withBooked(show.booked() + seats));
        int bookingRowId = findBooking(customer, show.key());
        if (bookingRowId == NO_ROW) {
            bookings.insert(tx, new BookingRow(customer, show.key(), seats));
        } else {
            BookingRow booking = bookings.get(bookingRowId);
            bookings.update(tx, bookingRowId, booking.withSeats(booking.seats() + seats));
        }
    }

    /**
     * UPDATE bookings SET seats = seats - :seats (DELETE at 0) and UPDATE shows SET booked = booked - :seats.
     */
    void releaseSeats(Transaction tx, int bookingRowId, int seats) {
        BookingRow booking = bookings.get(bookingRowId);
        if (seats < 1 || seats > booking.seats()) throw new IllegalStateException("cannot release " + seats + " of " + booking);
        if (seats == booking.seats()) bookings.delete(tx, bookingRowId);
        else bookings.update(tx, bookingRowId, booking.withSeats(booking.seats() - seats));
        int showRowId = findShow(booking.show());
        ShowRow show = shows.get(showRowId);
        shows.update(tx, showRowId, show.withBooked(show.booked() - seats));
    }

    // ------------------------------------------------------------------ export / import

    BookingState export() {
        List<BookingState.Show> showList = new ArrayList<>();
        shows.forEachRow(row -> showList.add(
                new BookingState.Show(row.key().movieName(), row.key().movieId(), row.capacity())));
        List<BookingState.Booking> bookingList = new ArrayList<>();
        bookings.forEachRow(row -> bookingList.add(new BookingState.Booking(
                row.customer().id(), row.show().movieName(), row.show().movieId(), row.seats())));
        return new BookingState(showList, bookingList); // sorts into canonical order
    }

    /**
     * DELETE FROM bookings; DELETE FROM shows; then inserts {@code state}. The whole state is
     * converted to rows first, so a state this schema cannot hold is refused before anything changes.
     *
     * @throws IllegalArgumentException if an ID or movie name in {@code state} is malformed
     */
    void replaceAll(Transaction tx, BookingState state) {
        List<BookingRow> newBookings = new ArrayList<>();
        Map<ShowKey, Integer> bookedByShow = new HashMap<>();
        for (BookingState.Booking b : state.bookings()) {
            UserId customer = UserId.parse(b.customerID());
            if (customer == null || !customer.isCustomer())
                throw new IllegalArgumentException("not a customer ID: " + b);
            BookingRow row = new BookingRow(Customer.of(customer), showKeyOf(b.movieID(), b.movieName()), b.seats());
            newBookings.add(row);
            bookedByShow.merge(row.show(), row.seats(), Integer::sum);
        }
        List<ShowRow> newShows = new ArrayList<>();
        for (BookingState.Show s : state.shows()) {
            ShowKey key = showKeyOf(s.movieID(), s.movieName());
            newShows.add(new ShowRow(key, s.capacity(), bookedByShow.getOrDefault(key, 0)));
        }
        for (int rowId : bookings.rowIds()) bookings.delete(tx, rowId);
        for (int rowId : shows.rowIds()) shows.delete(tx, rowId);
        for (ShowRow row : newShows) shows.insert(tx, row);
        for (BookingRow row : newBookings) bookings.insert(tx, row);
    }

    private static ShowKey showKeyOf(String movieId, String movieName) {
        ShowKey key = ShowKey.parse(movieId, movieName);
        if (key == null) throw new IllegalArgumentException("malformed show: " + movieName + " " + movieId);
        return key;
    }
}
