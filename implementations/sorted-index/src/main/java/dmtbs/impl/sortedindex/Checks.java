package dmtbs.impl.sortedindex;

import dmtbs.booking.Area;
import dmtbs.booking.Limits;
import dmtbs.booking.RefusalCode;
import dmtbs.booking.Result.Refused;
import dmtbs.booking.UserId;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * The rules as small checks, each returning the refusal it stands for or null when it passes.
 * An operation lists its checks in the order of its SPEC §4 chain and {@link #firstRefusal} reports
 * the first that fails; later checks are never evaluated, so they may rely on earlier ones having passed.
 */
final class Checks {

    /** One link of a refusal chain. */
    @FunctionalInterface
    interface Check {
        Refused refusal();
    }

    /** Rule 4: distinct foreign shows a customer may hold in one ISO week. */
    static final int FOREIGN_SHOWS_PER_WEEK = 3;
    /** Rule 2: shows may be added for today and the next 6 days. */
    static final int ADD_WINDOW_DAYS = 7;

    private Checks() {}

    static Refused firstRefusal(Check... chain) {
        for (Check check : chain) {
            Refused refusal = check.refusal();
            if (refusal != null) return refusal;
        }
        return null;
    }

    private static Refused refuse(RefusalCode code, String reason) { return new Refused(code, reason); }

    // ---- BAD_REQUEST ----

    /** Each argument was parsed to a value or to null when malformed. */
    static Refused allWellFormed(Object... parsedArguments) {
        for (Object parsed : parsedArguments) {
            if (parsed == null) return refuse(RefusalCode.BAD_REQUEST, "malformed user ID, show ID or movie name");
        }
        return null;
    }

    static Refused countInRange(int n) {
        return Limits.countInRange(n) ? null : refuse(RefusalCode.BAD_REQUEST,
                "count " + n + " outside [" + Limits.MIN_COUNT + ", " + Limits.MAX_COUNT + "]");
    }

    static Refused differentShows(ShowKey oldShow, ShowKey newShow) {
        return oldShow.equals(newShow) ? refuse(RefusalCode.BAD_REQUEST, "exchange to the same show") : null;
    }

    // ---- NOT_AUTHORIZED ----

    static Refused isAdmin(UserId requester) {
        return requester.isAdmin() ? null : refuse(RefusalCode.NOT_AUTHORIZED, "only admins may do this");
    }

    static Refused isAdminOf(UserId requester, Area theatre) {
        return requester.isAdmin() && requester.area() == theatre ? null
                : refuse(RefusalCode.NOT_AUTHORIZED, "only an admin of " + theatre + " may change its shows");
    }

    /** Admins act for any customer; a customer only for themself. */
    static Refused mayActFor(UserId requester, UserId customer) {
        return requester.isAdmin() || requester.text().equals(customer.text()) ? null
                : refuse(RefusalCode.NOT_AUTHORIZED, "a customer may act only for themself");
    }

    // ---- state-dependent rules ----

    static Refused withinAddWindow(LocalDate date, LocalDate today) {
        return !date.isBefore(today) && date.isBefore(today.plusDays(ADD_WINDOW_DAYS)) ? null
                : refuse(RefusalCode.OUTSIDE_WINDOW, date + " is outside the week from " + today);
    }

    /** Rule 3; a new show (null) has nothing booked. */
    static Refused capacityCoversBooked(Show existing, int capacity) {
        return existing == null || capacity >= existing.booked ? null
                : refuse(RefusalCode.CAPACITY_BELOW_BOOKED, existing.booked + " seats already booked");
    }

    static Refused showExists(Show show) {
        return show != null ? null : refuse(RefusalCode.NO_SUCH_SHOW, "no such show");
    }

    /** Rule 6: today's shows are not past. */
    static Refused notPast(LocalDate date, LocalDate today) {
        return date.isBefore(today) ? refuse(RefusalCode.PAST_SHOW, date + " is before " + today) : null;
    }

    static Refused holdsAtLeast(Booking booking, int n) {
        int held = booking == null ? 0 : booking.seats;
        return held >= n ? null : refuse(RefusalCode.NOT_BOOKED, "holds " + held + " seats, not " + n);
    }

    /** Rule 5, checked on every booking of the show, held already or not. */
    static Refused noSameShowOtherTheatre(SortedIndexes state, UserId customer, Show show, Release release) {
        for (Area other : Area.values()) {
            if (other == show.id.area()) continue;
            Booking elsewhere = state.booking(customer.text(), show.key.atTheatre(other));
            if (release.seatsAfter(elsewhere) > 0) {
                return refuse(RefusalCode.SAME_SHOW_OTHER_THEATRE, "already holds this movie and slot at " + other);
            }
        }
        return null;
    }

    /**
     * Rule 4: a foreign show not already held is refused when the customer holds 3 or more distinct
     * foreign shows dated in its ISO week (past days of the week included).
     */
    static Refused underForeignLimit(SortedIndexes state, UserId customer, Show show, Release release) {
        if (show.id.area() == customer.area()) return null;
        if (release.seatsAfter(show.holders.get(customer.text())) > 0) return null;
        LocalDate monday = show.id.date().with(DayOfWeek.MONDAY);
        int foreignShows = 0;
        for (Booking booking : state.bookingsOf(customer.text(), monday, monday.plusWeeks(1))) {
            if (booking.show.id.area() != customer.area() && release.seatsAfter(booking) > 0) foreignShows++;
        }
        return foreignShows < FOREIGN_SHOWS_PER_WEEK ? null
                : refuse(RefusalCode.FOREIGN_LIMIT, foreignShows + " foreign shows already held that week");
    }

    static Refused enoughSeats(Show show, int n) {
        return show.seatsLeft() >= n ? null
                : refuse(RefusalCode.NOT_ENOUGH_SEATS, show.seatsLeft() + " seats left, not " + n);
    }
}
