package dmtbs.group.node;

import java.util.List;

/**
 * Fixed admin ports for a deployment on several hosts: each process listens at the deployment's base
 * port plus its place in {@link #NAMES}, so an operator on any host finds every process from the
 * deployment file alone, without reading another host's files. A base of 0 means ephemeral ports,
 * announced in the run directory (one host).
 */
public final class AdminPorts {

    /** Every process that has an admin port; the naming services have none. The second front end came last: the others keep their ports. */
    public static final List<String> NAMES =
            List.of("FrontEnd", "Sequencer", "RM1", "RM2", "RM3", "RM4", "R1", "R2", "R3", "R4", "FrontEnd2");

    private AdminPorts() {}

    /** The port {@code name} listens on: 0 (ephemeral) without a base, else base + its place. */
    public static int port(int base, String name) {
        if (base == 0) return 0;
        int i = NAMES.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no admin port for '" + name + "' (one of " + NAMES + ")");
        return base + i;
    }

    /** The highest port a deployment with this base uses. */
    public static int last(int base) { return base + NAMES.size() - 1; }
}
