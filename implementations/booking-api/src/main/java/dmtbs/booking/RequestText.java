package dmtbs.booking;

import java.util.List;
import java.util.Map;

/**
 * The text form of a request, shared by the branch client, scenario files and logs:
 * {@code <operation> <arguments after the requester…>}, e.g. {@code book VERC0042 ATWE241126 Avatar 2}
 * for user {@code ATWA1000}. Operation names are the IDL names or their short aliases.
 */
public final class RequestText {

    /** Short alias to IDL operation name. */
    public static final Map<String, String> ALIASES = Map.of(
            "add", "addMovieSlots", "remove", "removeMovieSlots", "list", "listMovieShowsAvailability",
            "book", "bookMovieTickets", "schedule", "getBookingSchedule", "cancel", "cancelMovieTickets",
            "exchange", "exchangeTickets");

    /** Usage line per alias, arguments after the requester. */
    public static final Map<String, String> USAGE = Map.of(
            "add", "add <movieID> <movieName> <capacity>",
            "remove", "remove <movieID> <movieName>",
            "list", "list <movieName>",
            "book", "book <customerID> <movieID> <movieName> <tickets>",
            "schedule", "schedule <customerID>",
            "cancel", "cancel <customerID> <movieID> <movieName> <tickets>",
            "exchange", "exchange <customerID> <movieID> <movieName> <newMovieID> <newMovieName> <tickets>");

    private RequestText() {}

    /** Thrown for text that is not a request at all (unknown operation, wrong argument count, non-number). */
    public static final class UsageException extends IllegalArgumentException {
        public UsageException(String message) { super(message); }
    }

    public static String aliasOf(String operation) {
        if (ALIASES.containsKey(operation)) return operation;
        return ALIASES.entrySet().stream().filter(e -> e.getValue().equals(operation)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    /**
     * Parses {@code operation args…} for {@code requester}.
     *
     * @throws UsageException with a usage message when the text is not a request
     */
    public static Request parse(String requester, String operation, List<String> args) {
        String alias = aliasOf(operation);
        if (alias == null) throw new UsageException("unknown operation '" + operation + "'; one of " + String.join(", ",
                List.of("add", "remove", "list", "book", "schedule", "cancel", "exchange")));
        int expected = USAGE.get(alias).split(" ").length - 1;
        if (args.size() != expected) throw new UsageException("usage: " + USAGE.get(alias));
        return switch (alias) {
            case "add" -> new Request.AddMovieSlots(requester, args.get(0), args.get(1), number(args.get(2), alias));
            case "remove" -> new Request.RemoveMovieSlots(requester, args.get(0), args.get(1));
            case "list" -> new Request.ListMovieShowsAvailability(requester, args.get(0));
            case "book" -> new Request.BookMovieTickets(requester, args.get(0), args.get(1), args.get(2),
                    number(args.get(3), alias));
            case "schedule" -> new Request.GetBookingSchedule(requester, args.get(0));
            case "cancel" -> new Request.CancelMovieTickets(requester, args.get(0), args.get(1), args.get(2),
                    number(args.get(3), alias));
            case "exchange" -> new Request.ExchangeTickets(requester, args.get(0), args.get(1), args.get(2),
                    args.get(3), args.get(4), number(args.get(5), alias));
            default -> throw new AssertionError(alias);
        };
    }

    /** The text form of a request without its requester: the inverse of {@link #parse}. */
    public static String format(Request r) {
        List<String> a = r.arguments();
        return aliasOf(r.operation()) + " " + String.join(" ", a.subList(1, a.size()));
    }

    private static int number(String s, String alias) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new UsageException("'" + s + "' is not a whole number (-2147483648..2147483647); usage: "
                    + USAGE.get(alias));
        }
    }
}
