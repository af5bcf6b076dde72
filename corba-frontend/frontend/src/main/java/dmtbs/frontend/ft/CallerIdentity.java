package dmtbs.frontend.ft;

import dmtbs.corba.FT.FTRequestServiceContext;
import dmtbs.corba.FtRequestCodec;
import dmtbs.group.msg.ClientKey;
import org.omg.CORBA.LocalObject;
import org.omg.CORBA.ORB;
import org.omg.CORBA.ORBPackage.InvalidName;
import org.omg.PortableInterceptor.Current;
import org.omg.PortableInterceptor.InvalidSlot;

import java.util.function.Supplier;

/**
 * The identity the caller of the call this thread is serving sent in its FT_REQUEST service context,
 * or null if it sent none. {@link FtRequestServerInterceptor} leaves it in a PICurrent slot; JacORB
 * runs that interceptor on the thread that then runs the servant, and gives the slot to that thread.
 */
public final class CallerIdentity extends LocalObject implements Supplier<ClientKey> {

    static final String INITIAL_REFERENCE = "dmtbs.CallerIdentity";

    private final Current current;
    private final int slot;

    CallerIdentity(Current current, int slot) {
        this.current = current;
        this.slot = slot;
    }

    /** The one of an ORB made with {@link FtRequestServerInitializer#enable}. */
    public static CallerIdentity of(ORB orb) {
        try {
            return (CallerIdentity) orb.resolve_initial_references(INITIAL_REFERENCE);
        } catch (InvalidName e) {
            throw new IllegalStateException("this ORB reads no FT_REQUEST service contexts (FtRequestServerInitializer.enable)");
        }
    }

    @Override
    public ClientKey get() {
        try {
            FTRequestServiceContext value = FtRequestCodec.unwrap(current.get_slot(slot));
            return value == null ? null : new ClientKey(value.client_id, value.retention_id);
        } catch (InvalidSlot e) {
            throw new IllegalStateException("the FT_REQUEST slot " + slot + " does not exist", e);
        }
    }
}
