package dmtbs.impl.relational;

import dmtbs.booking.Area;
import dmtbs.booking.Limits;
import dmtbs.booking.Movies;
import dmtbs.booking.UserId;

import static dmtbs.booking.RefusalCode.BAD_REQUEST;
import static dmtbs.booking.RefusalCode.NOT_AUTHORIZED;

/**
 * The checks that depend on the request alone: well-formedness ({@code BAD_REQUEST}) and who may
 * do what ({@code NOT_AUTHORIZED}). Operations parse every argument before authorising, so
 * {@code BAD_REQUEST} is decided on all arguments first. Null strings are malformed.
 */
final class RequestChecks {
    private RequestChecks() {}

    /** A well-formed user ID of any role (the requester argument). */
    static UserId user(String id) {
        UserId user = UserId.parse(id);
        if (user == null) throw new Refusal(BAD_REQUEST, "malformed user ID '" + id + "'");
        return user;
    }

    /** A well-formed customer ID (the customerID argument): an admin's ID here is malformed. */
    static Customer customer(String id) {
        UserId user = user(id);
        if (!user.isCustomer()) throw new Refusal(BAD_REQUEST, id + " is not a customer ID");
        return Customer.of(user);
    }

    static ShowKey show(String movieId, String movieName) {
        ShowKey show = ShowKey.parse(movieId, movieName);
        if (show == null) throw new Refusal(BAD_REQUEST, "malformed show '" + movieName + " " + movieId + "'");
        return show;
    }

    static String movie(String movieName) {
        if (!Movies.isValid(movieName)) throw new Refusal(BAD_REQUEST, "unknown movie '" + movieName + "'");
        return movieName;
    }

    /** A ticket count or capacity (rule 7). */
    static int count(int n) {
        if (!Limits.countInRange(n)) throw new Refusal(BAD_REQUEST, n + " is out of range");
        return n;
    }

    static void requireAdmin(UserId user) {
        if (!user.isAdmin()) throw new Refusal(NOT_AUTHORIZED, user + " is not an admin");
    }

    /** Adding and removing shows is for the admins of the show's own theatre. */
    static void requireAdminOf(UserId user, Area theatre) {
        requireAdmin(user);
        if (user.area() != theatre) throw new Refusal(NOT_AUTHORIZED, user + " is not an admin of " + theatre);
    }

    /** Customers act only for themselves; admins act for any customer of any theatre. */
    static void requireActsFor(UserId requester, Customer customer) {
        if (requester.isCustomer() && !requester.text().equals(customer.id()))
            throw new Refusal(NOT_AUTHORIZED, requester + " cannot act for " + customer);
    }
}
