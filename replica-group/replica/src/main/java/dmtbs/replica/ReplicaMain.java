package dmtbs.replica;

import dmtbs.booking.fault.FaultyMachine;
import dmtbs.catalog.Implementations;
import dmtbs.group.msg.Checkpoint;
import dmtbs.group.msg.ClientRequest;
import dmtbs.group.msg.RequestId;
import dmtbs.group.node.GroupConfig;
import dmtbs.group.node.GroupNode;
import dmtbs.group.node.NodeProcess;
import dmtbs.replica.durable.DurableStore;

/**
 * A replica process. Usage: {@code ReplicaMain <name> <implementation> [--recover] [faultSeed]}, e.g.
 * {@code ReplicaMain R2 sorted-index}; group settings come as -Ddmtbs.* properties. It keeps its
 * history in {@code <run-dir>/data/<name>} and, started again on it, continues from there
 * ({@link ReplicaRole#restoreFromDisk}, checked against the group). With
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
        DurableStore store = openStore(config, name);
        ReplicaRole role = new ReplicaRole(name, machine, new RequestLog(config.runDir().resolve("logs").resolve(name + "-requests.log")),
                store, Long.getLong(SNAPSHOT_EVERY, 10_000));
        GroupNode node = new GroupNode(name, config, role);
        role.attach(node);
        if (standby) {
            node.prepare();
            String line = standBy(a.get(1));
            if (line == null || !line.strip().equals("activate")) System.exit(0);
            recover = true;
        }
        try {
            if (recover) {
                if (store != null) store.wipe();             // its state comes from the others
                role.recover();
                node.awaitStateTransfer();
            } else if (store != null) {
                // Whatever the disk holds is checked against the group, nothing included: an empty
                // directory may be a new deployment, but also a lost disk or a replacement stopped
                // before its transfer was written, and one behind the group's logs catches up by a
                // state transfer (a replica that waited at seq 0 for requests nobody holds never did).
                role.restoreFromDisk();
                role.verifyAfterRestart();
            }
        } catch (java.io.IOException e) {
            System.err.println(name + ": cannot use its data directory " + store.directory() + ": " + e);
            System.exit(ReplicaRole.EXIT_STORAGE);
        }
        NodeProcess process = new NodeProcess(node, "replica", role::command, role::status).start();
        if (role.recovering()) askForState(node, role, name);
        process.awaitStop();
    }

    /** Off only to measure what durability costs ({@code -Ddmtbs.durable=false}). */
    static final String DURABLE = "dmtbs.durable";
    /** Requests between snapshots. */
    static final String SNAPSHOT_EVERY = "dmtbs.snapshot_every";

    /** The replica's data directory: {@code <run-dir>/data/<name>}, its history on this host's disk. */
    private static DurableStore openStore(GroupConfig config, String name) {
        if (!Boolean.parseBoolean(System.getProperty(DURABLE, "true"))) return null;
        java.nio.file.Path dir = config.runDir().resolve("data").resolve(name);
        try {
            return DurableStore.open(dir);
        } catch (java.io.IOException e) {
            System.err.println(name + ": cannot use its data directory " + dir + ": " + e);
            System.exit(ReplicaRole.EXIT_STORAGE);
            return null;
        }
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

    /**
     * Orders a checkpoint naming this replica, again every 3 s until a state is installed (or, for a
     * replica restarted from its disk, until its history is confirmed: digests only, unless they differ).
     */
    private static void askForState(GroupNode node, ReplicaRole role, String name) throws InterruptedException {
        String asker = name + "-recover-" + ProcessHandle.current().pid() + "-" + System.currentTimeMillis();
        for (long attempt = 1; role.recovering(); attempt++) {
            node.submit(java.util.List.of(new ClientRequest(new RequestId(asker, attempt), attempt, node.address(), null,
                    new Checkpoint(name, role.verifying()))));
            for (int i = 0; i < 30 && role.recovering(); i++) Thread.sleep(100);
        }
    }
}
