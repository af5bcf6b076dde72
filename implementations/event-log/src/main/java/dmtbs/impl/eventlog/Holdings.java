package dmtbs.impl.eventlog;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;

/**
 * What one customer holds, seen as if {@code release} had already been given back: a plain booking
 * passes {@link Release#NOTHING}, an exchange the old seats (rule 8).
 */
final class Holdings {

    /** Rule 4: distinct foreign shows allowed per ISO week. */
    static final int FOREIGN_SHOWS_PER_WEEK = 3;

    private final ReadModel views;
    private final CustomerRef customer;
    private final Release release;

    Holdings(ReadModel views, CustomerRef customer, Release release) {
        this.views = views;
        this.customer = customer;
        this.release = release;
    }

    boolean holds(long show) {
        return release.seatsAfter(show, views.seats(customer.code(), show)) > 0;
    }

    /** Rule 5: the same movie at the same date and slot, held in another theatre. */
    boolean holdsSameShowInOtherTheatre(ShowRef show) {
        int theatre = Keys.theatreOf(show.key());
        for (int other = 0; other < 3; other++) {
            if (other != theatre && holds(Keys.inTheatre(show.key(), other))) return true;
        }
        return false;
    }

    /**
     * Rule 4: booking {@code show} would be one foreign show too many in its ISO week. A show already
     * held never counts again; the count covers the whole week, past days included, and may already
     * exceed the limit after removal moves.
     */
    boolean exceedsForeignLimit(ShowRef show) {
        if (show.theatre() == customer.home() || holds(show.key())) return false;
        return foreignShowsInWeekOf(show.date()) >= FOREIGN_SHOWS_PER_WEEK;
    }

    private int foreignShowsInWeekOf(LocalDate date) {
        LocalDate monday = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        int home = Keys.theatreRank(customer.home());
        int count = 0;
        Map<Long, Integer> week = views.bookingsOf(customer.code(),
                Keys.firstShowOn(monday), Keys.firstShowOn(monday.plusDays(7)));
        for (Map.Entry<Long, Integer> booking : week.entrySet()) {
            long show = Keys.showOfBooking(booking.getKey());
            if (Keys.theatreOf(show) != home && release.seatsAfter(show, booking.getValue()) > 0) count++;
        }
        return count;
    }
}
