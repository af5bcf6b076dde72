package dmtbs.booking;

import java.util.List;

/**
 * One operation of the booking service, exactly as a client asked for it (arguments unvalidated:
 * validating them is part of the rules, and a malformed argument is a BAD_REQUEST result).
 * Field names and order follow {@code dmtbs.idl}.
 */
public sealed interface Request {

    /** The IDL operation name, e.g. {@code bookMovieTickets}. */
    String operation();

    /** The requester argument (adminID or userID). */
    String requester();

    /** All arguments in IDL order, as text (for logs and the text form of {@link RequestText}). */
    List<String> arguments();

    /** True for operations that never change state (list, schedule). */
    default boolean readOnly() { return false; }

    record AddMovieSlots(String adminID, String movieID, String movieName, int capacity) implements Request {
        public String operation() { return "addMovieSlots"; }
        public String requester() { return adminID; }
        public List<String> arguments() { return List.of(s(adminID), s(movieID), s(movieName), Integer.toString(capacity)); }
    }

    record RemoveMovieSlots(String adminID, String movieID, String movieName) implements Request {
        public String operation() { return "removeMovieSlots"; }
        public String requester() { return adminID; }
        public List<String> arguments() { return List.of(s(adminID), s(movieID), s(movieName)); }
    }

    record ListMovieShowsAvailability(String adminID, String movieName) implements Request {
        public String operation() { return "listMovieShowsAvailability"; }
        public String requester() { return adminID; }
        public List<String> arguments() { return List.of(s(adminID), s(movieName)); }
        @Override public boolean readOnly() { return true; }
    }

    record BookMovieTickets(String userID, String customerID, String movieID, String movieName, int tickets)
            implements Request {
        public String operation() { return "bookMovieTickets"; }
        public String requester() { return userID; }
        public List<String> arguments() {
            return List.of(s(userID), s(customerID), s(movieID), s(movieName), Integer.toString(tickets));
        }
    }

    record GetBookingSchedule(String userID, String customerID) implements Request {
        public String operation() { return "getBookingSchedule"; }
        public String requester() { return userID; }
        public List<String> arguments() { return List.of(s(userID), s(customerID)); }
        @Override public boolean readOnly() { return true; }
    }

    record CancelMovieTickets(String userID, String customerID, String movieID, String movieName, int tickets)
            implements Request {
        public String operation() { return "cancelMovieTickets"; }
        public String requester() { return userID; }
        public List<String> arguments() {
            return List.of(s(userID), s(customerID), s(movieID), s(movieName), Integer.toString(tickets));
        }
    }

    record ExchangeTickets(String userID, String customerID, String movieID, String movieName,
                           String newMovieID, String newMovieName, int tickets) implements Request {
        public String operation() { return "exchangeTickets"; }
        public String requester() { return userID; }
        public List<String> arguments() {
            return List.of(s(userID), s(customerID), s(movieID), s(movieName), s(newMovieID), s(newMovieName),
                    Integer.toString(tickets));
        }
    }

    /** CORBA strings are never null, but Java callers might pass one; it must not crash a log line. */
    private static String s(String v) { return v == null ? "" : v; }
}
