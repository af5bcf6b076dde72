package dmtbs.client;

import dmtbs.booking.Request;
import dmtbs.corba.DMTBS.BookingService;
import dmtbs.corba.DMTBS.BookingServiceHelper;
import org.omg.CORBA.ORB;
import org.omg.CosNaming.NamingContextExt;
import org.omg.CosNaming.NamingContextExtHelper;

import java.time.Duration;
import java.util.Properties;

/** A CORBA client's connection to the front end, found by name in the naming service. */
public final class FrontEndConnection implements AutoCloseable {

    private final ORB orb;
    private final BookingService service;
    private final RetryingCaller caller;

    private FrontEndConnection(ORB orb, BookingService service, RetryingCaller caller) {
        this.orb = orb;
        this.service = service;
        this.caller = caller;
    }

    /** {@link #open(String, String, long, Duration)} with {@link RetryingCaller#DEFAULT_BUDGET}. */
    public static FrontEndConnection open(String namingUrl, String name, long replyTimeoutMillis) {
        return open(namingUrl, name, replyTimeoutMillis, RetryingCaller.DEFAULT_BUDGET);
    }

    /**
     * @param namingUrl e.g. {@code corbaloc::127.0.0.1:1050/NameService}
     * @param replyTimeoutMillis how long one call may wait for its reply (JacORB's default is for ever)
     * @param retryBudget how long {@link #call} keeps retrying one call
     */
    public static FrontEndConnection open(String namingUrl, String name, long replyTimeoutMillis, Duration retryBudget) {
        Properties p = new Properties();
        p.setProperty("org.omg.CORBA.ORBClass", "org.jacorb.orb.ORB");
        p.setProperty("org.omg.CORBA.ORBSingletonClass", "org.jacorb.orb.ORBSingleton");
        p.setProperty("jacorb.connection.client.pending_reply_timeout", Long.toString(replyTimeoutMillis));
        // A front end that crashed is started again on the same port under the same object key
        // within seconds: keep trying to connect for 10 s (a call that was never sent is safe to send).
        p.setProperty("jacorb.retries", "40");
        p.setProperty("jacorb.retry_interval", "250");
        FtRequestClientInitializer.enable(p);
        ORB orb = ORB.init(new String[0], p);
        try {
            NamingContextExt nc = NamingContextExtHelper.narrow(orb.string_to_object(namingUrl));
            BookingService service = BookingServiceHelper.narrow(nc.resolve_str(name));
            return new FrontEndConnection(orb, service, new RetryingCaller(retryBudget));
        } catch (Exception e) {
            orb.shutdown(false);
            throw new IllegalStateException("cannot find '" + name + "' in " + namingUrl + ": " + e, e);
        }
    }

    /** Performs the request exactly once, retrying it under one identity (see {@link RetryingCaller}); never throws. */
    public Call call(Request request) { return caller.call(service, request); }

    /** Retries {@link #call} has made on this connection so far. */
    public long retries() { return caller.retries(); }

    public BookingService service() { return service; }

    /** The client's ORB, for other objects on the same connections (the naming service). */
    public ORB orb() { return orb; }

    @Override public void close() { orb.shutdown(false); }
}
