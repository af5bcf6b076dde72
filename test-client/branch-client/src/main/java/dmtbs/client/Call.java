package dmtbs.client;

import dmtbs.booking.Request;
import dmtbs.corba.DMTBS.Booking;
import dmtbs.corba.DMTBS.BookingService;
import dmtbs.corba.DMTBS.Refused;
import dmtbs.corba.DMTBS.ShowAvailability;
import dmtbs.corba.DMTBS.Unavailable;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One call to the front end and what came back, in the same canonical text the replicas vote on
 * (so clients, logs and tests can compare answers with the implementations' own).
 */
public record Call(Request request, Outcome outcome, String text) {

    public enum Outcome { OK, REFUSED, UNAVAILABLE, ERROR }

    /**
     * Performs the request through CORBA, once; never throws. It carries the thread's
     * {@link RequestIdentity} if one is set ({@link RetryingCaller} does); without one, sending it
     * again is a new call.
     */
    public static Call perform(BookingService fe, Request request) {
        try {
            return new Call(request, Outcome.OK, invoke(fe, request));
        } catch (Refused r) {
            return new Call(request, Outcome.REFUSED, "REFUSED " + r.code + (r.reason.isEmpty() ? "" : " (" + r.reason + ")"));
        } catch (Unavailable u) {
            return new Call(request, Outcome.UNAVAILABLE, "UNAVAILABLE " + u.reason);
        } catch (org.omg.CORBA.SystemException e) {
            return new Call(request, Outcome.ERROR, "ERROR " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    /** The CORBA system exception (COMM_FAILURE, TRANSIENT…) that ended an ERROR call, by name; else null. */
    public String systemException() {
        if (outcome != Outcome.ERROR) return null;
        String rest = text.substring("ERROR ".length());
        int space = rest.indexOf(' ');
        return space < 0 ? rest : rest.substring(0, space);
    }

    /** The canonical result text, as {@code Result.canonical()} gives it ("OK …", "SHOWS […]", "REFUSED CODE"). */
    public String canonical() {
        if (outcome == Outcome.REFUSED) {
            int paren = text.indexOf(" (");
            return paren < 0 ? text : text.substring(0, paren);
        }
        return text;
    }

    private static String invoke(BookingService fe, Request request) throws Refused, Unavailable {
        if (request instanceof Request.AddMovieSlots r) return "OK " + fe.addMovieSlots(r.adminID(), r.movieID(), r.movieName(), r.capacity());
        if (request instanceof Request.RemoveMovieSlots r) return "OK " + fe.removeMovieSlots(r.adminID(), r.movieID(), r.movieName());
        if (request instanceof Request.ListMovieShowsAvailability r) return shows(fe.listMovieShowsAvailability(r.adminID(), r.movieName()));
        if (request instanceof Request.BookMovieTickets r) {
            return "OK " + fe.bookMovieTickets(r.userID(), r.customerID(), r.movieID(), r.movieName(), r.tickets());
        }
        if (request instanceof Request.GetBookingSchedule r) return schedule(fe.getBookingSchedule(r.userID(), r.customerID()));
        if (request instanceof Request.CancelMovieTickets r) {
            return "OK " + fe.cancelMovieTickets(r.userID(), r.customerID(), r.movieID(), r.movieName(), r.tickets());
        }
        Request.ExchangeTickets r = (Request.ExchangeTickets) request;
        return "OK " + fe.exchangeTickets(r.userID(), r.customerID(), r.movieID(), r.movieName(), r.newMovieID(),
                r.newMovieName(), r.tickets());
    }

    private static String shows(ShowAvailability[] list) {
        return Arrays.stream(list).map(s -> s.movieID + " " + s.movieName + " " + s.seatsLeft)
                .collect(Collectors.joining(",", "SHOWS [", "]"));
    }

    private static String schedule(Booking[] list) {
        return Arrays.stream(list).map(b -> b.movieID + " " + b.movieName + " " + b.tickets)
                .collect(Collectors.joining(",", "SCHEDULE [", "]"));
    }
}
