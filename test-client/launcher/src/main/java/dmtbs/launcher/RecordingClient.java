package dmtbs.launcher;

import dmtbs.booking.Request;
import dmtbs.client.Call;
import dmtbs.client.FrontEndConnection;
import dmtbs.client.RequestIdentity;
import dmtbs.launcher.history.RecordedCall;

import java.util.List;

/**
 * A chaos client: every call goes through its connection exactly-once (retried under one identity)
 * and is recorded with that identity, its start and end, and its answer, or none when the outcome is
 * unknown. One thread per client: the identity is the calling thread's.
 */
final class RecordingClient implements AutoCloseable {

    private final FrontEndConnection connection;
    private final List<RecordedCall> history;

    /** @param history where calls are recorded; shared by the clients, so thread-safe */
    RecordingClient(String namingUrl, List<RecordedCall> history) {
        this.connection = FrontEndConnection.open(namingUrl, Cluster.FRONT_END, 20_000);
        this.history = history;
    }

    RecordedCall call(Request request) {
        RequestIdentity identity = connection.newIdentity();
        long start = System.nanoTime();
        Call call = connection.call(request, identity);
        long end = System.nanoTime();
        // Unavailable or a broken connection after the retries: it may or may not have been applied.
        boolean answered = call.outcome() == Call.Outcome.OK || call.outcome() == Call.Outcome.REFUSED;
        RecordedCall recorded = new RecordedCall(identity.client() + "@" + identity.retention(), request, start, end,
                answered ? call.canonical() : null);
        history.add(recorded);
        return recorded;
    }

    @Override public void close() { connection.close(); }
}
