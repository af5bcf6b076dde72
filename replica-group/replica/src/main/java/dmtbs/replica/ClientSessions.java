package dmtbs.replica;

import dmtbs.booking.BookingState;
import dmtbs.booking.RefusalCode;
import dmtbs.booking.Request;
import dmtbs.booking.Result;
import dmtbs.group.msg.ClientKey;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each client's latest state-changing call was answered (Raft's client sessions, FT-CORBA's
 * retention IDs): a retry of that call, ordered again because it came through another front end or
 * after the first one died, gets the same answer and is not applied twice. A client makes one call
 * at a time under its ID, with increasing retention IDs, so only the latest answer is kept; a copy of
 * an older call (the client has moved on) is answered with a refusal and not applied.
 *
 * <p>It is replicated state: every replica sees the same ordered requests, so the table is the same
 * everywhere, including which client is forgotten when it is full (the one whose latest call is the
 * oldest). It travels in snapshots and state transfers and is part of the replica's digest.
 * Queries are not kept: applying one again changes nothing. Pure, single-threaded.
 */
final class ClientSessions {

    /** Clients remembered; past it the one idle longest is forgotten (a retry of its call would apply again). */
    static final int CAPACITY = 100_000;

    /** The answer given to a client's latest call. */
    record Answered(long retention, Result result) {}

    /** Insertion order = order of each client's latest call, oldest first (a repeat call moves to the end). */
    private final LinkedHashMap<String, Answered> byClient = new LinkedHashMap<>();
    private final int capacity;

    ClientSessions() { this(CAPACITY); }

    ClientSessions(int capacity) { this.capacity = capacity; }

    /** The answer for a call already answered (a retry, or a late copy of an older call), or null if it is new. */
    Result answered(ClientKey key) {
        if (!usable(key)) return null;
        Answered a = byClient.get(key.client());
        if (a == null || key.retention() > a.retention()) return null;
        if (key.retention() == a.retention()) return a.result();
        return new Result.Refused(RefusalCode.BAD_REQUEST, "a late copy of an earlier call by " + key.client() + ": not applied");
    }

    /** Keeps the answer to a new call (queries need none). */
    void record(ClientKey key, Request request, Result result) {
        if (!usable(key) || isQuery(request)) return;
        byClient.remove(key.client());
        byClient.put(key.client(), new Answered(key.retention(), result));
        if (byClient.size() > capacity) {
            Iterator<String> oldest = byClient.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /**
     * The front end passes only valid client IDs; one that is not (which only a member holding the
     * group key could order) is treated as no identity, the same way on every replica.
     */
    static boolean usable(ClientKey key) {
        if (key == null || key.client() == null || key.client().isEmpty() || key.client().length() > ClientKey.MAX_CLIENT_LENGTH) {
            return false;
        }
        return key.client().chars().allMatch(c -> c > ' ' && c < 127);
    }

    static boolean isQuery(Request r) {
        return r instanceof Request.ListMovieShowsAvailability || r instanceof Request.GetBookingSchedule;
    }

    int size() { return byClient.size(); }

    boolean isEmpty() { return byClient.isEmpty(); }

    /**
     * One line per client, oldest first: client, retention ID and the answer's canonical text (what
     * is voted on; a refusal's free-text reason differs between implementations and is not kept).
     */
    String text() {
        StringBuilder b = new StringBuilder(byClient.size() * 48);
        for (Map.Entry<String, Answered> e : byClient.entrySet()) {
            b.append(e.getKey()).append('\t').append(e.getValue().retention()).append('\t')
                    .append(e.getValue().result().canonical()).append('\n');
        }
        return b.toString();
    }

    /** The table {@link #text} wrote; throws IllegalArgumentException naming a malformed line. */
    static ClientSessions parse(String text) {
        ClientSessions s = new ClientSessions();
        if (text == null || text.isEmpty()) return s;
        for (String line : text.split("\n")) {
            String[] f = line.split("\t", 3);
            if (f.length != 3) throw new IllegalArgumentException("a malformed client session: " + line);
            s.byClient.put(f[0], new Answered(Long.parseLong(f[1]), resultOf(f[2])));
        }
        return s;
    }

    private static Result resultOf(String canonical) {
        if (canonical.startsWith("OK ")) return new Result.Done(canonical.substring(3));
        if (canonical.startsWith("REFUSED ")) {
            return new Result.Refused(RefusalCode.valueOf(canonical.substring(8)), "the answer this call got the first time");
        }
        throw new IllegalArgumentException("not the answer to a state-changing call: " + canonical);
    }

    /**
     * The replica's digest: its booking state's, followed by the sessions' when there are any (so a
     * system whose clients send no identity keeps the state's digest, which every implementation
     * computes alike). Two replicas with the same digest give a retry the same answer.
     */
    static String digest(String stateDigest, String sessionsText) {
        if (sessionsText == null || sessionsText.isEmpty()) return stateDigest;
        return stateDigest + "+" + BookingState.sha256Hex(sessionsText).substring(0, 16);
    }
}
