package dmtbs.client;

import dmtbs.corba.FT.FTRequestServiceContext;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The identity of the call this thread is making, as FT-CORBA's FT_REQUEST service context carries it:
 * the client's ID, its retention ID for the call (IDL {@code long}: 32 bits on the wire) and when the
 * replicas may forget the call. A retry sends the same identity, so the replicas apply the call once.
 * It lives in a thread-local because the CORBA stub's signature has no room for it: the client
 * interceptor ({@link FtRequestClientInterceptor}), which runs on the calling thread, picks it up.
 */
public record RequestIdentity(String client, int retention, Instant expires) {

    private static final ThreadLocal<RequestIdentity> CURRENT = new ThreadLocal<>();

    /** TimeBase::TimeT counts from the start of the Gregorian calendar. */
    private static final Instant TIME_T_EPOCH = Instant.parse("1582-10-15T00:00:00Z");

    /** The identity of the call the current thread is making, or null. */
    public static RequestIdentity current() { return CURRENT.get(); }

    /** Runs {@code call} with this identity on the current thread, and clears it after. */
    public <T> T during(Supplier<T> call) {
        RequestIdentity outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return call.get();
        } finally {
            if (outer == null) CURRENT.remove();
            else CURRENT.set(outer);
        }
    }

    /** The service context's value. */
    public FTRequestServiceContext serviceContext() {
        return new FTRequestServiceContext(client, retention, timeT(expires));
    }

    /** TimeBase::TimeT: 100 ns units since 1582-10-15 00:00 UTC. */
    static long timeT(Instant t) {
        Duration since = Duration.between(TIME_T_EPOCH, t);
        return since.getSeconds() * 10_000_000L + since.getNano() / 100;
    }
}
