package dmtbs.client;

import dmtbs.corba.FtRequestCodec;
import dmtbs.corba.OrbInitializers;
import org.omg.CORBA.LocalObject;
import org.omg.PortableInterceptor.ORBInitInfo;
import org.omg.PortableInterceptor.ORBInitInfoPackage.DuplicateName;
import org.omg.PortableInterceptor.ORBInitializer;

import java.util.Properties;

/** Installs {@link FtRequestClientInterceptor} in a client ORB, which makes it by name ({@link #enable}). */
public final class FtRequestClientInitializer extends LocalObject implements ORBInitializer {

    /** Adds this initializer to an ORB's properties; an ORB that cannot install it does not start. */
    public static void enable(Properties orbProperties) {
        OrbInitializers.enable(orbProperties, FtRequestClientInitializer.class);
    }

    @Override
    public void pre_init(ORBInitInfo info) {
        try {
            info.add_client_request_interceptor(new FtRequestClientInterceptor(FtRequestCodec.of(info)));
        } catch (DuplicateName e) {
            throw new IllegalStateException("the FT_REQUEST client interceptor is installed twice", e);
        }
    }

    @Override public void post_init(ORBInitInfo info) {}
}
