package dmtbs.client;

import dmtbs.booking.Request;
import dmtbs.booking.RequestText;
import dmtbs.booking.UserId;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The branch client program. {@code client [--user ID] [--naming URL] [--log-dir DIR] [OPERATION ARGS…]}:
 * with an operation it performs it once and exits 0 (success), 3 (Refused), 4 (Unavailable or no
 * connection) or 2 (usage); without, it asks for a user ID and offers the operations of that role.
 * A customer may leave out the customerID argument: it is their own. A call the front end could not
 * answer is sent again under the same FT_REQUEST identity for up to 30 s ({@link RetryingCaller}), so
 * "Unavailable" means it stayed unavailable that long, and a retried booking is still made once.
 */
public final class BranchClient {

    public static final int OK = 0, USAGE = 2, REFUSED = 3, UNAVAILABLE = 4;
    private static final Set<String> CUSTOMER_OPERATIONS = Set.of("book", "schedule", "cancel", "exchange");

    private final String namingUrl;
    private final ClientLog log;
    private final PrintStream out;

    public BranchClient(String namingUrl, Path logDir, PrintStream out) {
        this.namingUrl = namingUrl;
        this.log = new ClientLog(logDir);
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) {
        try {
            return parseAndRun(args, out);
        } catch (RequestText.UsageException e) {
            out.println(e.getMessage());
            return USAGE;
        }
    }

    private static int parseAndRun(String[] args, PrintStream out) {
        String user = null;
        String naming = "corbaloc::127.0.0.1:1050/NameService";
        Path logDir = Path.of("run", "clients");
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length && rest.isEmpty(); i++) {
            switch (args[i]) {
                case "--user" -> user = value(args, ++i);
                case "--naming" -> naming = value(args, ++i);
                case "--log-dir" -> logDir = Path.of(value(args, ++i));
                default -> rest.addAll(Arrays.asList(args).subList(i, args.length));
            }
        }
        if (user == null && !rest.isEmpty()) {
            out.println("usage: client --user ID OPERATION ARGS…   (or no operation for the interactive client)");
            return USAGE;
        }
        BranchClient client = new BranchClient(naming, logDir, out);
        if (rest.isEmpty()) return client.interactive(user);
        return client.once(user, rest);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) throw new RequestText.UsageException("missing value after " + args[i - 1]);
        return args[i];
    }

    /** One operation: parse, call, print, log; the exit code says how it went. */
    public int once(String user, List<String> words) {
        if (UserId.parse(user) == null) {
            out.println("'" + user + "' is not a user ID (e.g. ATWA1234 for an admin, VERC0042 for a customer)");
            return USAGE;
        }
        Request request;
        try {
            request = parse(user, words);
        } catch (RequestText.UsageException e) {
            out.println(e.getMessage());
            return USAGE;
        }
        try (FrontEndConnection fe = FrontEndConnection.open(namingUrl, "FrontEnd", 15_000)) {
            Call call = fe.call(request);
            log.record(user, call);
            out.println(call.text());
            return switch (call.outcome()) {
                case OK -> OK;
                case REFUSED -> REFUSED;
                default -> UNAVAILABLE;
            };
        } catch (IllegalStateException e) {
            out.println("UNAVAILABLE " + e.getMessage());
            return UNAVAILABLE;
        }
    }

    /** Fills in a customer's own ID when they leave it out. */
    static Request parse(String user, List<String> words) {
        String op = RequestText.aliasOf(words.get(0));
        List<String> args = new ArrayList<>(words.subList(1, words.size()));
        UserId u = UserId.parse(user);
        if (op != null && u != null && u.isCustomer() && CUSTOMER_OPERATIONS.contains(op)) {
            int expected = RequestText.USAGE.get(op).split(" ").length - 1;
            if (args.size() == expected - 1) args.add(0, user);
        }
        return RequestText.parse(user, words.get(0), args);
    }

    private int interactive(String presetUser) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (FrontEndConnection fe = FrontEndConnection.open(namingUrl, "FrontEnd", 15_000)) {
            out.println("DMTBS branch client, connected to FrontEnd via " + namingUrl);
            String user = presetUser;
            while (true) {
                while (UserId.parse(user) == null) {
                    if (user != null) out.println("'" + user + "' is not a user ID (area ATW/VER/OUT, A or C, 4 digits)");
                    out.print("user ID (or quit): ");
                    out.flush();
                    user = in.readLine();
                    if (user == null || user.strip().equals("quit")) return OK;
                    user = user.strip();
                }
                UserId u = UserId.parse(user);
                out.println("logged in as " + user + " (" + (u.isAdmin() ? "admin" : "customer") + " of " + u.area().theatreName() + ")");
                menu(u);
                String line;
                while (true) {
                    out.print(user + "> ");
                    out.flush();
                    line = in.readLine();
                    if (line == null || line.strip().equals("quit")) return OK;
                    line = line.strip();
                    if (line.isEmpty()) continue;
                    if (line.equals("logout")) { user = null; break; }
                    if (line.equals("help")) { menu(u); continue; }
                    List<String> words = Arrays.asList(line.split(" +"));
                    if (u.isCustomer() && !CUSTOMER_OPERATIONS.contains(String.valueOf(RequestText.aliasOf(words.get(0))))) {
                        out.println("customers may: " + String.join(", ", CUSTOMER_OPERATIONS));
                        continue;
                    }
                    try {
                        Call call = fe.call(parse(user, words));
                        log.record(user, call);
                        out.println(call.text());
                    } catch (RequestText.UsageException e) {
                        out.println(e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            out.println("input closed: " + e.getMessage());
            return OK;
        } catch (IllegalStateException e) {
            out.println("UNAVAILABLE " + e.getMessage());
            return UNAVAILABLE;
        }
    }

    private void menu(UserId u) {
        out.println("operations (type one with its arguments; help, logout, quit):");
        RequestText.USAGE.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .filter(e -> u.isAdmin() || CUSTOMER_OPERATIONS.contains(e.getKey()))
                .forEach(e -> out.println("  " + (u.isCustomer() ? e.getValue().replace("<customerID>", "[<customerID>]") : e.getValue())));
    }
}
