package dmtbs.group.node;

import dmtbs.group.msg.OrderedRequest;
import dmtbs.group.order.BusinessClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What every DMTBS process shares around its {@link GroupNode}: the admin endpoint with the common
 * commands ({@code status}, {@code ping}, {@code date}, {@code drop}), a PID file, and an orderly shutdown.
 * Any process can take {@code date}: it orders the change, which reaches every member in order.
 * Role-specific commands go to the role's own handler first (it returns null for unknown ones).
 */
public final class NodeProcess {

    private static final Logger log = LoggerFactory.getLogger(NodeProcess.class);

    private final GroupNode node;
    private final String kind;
    private final Function<String, String> roleCommands;
    private final java.util.function.Consumer<Json> roleStatus;
    private AdminEndpoint admin;
    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * @param kind         what this process is (sequencer, replica, frontend, rm)
     * @param roleCommands role-specific admin commands; null answer means "not mine"
     * @param roleStatus   adds role-specific fields to the status object
     */
    public NodeProcess(GroupNode node, String kind, Function<String, String> roleCommands,
                       java.util.function.Consumer<Json> roleStatus) {
        this.node = node;
        this.kind = kind;
        this.roleCommands = roleCommands;
        this.roleStatus = roleStatus;
    }

    public NodeProcess start() throws Exception {
        node.start();
        GroupConfig config = node.config();
        admin = new AdminEndpoint(config.runDir(), node.name(), java.net.InetAddress.getByName(config.bindAddr()),
                AdminPorts.port(config.adminBase(), node.name()), GroupKey.adminToken(config.keyFile()), this::command);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "shutdown"));
        log.info("{} {} started, pid {}", kind, node.name(), ProcessHandle.current().pid());
        return this;
    }

    private String command(String line) {
        String answer = roleCommands.apply(line);
        if (answer != null) return answer;
        String[] w = line.split(" +");
        return switch (w[0]) {
            case "status" -> status().toString();
            // Liveness for the managers' probe (when the front end reports the replica LATE):
            // it passes through the delivery lock, so a wedged delivery thread does not answer, but
            // computes no digest. Probing with "status" hashed the whole state each time, holding up
            // delivery on the very replica suspected of being slow (32-92 ms for 10,000 shows and
            // 50,000 bookings).
            case "ping" -> node.between(() -> PONG + node.name() + " " + node.delivered());
            case "date" -> changeDate(w);
            case "drop" -> {
                double rate = Double.parseDouble(w[1]);
                if (rate < 0 || rate > 1) yield "refused: the fraction is between 0 and 1";
                node.setDiscardRate(rate);
                yield "ok dropping " + rate;
            }
            case "netem" -> {
                int delay = Integer.parseInt(w[1]);
                double loss = Double.parseDouble(w[2]);
                if (delay < 0 || delay > 2_000 || loss < 0 || loss > 1) yield "refused: netem <0..2000 ms> <loss 0..1>";
                node.emulateNetwork(delay, loss);
                yield "ok every message sent " + delay + " ms late, " + loss * 100 + "% lost";
            }
            default -> "unknown command '" + w[0] + "'";
        };
    }

    private static final String PONG = "pong ";

    /** How far ahead of the business date {@code date} may move it ({@code dmtbs.date_max_ahead_days}). */
    static final int DATE_MAX_AHEAD_DAYS = Integer.getInteger("dmtbs.date_max_ahead_days", 31);
    /** How long {@code date} waits for its change to be ordered: within the launcher's 5 s for an answer. */
    static final long DATE_WAIT_MILLIS = 4_000;

    /**
     * {@code date YYYY-MM-DD}: checked against the date the order is at as this member sees it, then
     * ordered; the answer says what the order made of it, which every member decided alike.
     */
    private String changeDate(String[] w) {
        LocalDate date;
        try {
            date = LocalDate.parse(w.length == 2 ? w[1] : "");
        } catch (DateTimeParseException e) {
            return "refused: date YYYY-MM-DD";
        }
        String refusal = dateRefusal(date, node.businessDate());
        if (refusal != null) return refusal;
        try {
            OrderedRequest ordered = node.orderDateChange(date, DATE_WAIT_MILLIS);
            return ordered != null ? dateOutcome(ordered) : "not confirmed: the date change was not ordered within "
                    + DATE_WAIT_MILLIS / 1_000 + " s (a new sequencer taking over?); it may still be: run the command again";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "not confirmed: the process is stopping";
        }
    }

    /** Why {@code date} may not become the business date, which is {@code businessDate} now; null if it may. */
    static String dateRefusal(LocalDate date, LocalDate businessDate) {
        if (date.isBefore(businessDate)) return neverBack(businessDate);
        // A date far ahead cannot be undone (the date never goes back): a typo would end all booking.
        if (date.isAfter(businessDate.plusDays(DATE_MAX_AHEAD_DAYS))) {
            return "refused: " + date + " is more than " + DATE_MAX_AHEAD_DAYS + " days after the business date";
        }
        return null;
    }

    /**
     * What the order made of a date change: the date from the next request on, or nothing, when a
     * change ordered just before it had already taken the date further.
     */
    static String dateOutcome(OrderedRequest change) {
        LocalDate after = LocalDate.ofEpochDay(BusinessClock.dayAfter(change));
        return after.equals(change.dateChange().date()) ? "ok business date " + after + " from seq " + (change.seq() + 1) + " on"
                : neverBack(after);
    }

    private static String neverBack(LocalDate businessDate) {
        return "refused: the business date never goes back (it is " + businessDate + ")";
    }

    /** The sequence number in {@code name}'s answer to {@code ping}; -1 for any other answer. */
    public static long pongDelivered(String answer, String name) {
        String prefix = PONG + name + " ";
        if (answer == null || !answer.startsWith(prefix)) return -1;
        try {
            return Long.parseLong(answer.substring(prefix.length()).strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public Json status() {
        var view = node.view();
        Json j = new Json().put("name", node.name()).put("kind", kind).put("host", node.config().host())
                .put("pid", ProcessHandle.current().pid()).put("startedAtMillis", java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime())
                .put("sequencer", node.isSequencer()).put("delivered", node.delivered()).put("businessDate", node.businessDate().toString())
                .put("deliveredRuns", node.deliveredRuns()).put("messagePolicy", node.messagePolicy())
                .put("decodeFailures", node.decodeFailures()).put("dropped", node.dropped())
                .put("heapUsedBytes", Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        if (view != null) {
            j.put("view", view.getViewId().getId())
                    .put("coordinator", String.valueOf(view.getCoord()))
                    .put("members", view.getMembers().stream().map(String::valueOf).collect(Collectors.toList()));
        }
        if (node.emulatedNetwork() != null) j.put("emulatedNetwork", node.emulatedNetwork());
        roleStatus.accept(j);
        return j;
    }

    /** Blocks until the process is asked to stop. */
    public void awaitStop() throws InterruptedException { stopped.await(); }

    public boolean awaitStop(long millis) throws InterruptedException { return stopped.await(millis, TimeUnit.MILLISECONDS); }

    public void stop() {
        if (stopped.getCount() == 0) return;
        try {
            if (admin != null) admin.close();
        } catch (Exception e) {
            log.debug("closing admin endpoint: {}", e.toString());
        }
        node.close();
        stopped.countDown();
    }
}
