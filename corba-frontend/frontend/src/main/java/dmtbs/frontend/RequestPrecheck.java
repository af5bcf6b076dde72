package dmtbs.frontend;

import dmtbs.booking.Limits;
import dmtbs.booking.Movies;
import dmtbs.booking.RefusalCode;
import dmtbs.booking.Request;
import dmtbs.booking.Result;
import dmtbs.booking.ShowId;
import dmtbs.booking.UserId;

/**
 * The refusals that depend on nothing but the request (booking-rules.md §4: BAD_REQUEST, then
 * NOT_AUTHORIZED), decided by the front end without ordering the request. Replicas check again.
 */
public final class RequestPrecheck {

    private RequestPrecheck() {}

    /** The refusal for a request that can never succeed, or null if it must be ordered. */
    public static Result.Refused check(Request request) {
        if (request instanceof Request.AddMovieSlots r) {
            return showAdmin(r.adminID(), r.movieID(), r.movieName(), Limits.countInRange(r.capacity()));
        } else if (request instanceof Request.RemoveMovieSlots r) {
            return showAdmin(r.adminID(), r.movieID(), r.movieName(), true);
        } else if (request instanceof Request.ListMovieShowsAvailability r) {
            UserId admin = UserId.parse(r.adminID());
            if (admin == null || !Movies.isValid(r.movieName())) return bad("malformed admin ID or movie name");
            return admin.isAdmin() ? null : notAuthorized("only admins list availability");
        } else if (request instanceof Request.BookMovieTickets r) {
            return forCustomer(r.userID(), r.customerID(), show(r.movieID(), r.movieName()) && Limits.countInRange(r.tickets()));
        } else if (request instanceof Request.GetBookingSchedule r) {
            return forCustomer(r.userID(), r.customerID(), true);
        } else if (request instanceof Request.CancelMovieTickets r) {
            return forCustomer(r.userID(), r.customerID(), show(r.movieID(), r.movieName()) && Limits.countInRange(r.tickets()));
        } else if (request instanceof Request.ExchangeTickets r) {
            boolean wellFormed = show(r.movieID(), r.movieName()) && show(r.newMovieID(), r.newMovieName())
                    && Limits.countInRange(r.tickets())
                    && !(r.movieID().equals(r.newMovieID()) && r.movieName().equals(r.newMovieName()));
            return forCustomer(r.userID(), r.customerID(), wellFormed);
        }
        return bad("unknown operation");
    }

    private static Result.Refused showAdmin(String adminID, String movieID, String movieName, boolean countOk) {
        UserId admin = UserId.parse(adminID);
        ShowId show = ShowId.parse(movieID);
        if (admin == null || show == null || !Movies.isValid(movieName) || !countOk) return bad("malformed argument");
        if (!admin.isAdmin() || admin.area() != show.area()) return notAuthorized("only an admin of " + show.area() + " manages its shows");
        return null;
    }

    private static Result.Refused forCustomer(String userID, String customerID, boolean restWellFormed) {
        UserId user = UserId.parse(userID);
        UserId customer = UserId.parse(customerID);
        if (user == null || customer == null || !customer.isCustomer() || !restWellFormed) return bad("malformed argument");
        if (user.isCustomer() && !user.equals(customer)) return notAuthorized("customers act only for themselves");
        return null;
    }

    private static boolean show(String movieID, String movieName) {
        return ShowId.parse(movieID) != null && Movies.isValid(movieName);
    }

    private static Result.Refused bad(String why) { return new Result.Refused(RefusalCode.BAD_REQUEST, why); }

    private static Result.Refused notAuthorized(String why) { return new Result.Refused(RefusalCode.NOT_AUTHORIZED, why); }
}
