package dmtbs.replica;

import dmtbs.booking.fault.FaultyMachine;
import dmtbs.catalog.Implementations;
import dmtbs.group.msg.Checkpoint;
import dmtbs.group.msg.ClientRequest;
import dmtbs.group.msg.RequestId;
import dmtbs.group.node.GroupConfig;
import dmtbs.group.node.GroupNode;
import dmtbs.group.node.NodeProcess;

/**
 * A replica process. Usage: {@code ReplicaMain <name> <implementation> [--recover] [faultSeed]}, e.g.
 * {@code ReplicaMain R2 sorted-index}; group settings come as -Ddmtbs.* properties. With
 * {@code --recover} it is a replacement: it asks for an ordered checkpoint and starts from the state
 * two other replicas agree on at that point. With {@code --standby} it is a warm spare: JVM started,
 * stack built, hot path compiled ({@link SpareWarmup}), and it waits for the line {@code activate} on its standard input
 * (from its manager) to join as a replacement; end of input (the manager is gone) makes it exit.
 */
public final class ReplicaMain {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReplicaMain.class);

    private ReplicaMain() {}

    public static void main(String[] args) throws Exception {
        java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of(args));
        boolean recover = a.remove("--recover");
        boolean standby = a.remove("--standby");
        if (a.size() < 2 || !Implementations.NAMES.contains(a.get(1))) {
            System.err.println("usage: ReplicaMain <name> <implementation: one of " + Implementations.NAMES + "> [--recover] [faultSeed]");
            System.exit(2);
        }
        String name = a.get(0);
        long seed = a.size() > 2 ? Long.parseLong(a.get(2)) : name.hashCode();
        GroupConfig config = GroupConfig.fromSystemProperties();
        FaultyMachine machine = new FaultyMachine(Implementations.create(a.get(1)), seed);
        ReplicaRole role = new ReplicaRole(name, machine, new RequestLog(config.runDir().resolve("logs").resolve(name + "-requests.log")));
        GroupNode node = new GroupNode(name, config, role);
        role.attach(node);
        if (standby) {
            node.prepare();
            String line = standBy(a.get(1));
            if (line == null || !line.strip().equals("activate")) System.exit(0);
            recover = true;
        }
        if (recover) {
            role.recover();
            node.awaitStateTransfer();
        }
        NodeProcess process = new NodeProcess(node, "replica", role::command, role::status).start();
        if (recover) askForState(node, role, name);
        process.awaitStop();
    }

    /** A warm spare rehearses its hot path (see {@link SpareWarmup}) while it waits for its manager's word. */
    private static String standBy(String implementation) throws java.io.IOException, InterruptedException {
        java.util.concurrent.atomic.AtomicBoolean activated = new java.util.concurrent.atomic.AtomicBoolean();
        Thread warmup = new Thread(() -> {
            long start = System.nanoTime();
            try {
                int n = SpareWarmup.run(implementation, SpareWarmup.STEPS, activated::get);
                log.info("warm spare: rehearsed {} requests in {} ms", n, (System.nanoTime() - start) / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("warm spare: rehearsal failed: {}", e.toString());
            }
        }, "spare-warmup");
        warmup.setDaemon(true);
        warmup.start();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
        activated.set(true);
        warmup.join(1_000);
        return line;
    }

    /** Orders a checkpoint naming this replica, again every 3 s until a state is installed. */
    private static void askForState(GroupNode node, ReplicaRole role, String name) throws InterruptedException {
        String asker = name + "-recover-" + ProcessHandle.current().pid() + "-" + System.currentTimeMillis();
        for (long attempt = 1; role.recovering(); attempt++) {
            node.submit(java.util.List.of(new ClientRequest(new RequestId(asker, attempt), attempt, node.address(), null,
                    new Checkpoint(name))));
            for (int i = 0; i < 30 && role.recovering(); i++) Thread.sleep(100);
        }
    }
}
