package dmtbs.replica.durable;

import dmtbs.booking.BookingState;

import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot as text: a header (format, sequence number, business day, digests) followed by the
 * state's canonical text (booking-rules.md §6), which any implementation imports, and the replica's client
 * sessions (what each client's latest call was answered, as the replica writes them). Reading checks
 * both digests, so a damaged snapshot is never taken for a state. Format 1 had no sessions. Pure.
 */
public final class SnapshotText {

    private static final String FORMAT_1 = "DMTBS-SNAPSHOT 1";
    private static final String FORMAT = "DMTBS-SNAPSHOT 2";

    private SnapshotText() {}

    /** What a snapshot holds: the state and the client sessions after applying everything up to {@code seq}. */
    public record Snapshot(long seq, long businessDay, String digest, BookingState state, String sessions) {}

    public static String write(long seq, long businessDay, BookingState state, String sessions) {
        String text = state.canonicalText();
        return FORMAT + "\nseq " + seq + "\nday " + businessDay + "\ndigest " + BookingState.sha256Hex(text)
                + "\nsessions " + sessions.length() + " " + BookingState.sha256Hex(sessions) + "\n" + text + sessions;
    }

    /** The snapshot in {@code text}; throws IllegalArgumentException naming what is wrong with it. */
    public static Snapshot read(String text) {
        boolean v1 = text.startsWith(FORMAT_1 + "\n");
        String[] header = text.split("\n", v1 ? 5 : 6);
        if (header.length < (v1 ? 5 : 6) || !(v1 || header[0].equals(FORMAT))) throw new IllegalArgumentException("not a snapshot");
        long seq = Long.parseLong(field(header[1], "seq"));
        long day = Long.parseLong(field(header[2], "day"));
        String digest = field(header[3], "digest");
        String body = header[v1 ? 4 : 5];
        String sessions = "";
        if (!v1) {
            String[] s = field(header[4], "sessions").split(" ");
            int length = Integer.parseInt(s[0]);
            if (s.length != 2 || length < 0 || length > body.length()) throw new IllegalArgumentException("a malformed sessions line");
            sessions = body.substring(body.length() - length);
            body = body.substring(0, body.length() - length);
            if (!BookingState.sha256Hex(sessions).equals(s[1])) throw new IllegalArgumentException("its client sessions do not match their digest");
        }
        if (!BookingState.sha256Hex(body).equals(digest)) throw new IllegalArgumentException("its state does not match its digest");
        return new Snapshot(seq, day, digest, parse(body), sessions);
    }

    private static String field(String line, String name) {
        if (!line.startsWith(name + " ")) throw new IllegalArgumentException("no " + name + " line");
        return line.substring(name.length() + 1);
    }

    /** The state of a canonical text (the digest matched, so the text is as written). */
    static BookingState parse(String canonical) {
        List<BookingState.Show> shows = new ArrayList<>();
        List<BookingState.Booking> bookings = new ArrayList<>();
        boolean inBookings = false;
        for (String line : canonical.split("\n")) {
            if (line.equals("SHOWS")) continue;
            if (line.equals("BOOKINGS")) {
                inBookings = true;
                continue;
            }
            String[] f = line.split("\t", -1);
            if (!inBookings && f.length == 3) shows.add(new BookingState.Show(f[0], f[1], Integer.parseInt(f[2])));
            else if (inBookings && f.length == 4) bookings.add(new BookingState.Booking(f[0], f[1], f[2], Integer.parseInt(f[3])));
            else throw new IllegalArgumentException("a malformed state line: " + line);
        }
        return new BookingState(shows, bookings);
    }
}
