package dmtbs.system;

import dmtbs.booking.Request;
import dmtbs.client.Call;

import java.util.Map;
import java.util.TreeMap;

/**
 * One customer's seats as the answers the client received say they must be: every acknowledged
 * booking, cancellation and exchange, applied in the order they were answered. A call that got no
 * answer (the service died under it) is kept aside as {@link #uncertain}: after the restart it must
 * have been applied entirely or not at all. Independent of the implementations: only the success
 * strings of booking-rules.md §4 are read.
 */
final class Ledger {

    final String customer;
    private Map<String, Integer> seats = new TreeMap<>();
    private Request uncertain;

    Ledger(String customer) { this.customer = customer; }

    /** Takes in one answered or unanswered call; returns false for one without an answer. */
    boolean record(Call call) {
        if (call.outcome() == Call.Outcome.OK) {
            seats = after(seats, call.request());
            return true;
        }
        if (call.outcome() == Call.Outcome.REFUSED) return true;
        if (uncertain != null) throw new IllegalStateException(customer + ": a second unanswered call before the first was settled");
        uncertain = call.request();
        return false;
    }

    Map<String, Integer> seats() { return Map.copyOf(seats); }

    Request uncertain() { return uncertain; }

    /**
     * Settles the unanswered call by the schedule read after the restart: it must be the ledger
     * as it is, or as it is with that one call applied. Returns a description of any other schedule.
     */
    String settle(Map<String, Integer> schedule) {
        if (schedule.equals(seats)) {
            uncertain = null;
            return null;
        }
        if (uncertain != null) {
            Map<String, Integer> applied = after(seats, uncertain);
            if (schedule.equals(applied)) {
                seats = applied;
                uncertain = null;
                return null;
            }
        }
        return customer + " holds " + schedule + " but the answers say " + seats
                + (uncertain == null ? "" : " (or " + after(seats, uncertain) + " with the unanswered " + uncertain + ")");
    }

    private static Map<String, Integer> after(Map<String, Integer> before, Request r) {
        Map<String, Integer> s = new TreeMap<>(before);
        if (r instanceof Request.BookMovieTickets b) s.merge(show(b.movieName(), b.movieID()), b.tickets(), Integer::sum);
        else if (r instanceof Request.CancelMovieTickets c) take(s, show(c.movieName(), c.movieID()), c.tickets());
        else if (r instanceof Request.ExchangeTickets e) {
            take(s, show(e.movieName(), e.movieID()), e.tickets());
            s.merge(show(e.newMovieName(), e.newMovieID()), e.tickets(), Integer::sum);
        }
        return s;
    }

    /** How a show is named in a ledger and in a schedule read back. */
    static String show(String movieName, String movieID) { return movieName + " " + movieID; }

    private static void take(Map<String, Integer> s, String show, int n) {
        int left = s.getOrDefault(show, 0) - n;
        if (left > 0) s.put(show, left);
        else s.remove(show);
    }
}
