package dmtbs.rm;

import dmtbs.group.node.GroupConfig;
import dmtbs.group.node.GroupNode;
import dmtbs.group.node.NodeProcess;

/**
 * A replica manager process: {@code RmMain <name> <replica> <implementation> [--fresh]}, e.g.
 * {@code RmMain RM2 R2 sorted-index --fresh}. It joins the group, then adopts its replica if one is
 * still running (the manager was restarted) or starts it: fresh when the whole system starts, as a
 * recovering replacement otherwise.
 */
public final class RmMain {
    private RmMain() {}

    public static void main(String[] args) throws Exception {
        java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of(args));
        boolean fresh = a.remove("--fresh");
        if (a.size() != 3) {
            System.err.println("usage: RmMain <name> <replica> <implementation> [--fresh]");
            System.exit(2);
        }
        GroupConfig config = GroupConfig.fromSystemProperties();
        ReplicaSupervisor supervisor = new ReplicaSupervisor(a.get(1), a.get(2), config.runDir(),
                dmtbs.group.node.GroupKey.adminToken(config.keyFile()));
        RmRole role = new RmRole(a.get(0), a.get(1), supervisor);
        GroupNode node = new GroupNode(a.get(0), config, role);
        role.attach(node);
        NodeProcess process = new NodeProcess(node, "rm", line -> null, role::status).start();
        var running = supervisor.running();
        if (running.isPresent()) supervisor.adopt(running.get(), role::onReplicaExit);
        else supervisor.start(!fresh, role::onReplicaExit);
        role.replicaRunning();
        Runtime.getRuntime().addShutdownHook(new Thread(role::stop));
        process.awaitStop();
    }
}
