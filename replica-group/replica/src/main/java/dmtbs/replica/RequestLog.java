package dmtbs.replica;

import dmtbs.booking.Request;
import dmtbs.booking.Result;
import dmtbs.group.msg.ClientKey;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The replica's request log (booking-rules.md §7): one tab-separated line per ordered request with
 * timestamp, sequence number, operation, parameters, outcome (OK or the refusal code) and result,
 * then the business date, the client's key and whether it was applied or answered as a repeat
 * ({@link RequestLogLine} reads them back). Every sequence number this replica delivered has its
 * line, so the logs of all replicas (all incarnations) together give the whole order with each
 * call's identity, which chaos checks against the clients' history.
 * Lines are buffered and reach the file on {@link #flush()}, which the replica calls on its 50 ms
 * tick, before answering {@code status} and on an orderly stop: a write per delivered run (every
 * few requests) was a fifth of a replica's CPU under load. A {@code kill -9} loses at most the last
 * 50 ms of lines; the replica's state is rebuilt by state transfer anyway.
 */
final class RequestLog implements AutoCloseable {

    private final BufferedWriter out;
    /** Millisecond timestamps, formatted once per millisecond: a batch's lines share one. */
    private long stampMillis = -1;
    private String stamp;

    RequestLog(Path file) {
        try {
            Files.createDirectories(file.getParent());
            boolean torn = endsInTornLine(file);
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            // An earlier incarnation killed in the middle of a line: end it, or the first line of this one joins it.
            if (torn) out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean endsInTornLine(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) return false;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(f.length() - 1);
            return f.read() != '\n';
        }
    }

    /**
     * One ordered request: {@code applied}, or answered with the answer its call got before
     * ({@code repeat}: a retry, or a late copy of an older call), not applied again.
     */
    void write(long seq, LocalDate businessDate, ClientKey client, Request request, Result result, boolean applied)
            throws IOException {
        String outcome = result instanceof Result.Refused r ? r.code().name() : "OK";
        out.write(now());
        out.write('\t');
        out.write(Long.toString(seq));
        out.write('\t');
        out.write(request.operation());
        out.write('\t');
        out.write(RequestLogLine.parametersOf(request));
        out.write('\t');
        out.write(outcome);
        out.write('\t');
        out.write(result.canonical());
        out.write('\t');
        out.write(businessDate.toString());
        out.write('\t');
        // An identity the replicas do not honour is no identity (and might hold a tab).
        out.write(ClientSessions.usable(client) ? client.toString() : RequestLogLine.NONE);
        out.write('\t');
        out.write(applied ? RequestLogLine.APPLIED : RequestLogLine.REPEAT);
        out.write('\n');
    }

    /** An ordered checkpoint: it takes a sequence number like a request, so it has its line too. */
    void writeCheckpoint(long seq, LocalDate businessDate, String stateFor, String digest) throws IOException {
        writeControl(seq, businessDate, RequestLogLine.CHECKPOINT, stateFor == null ? "-" : stateFor, "OK", "DIGEST " + digest);
    }

    /**
     * An ordered date change (itself stamped {@code businessDate}), and the date from the next request
     * on: IGNORED when it would have gone back.
     */
    void writeDateChange(long seq, LocalDate businessDate, LocalDate date, LocalDate after) throws IOException {
        writeControl(seq, businessDate, RequestLogLine.DATE, date.toString(), date.equals(after) ? "OK" : "IGNORED", "DATE " + after);
    }

    /** This incarnation applied, from {@code fromSeq} on, an order the group never had, and stops (see {@link RequestLogLine#DIVERGED}). */
    void writeDiverged(long fromSeq, LocalDate businessDate) throws IOException {
        writeControl(fromSeq, businessDate, RequestLogLine.DIVERGED, "-", "STOPPED", "DIVERGED FROM " + fromSeq);
    }

    /** A line for what takes a number but is no client's request: no client key, no effect on the bookings. */
    private void writeControl(long seq, LocalDate businessDate, String operation, String parameter, String outcome, String result)
            throws IOException {
        out.write(now() + "\t" + seq + "\t" + operation + "\t" + parameter + "\t" + outcome + "\t" + result + "\t" + businessDate
                + "\t" + RequestLogLine.NONE + "\t" + RequestLogLine.NONE + "\n");
    }

    private String now() {
        long ms = System.currentTimeMillis();
        if (ms != stampMillis) {
            stampMillis = ms;
            stamp = Instant.ofEpochMilli(ms).toString();
        }
        return stamp;
    }

    /** Writes what is buffered to the file (an empty buffer makes no system call). */
    void flush() throws IOException { out.flush(); }

    @Override public void close() throws IOException { out.close(); }
}
