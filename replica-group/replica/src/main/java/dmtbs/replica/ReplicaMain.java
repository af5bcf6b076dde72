package dmtbs.replica;

import dmtbs.booking.fault.FaultyMachine;
import dmtbs.catalog.Implementations;
import dmtbs.group.node.GroupConfig;
import dmtbs.group.node.GroupNode;
import dmtbs.group.node.NodeProcess;

/**
 * A replica process. Usage: {@code ReplicaMain <name> <implementation> [faultSeed]}, e.g.
 * {@code ReplicaMain R2 sorted-index}; group settings come as -Ddmtbs.* properties.
 */
public final class ReplicaMain {
    private ReplicaMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !Implementations.NAMES.contains(args[1])) {
            System.err.println("usage: ReplicaMain <name> <implementation: one of " + Implementations.NAMES + "> [faultSeed]");
            System.exit(2);
        }
        String name = args[0];
        long seed = args.length > 2 ? Long.parseLong(args[2]) : name.hashCode();
        GroupConfig config = GroupConfig.fromSystemProperties();
        FaultyMachine machine = new FaultyMachine(Implementations.create(args[1]), seed);
        ReplicaRole role = new ReplicaRole(name, machine, new RequestLog(config.runDir().resolve("logs").resolve(name + "-requests.log")));
        GroupNode node = new GroupNode(name, config, role);
        role.attach(node);
        new NodeProcess(node, "replica", role::command, role::status).start().awaitStop();
    }
}
