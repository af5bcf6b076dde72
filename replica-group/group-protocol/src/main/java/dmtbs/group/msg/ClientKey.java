package dmtbs.group.msg;

/**
 * A client's own identity for one call, as FT-CORBA's FT_REQUEST service context carries it: the
 * client's ID and its retention ID for the call, the same on every retry. Replicas answer a retry
 * with the result they gave the first time, without applying it again ({@code ClientSessions}).
 * A client makes one call at a time under one ID, with increasing retention IDs.
 */
public record ClientKey(String client, long retention) {

    /** Longer client IDs are refused at the front end: each one is a row the replicas keep. */
    public static final int MAX_CLIENT_LENGTH = 64;

    @Override public String toString() { return client + "@" + retention; }
}
