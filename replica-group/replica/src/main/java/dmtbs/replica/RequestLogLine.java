package dmtbs.replica;

import dmtbs.booking.Request;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * One line of a replica's request log ({@link RequestLog}), read back: what the replica did at one
 * sequence number. Tab-separated: timestamp, seq, operation, parameters, outcome, result (booking-rules.md
 * §7), then the business date the request was stamped with, the client's key for the call
 * ({@code client@retention}, or {@code -} without one) and the effect: {@code applied}, or
 * {@code repeat} for a call already answered, answered again without being applied. A checkpoint
 * has the operation {@code checkpoint} and the effect {@code -}.
 */
public record RequestLogLine(String timestamp, long seq, String operation, String parameters, String outcome, String result,
                             LocalDate businessDate, String client, String effect) {

    public static final String APPLIED = "applied", REPEAT = "repeat", CHECKPOINT = "checkpoint", DATE = "date", NONE = "-";
    /**
     * The last line of an incarnation that found it had applied, from this line's seq on, an order
     * the group never had (a deposed sequencer's, behind a cut) and stopped: its lines from there on
     * are not the group's order.
     */
    public static final String DIVERGED = "diverged";
    static final int FIELDS = 9;

    /** The parameters column for {@code request}: its arguments joined by spaces, a tab or newline in one made a space. */
    public static String parametersOf(Request request) {
        return String.join(" ", request.arguments()).replace('\n', ' ').replace('\t', ' ');
    }

    public boolean isCheckpoint() { return operation.equals(CHECKPOINT); }

    /** A checkpoint or a date change: it takes a number, and is no client's request. */
    public boolean isControl() { return isCheckpoint() || operation.equals(DATE) || isDiverged(); }

    public boolean isDiverged() { return operation.equals(DIVERGED); }

    /** The client key, or null for a request ordered without one (and for a checkpoint). */
    public String clientKey() { return client.equals(NONE) ? null : client; }

    public boolean applied() { return effect.equals(APPLIED); }

    /**
     * The line as the replica wrote it; throws IllegalArgumentException naming what is wrong (a line
     * torn by a kill, or one of an older format).
     */
    public static RequestLogLine parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != FIELDS) throw new IllegalArgumentException(f.length + " fields, not " + FIELDS + ": " + shortened(line));
        try {
            long seq = Long.parseLong(f[1]);
            LocalDate date = LocalDate.parse(f[6]);
            boolean control = f[2].equals(CHECKPOINT) || f[2].equals(DATE) || f[2].equals(DIVERGED);
            boolean effectKnown = control ? f[8].equals(NONE) : f[8].equals(APPLIED) || f[8].equals(REPEAT);
            if (seq < 1 || !effectKnown || f[7].isEmpty()) throw new IllegalArgumentException("not a request log line: " + shortened(line));
            return new RequestLogLine(f[0], seq, f[2], f[3], f[4], f[5], date, f[7], f[8]);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a request log line (" + e.getMessage() + "): " + shortened(line));
        }
    }

    private static String shortened(String line) { return line.length() > 120 ? line.substring(0, 120) + "…" : line; }
}
