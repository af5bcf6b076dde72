package dmtbs.frontend.ft;

import dmtbs.corba.FtRequestCodec;
import dmtbs.corba.OrbInitializers;
import org.omg.CORBA.LocalObject;
import org.omg.PortableInterceptor.CurrentHelper;
import org.omg.PortableInterceptor.ORBInitInfo;
import org.omg.PortableInterceptor.ORBInitInfoPackage.DuplicateName;
import org.omg.PortableInterceptor.ORBInitInfoPackage.InvalidName;
import org.omg.PortableInterceptor.ORBInitializer;

import java.util.Properties;

/**
 * Installs {@link FtRequestServerInterceptor} in the front end's ORB with a PICurrent slot of its own,
 * and registers the {@link CallerIdentity} that reads that slot as an initial reference, so the
 * servant finds its own ORB's slot. JacORB makes the initializer by name ({@link #enable}).
 */
public final class FtRequestServerInitializer extends LocalObject implements ORBInitializer {

    private int slot;

    /** Adds this initializer to an ORB's properties; an ORB that cannot install it does not start. */
    public static void enable(Properties orbProperties) {
        OrbInitializers.enable(orbProperties, FtRequestServerInitializer.class);
    }

    @Override
    public void pre_init(ORBInitInfo info) {
        slot = info.allocate_slot_id();
        try {
            info.add_server_request_interceptor(new FtRequestServerInterceptor(FtRequestCodec.of(info), slot));
        } catch (DuplicateName e) {
            throw new IllegalStateException("the FT_REQUEST server interceptor is installed twice", e);
        }
    }

    /** PICurrent may only be resolved here, not in pre_init. */
    @Override
    public void post_init(ORBInitInfo info) {
        try {
            info.register_initial_reference(CallerIdentity.INITIAL_REFERENCE,
                    new CallerIdentity(CurrentHelper.narrow(info.resolve_initial_references("PICurrent")), slot));
        } catch (InvalidName e) {
            throw new IllegalStateException("cannot register the caller identity: " + e, e);
        }
    }
}
