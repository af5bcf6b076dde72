package dmtbs.corba;

import org.omg.PortableInterceptor.ORBInitializer;

import java.util.Properties;

/** Registers portable-interceptor initializers in a JacORB ORB's properties. */
public final class OrbInitializers {

    private OrbInitializers() {}

    /**
     * Has the ORB made from these properties run {@code initializer} (by name, so it needs a public
     * no-argument constructor). JacORB's default is to drop an initializer that fails, with a warning,
     * and run without its interceptors; here {@code ORB.init} fails instead.
     */
    public static void enable(Properties orbProperties, Class<? extends ORBInitializer> initializer) {
        orbProperties.setProperty("org.omg.PortableInterceptor.ORBInitializerClass." + initializer.getName(), "");
        orbProperties.setProperty("jacorb.orb_initializer.fail_on_error", "on");
    }
}
