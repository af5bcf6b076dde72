package dmtbs.client;

import dmtbs.booking.Request;
import dmtbs.corba.DMTBS.BookingService;
import dmtbs.corba.DMTBS.BookingServiceHelper;
import dmtbs.corba.NamingUrls;
import org.omg.CORBA.ORB;
import org.omg.CosNaming.NamingContextExt;
import org.omg.CosNaming.NamingContextExtHelper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A CORBA client's connection to the service: every front end bound in the naming service (the one
 * named, and a second one on another host if the deployment runs one), found through the first
 * naming service of the URL that answers.
 */
public final class FrontEndConnection implements AutoCloseable {

    /** The names front ends are bound under; the second one is optional. */
    public static final List<String> FRONT_ENDS = List.of("FrontEnd", "FrontEnd2");

    private final ORB orb;
    private final List<BookingService> frontEnds;
    private final RetryingCaller caller;

    private FrontEndConnection(ORB orb, List<BookingService> frontEnds, RetryingCaller caller) {
        this.orb = orb;
        this.frontEnds = frontEnds;
        this.caller = caller;
    }

    /** {@link #open(String, String, long, Duration)} with {@link RetryingCaller#DEFAULT_BUDGET}. */
    public static FrontEndConnection open(String namingUrl, String name, long replyTimeoutMillis) {
        return open(namingUrl, name, replyTimeoutMillis, RetryingCaller.DEFAULT_BUDGET);
    }

    /**
     * @param namingUrl e.g. {@code corbaloc::127.0.0.1:1050/NameService}, or one that names several
     *        naming services ({@code corbaloc::10.0.0.1:1050,:10.0.0.2:1050/NameService}), asked in turn
     * @param name the front end to use first; every other one bound ({@link #FRONT_ENDS}) is the fallback
     * @param replyTimeoutMillis how long one call may wait for its reply (JacORB's default is for ever)
     * @param retryBudget how long {@link #call} keeps retrying one call
     */
    public static FrontEndConnection open(String namingUrl, String name, long replyTimeoutMillis, Duration retryBudget) {
        List<String> namings = NamingUrls.split(namingUrl);
        int retries = namings.size() > 1 ? CONNECT_RETRIES_WITH_ANOTHER : CONNECT_RETRIES_ALONE;
        ORB orb = ORB.init(new String[0], orbProperties(replyTimeoutMillis, retries));
        String problems = "";
        for (String url : namings) {
            try {
                NamingContextExt nc = NamingContextExtHelper.narrow(orb.string_to_object(url));
                // The named one first, then the others; any one bound will do (a naming service
                // restarted while the first front end's host is down knows only the second).
                List<BookingService> found = new ArrayList<>();
                resolveIfBound(nc, name).ifPresent(found::add);
                for (String other : FRONT_ENDS) {
                    if (!other.equals(name)) resolveIfBound(nc, other).ifPresent(found::add);
                }
                if (found.isEmpty()) throw new IllegalStateException("no front end bound (" + name + " or another of " + FRONT_ENDS + ")");
                if (found.size() == 1 || retries == CONNECT_RETRIES_WITH_ANOTHER) {
                    return new FrontEndConnection(orb, List.copyOf(found), new RetryingCaller(retryBudget));
                }
                // Another front end can take the call: a few tries to reach one, then on to the other.
                ORB quick = ORB.init(new String[0], orbProperties(replyTimeoutMillis, CONNECT_RETRIES_WITH_ANOTHER));
                List<BookingService> moved = found.stream()
                        .map(f -> BookingServiceHelper.narrow(quick.string_to_object(orb.object_to_string(f)))).toList();
                orb.shutdown(false);
                return new FrontEndConnection(quick, moved, new RetryingCaller(retryBudget));
            } catch (Exception e) {
                problems += (problems.isEmpty() ? "" : "; ") + url + ": " + e;
            }
        }
        orb.shutdown(false);
        throw new IllegalStateException("cannot find '" + name + "' in " + namingUrl + ": " + problems);
    }

    /**
     * A front end that crashed is started again on the same port under the same object key within
     * seconds: alone, a client keeps trying to connect to it for 10 s (a call that was never sent is
     * safe to send). With another front end or naming service, it tries twice, 250 ms apart (each try
     * bounded by {@link ConnectTimeoutSocketFactory}'s 1 s for a host that does not answer), and then
     * moves on.
     */
    private static final int CONNECT_RETRIES_ALONE = 40, CONNECT_RETRIES_WITH_ANOTHER = 1;

    private static Properties orbProperties(long replyTimeoutMillis, int connectRetries) {
        Properties p = new Properties();
        p.setProperty("org.omg.CORBA.ORBClass", "org.jacorb.orb.ORB");
        p.setProperty("org.omg.CORBA.ORBSingletonClass", "org.jacorb.orb.ORBSingleton");
        p.setProperty("jacorb.connection.client.pending_reply_timeout", Long.toString(replyTimeoutMillis));
        p.setProperty("jacorb.retries", Integer.toString(connectRetries));
        p.setProperty("jacorb.retry_interval", "250");
        p.setProperty("jacorb.net.socket_factory", ConnectTimeoutSocketFactory.class.getName());
        FtRequestClientInitializer.enable(p);
        return p;
    }

    private static java.util.Optional<BookingService> resolveIfBound(NamingContextExt nc, String name) throws Exception {
        try {
            return java.util.Optional.of(BookingServiceHelper.narrow(nc.resolve_str(name)));
        } catch (org.omg.CosNaming.NamingContextPackage.NotFound e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Performs the request exactly once, retrying it under one identity, at the other front end if
     * there is one (see {@link RetryingCaller}); never throws.
     */
    public Call call(Request request) { return caller.call(frontEnds, request); }

    /** The identity of this thread's next call (see {@link RetryingCaller#newIdentity}). */
    public RequestIdentity newIdentity() { return caller.newIdentity(); }

    /** As {@link #call(Request)}, under {@code identity} from {@link #newIdentity}. */
    public Call call(Request request, RequestIdentity identity) { return caller.call(frontEnds, request, identity); }

    /** How many front ends this connection knows. */
    public int frontEnds() { return frontEnds.size(); }

    /** Every front end this connection knows, the named one first. */
    public List<BookingService> all() { return frontEnds; }

    /** How often calls moved on to another front end. */
    public long switches() { return caller.switches(); }

    /** Retries {@link #call} has made on this connection so far. */
    public long retries() { return caller.retries(); }

    /** The first front end, for a single call without retries. */
    public BookingService service() { return frontEnds.get(0); }

    /** The client's ORB, for other objects on the same connections (the naming service). */
    public ORB orb() { return orb; }

    @Override public void close() { orb.shutdown(false); }
}
