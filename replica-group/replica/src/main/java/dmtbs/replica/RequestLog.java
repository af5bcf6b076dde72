package dmtbs.replica;

import dmtbs.booking.Request;
import dmtbs.booking.Result;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The replica's request log (SPEC.md §7): one tab-separated line per applied request with
 * timestamp, sequence number, operation, parameters, outcome (OK or the refusal code) and result.
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
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(long seq, Request request, Result result) throws IOException {
        String outcome = result instanceof Result.Refused r ? r.code().name() : "OK";
        out.write(now());
        out.write('\t');
        out.write(Long.toString(seq));
        out.write('\t');
        out.write(request.operation());
        out.write('\t');
        out.write(String.join(" ", request.arguments()).replace('\n', ' ').replace('\t', ' '));
        out.write('\t');
        out.write(outcome);
        out.write('\t');
        out.write(result.canonical());
        out.write('\n');
    }

    /** An ordered checkpoint: it takes a sequence number like a request, so it has its line too. */
    void writeCheckpoint(long seq, String stateFor, String digest) throws IOException {
        writeControl(seq, "checkpoint", stateFor == null ? "-" : stateFor, "OK", "DIGEST " + digest);
    }

    /** An ordered date change, and the date from the next request on: IGNORED when it would have gone back. */
    void writeDateChange(long seq, LocalDate date, LocalDate after) throws IOException {
        writeControl(seq, "date", date.toString(), date.equals(after) ? "OK" : "IGNORED", "DATE " + after);
    }

    private void writeControl(long seq, String operation, String parameter, String outcome, String result) throws IOException {
        out.write(now() + "\t" + seq + "\t" + operation + "\t" + parameter + "\t" + outcome + "\t" + result + "\n");
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
