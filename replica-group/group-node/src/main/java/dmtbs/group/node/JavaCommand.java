package dmtbs.group.node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How every JVM of the system starts, whether the launcher or a replica manager starts it: this
 * JVM's java, a bounded heap, the serial collector (small heaps, two cores), exit on running out of
 * memory (a manager replaces a dead replica, not a limping one), and the experimenter's extra options.
 */
public final class JavaCommand {

    /** System property with extra JVM options for experiments (GC logs, a profiler agent), space-separated. */
    public static final String EXTRA_OPTIONS = "dmtbs.jvm_opts";

    private JavaCommand() {}

    /** The command line up to the JVM's own options; callers add properties, class path and main class. */
    public static List<String> start(String heap) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        // The product's logging (INFO to standard output, see logback.xml) even when started from a
        // test's class path, whose logback-test.xml (quiet, for the in-process simulation) would win.
        cmd.add("-Dlogback.configurationFile=logback.xml");
        for (String o : System.getProperty(EXTRA_OPTIONS, "").split(" ")) if (!o.isBlank()) cmd.add(o);
        return cmd;
    }
}
