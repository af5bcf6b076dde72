package dmtbs.client;

import dmtbs.corba.DMTBS.BookingService;
import dmtbs.corba.DMTBS.BookingServiceHelper;
import org.omg.CORBA.ORB;
import org.omg.CosNaming.NamingContextExt;
import org.omg.CosNaming.NamingContextExtHelper;

import java.util.Properties;

/** A CORBA client's connection to the front end, found by name in the naming service. */
public final class FrontEndConnection implements AutoCloseable {

    private final ORB orb;
    private final BookingService service;

    private FrontEndConnection(ORB orb, BookingService service) {
        this.orb = orb;
        this.service = service;
    }

    /**
     * @param namingUrl e.g. {@code corbaloc::127.0.0.1:1050/NameService}
     * @param replyTimeoutMillis how long one call may wait for its reply (JacORB's default is for ever)
     */
    public static FrontEndConnection open(String namingUrl, String name, long replyTimeoutMillis) {
        Properties p = new Properties();
        p.setProperty("org.omg.CORBA.ORBClass", "org.jacorb.orb.ORB");
        p.setProperty("org.omg.CORBA.ORBSingletonClass", "org.jacorb.orb.ORBSingleton");
        p.setProperty("jacorb.connection.client.pending_reply_timeout", Long.toString(replyTimeoutMillis));
        // A front end that crashed is started again on the same port under the same object key
        // within seconds: keep trying to connect for 10 s (a call that was never sent is safe to send).
        p.setProperty("jacorb.retries", "40");
        p.setProperty("jacorb.retry_interval", "250");
        ORB orb = ORB.init(new String[0], p);
        try {
            NamingContextExt nc = NamingContextExtHelper.narrow(orb.string_to_object(namingUrl));
            BookingService service = BookingServiceHelper.narrow(nc.resolve_str(name));
            return new FrontEndConnection(orb, service);
        } catch (Exception e) {
            orb.shutdown(false);
            throw new IllegalStateException("cannot find '" + name + "' in " + namingUrl + ": " + e, e);
        }
    }

    public BookingService service() { return service; }

    /** The client's ORB, for other objects on the same connections (the naming service). */
    public ORB orb() { return orb; }

    @Override public void close() { orb.shutdown(false); }
}
