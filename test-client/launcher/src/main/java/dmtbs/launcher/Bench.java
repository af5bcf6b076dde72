package dmtbs.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code bin/dmtbs bench}: starts its own system (own run directory and cluster), measures closed-loop
 * CORBA clients against the replicated service, then with hollow replicas (the path's floor: no
 * booking work), then against one unreplicated implementation behind the same front end code
 * ({@code --direct}), and prints them, their ratios, and what an operation
 * costs in CPU over every JVM (what throughput is made of on a busy machine). Before the system
 * starts it measures the machine: one message's price ({@link HopCost}) and the yardstick,
 * jgroups-raft ({@link RaftYardstick}). Prints figures; asserts nothing.
 */
final class Bench {
    private Bench() {}

    static int run(Path home, Path runDir, List<String> args) throws IOException, InterruptedException {
        double seconds = Dmtbs.takeNumber(args, "--seconds", "10");
        // A dozen fresh JVMs share two cores for JIT compilation: in 30 s steps the replicated path
        // did 340, 740, 1,570, 1,840 ops/s and levelled out at 1,800-2,200 only after 90-120 s.
        double warmup = Dmtbs.takeNumber(args, "--warmup", "120");
        int clients = Dmtbs.takeInt(args, "--clients", "8");
        int namingPort = Dmtbs.takePort(args, "--naming-port", "1059");
        String direct = Dmtbs.take(args, "--direct", "sorted-index");
        checkLoad("bench", clients, seconds, warmup);
        if (!args.isEmpty()) throw new Dmtbs.UsageError("bench [--seconds S] [--warmup S] [--clients N] [--naming-port N] [--direct IMPL]");
        LocalDate today = LocalDate.of(2026, 11, 26);
        Path dir = runDir.resolve("bench");
        SystemSettings s = SystemSettings.of(home, dir, "dmtbs-bench-" + ProcessHandle.current().pid(), namingPort, today, 0);
        try (Cluster c = new Cluster(s, Dmtbs.classpath())) {
            HopCost.Figures hop = hopCost(c);
            RaftYardstick.Figures raft = yardstick(home, dir.resolve("raft"), s.cluster() + "-raft", clients, Math.min(warmup, YARDSTICK_WARMUP), seconds);
            System.out.printf("starting a system in %s …%n", dir);
            c.startEmpty(Duration.ofSeconds(90));
            LoadClients.setUp(s.namingUrl(), today);
            LoadClients.run(s.namingUrl(), clients, warmup, today, 1);
            LoadClients.Figures light = LoadClients.run(s.namingUrl(), 1, Math.min(5, seconds), today, 2);
            Measured replicated = measure(c, s.namingUrl(), clients, seconds, today);
            Measured hollow = measureHollow(c, s.namingUrl(), clients, seconds, today);

            c.stop(Cluster.FRONT_END);
            c.startFrontEnd(Cluster.FRONT_END, "--direct", direct);
            c.awaitFrontEnd(Duration.ofSeconds(60));
            LoadClients.setUp(s.namingUrl(), today);
            LoadClients.run(s.namingUrl(), clients, warmup, today, 1);
            Measured unreplicated = measure(c, s.namingUrl(), clients, seconds, today);

            System.out.println();
            System.out.printf("closed-loop CORBA clients through the front end, %.0f s each after %.0f s warm-up%n", seconds, warmup);
            System.out.printf("replicated, 1 client      %s%n", light);
            System.out.printf("replicated, %d clients     %s%n", clients, replicated.figures());
            System.out.printf("replicated, hollow replicas (no booking work), %d clients %s%n", clients, hollow.figures());
            System.out.printf("unreplicated (%s), %d clients %s%n", direct, clients, unreplicated.figures());
            System.out.printf("replicated / unreplicated throughput: %.2f (hollow replicas: %.2f)%n",
                    replicated.figures().opsPerSecond() / unreplicated.figures().opsPerSecond(),
                    hollow.figures().opsPerSecond() / unreplicated.figures().opsPerSecond());
            System.out.printf("jgroups-raft (the yardstick), %d members, %d clients %s%n", RaftYardstick.MEMBERS.size(), clients,
                    raft == null ? "not measured" : raft);
            if (raft != null) {
                System.out.printf("replicated / jgroups-raft throughput: %.2f%n",
                        replicated.figures().opsPerSecond() / raft.result().opsPerSecond());
            }
            System.out.printf("per operation, over all JVMs of the system and the clients: replicated %s, hollow replicas %s, unreplicated %s%n",
                    replicated.cpu(), hollow.cpu(), unreplicated.cpu());
            c.stopAll();                                     // one system at a time on this machine
            Measured open = withoutKey(home, s, clients, warmup, seconds, today);
            System.out.printf("replicated without the group key (an open group: no encryption), %d clients %s%n", clients, open.summary());
            System.out.printf("the group key's cost: %.2f of the open group's throughput, p50 %.2f ms against %.2f ms%n",
                    replicated.figures().opsPerSecond() / open.figures().opsPerSecond(),
                    replicated.figures().p50Nanos() / 1e6, open.figures().p50Nanos() / 1e6);
            System.out.printf("requests per ordered batch (replicated, %d clients): %s%n", clients,
                    Double.isNaN(replicated.batching()) ? "n/a" : String.format(Locale.ROOT, "%.1f", replicated.batching()));
            System.out.printf("one UDP message between two processes on this machine: %s%n", hop == null ? "not measured" : hop);
            if (hop != null && !Double.isNaN(hop.cpuMicros()) && !Double.isNaN(replicated.batching())) {
                // The messages' price alone, before any work: what the replicated path pays on top of the CORBA calls.
                System.out.printf(Locale.ROOT, "a batch makes %d deliveries (front end to sequencer, the ordered multicast to the %d other members,"
                        + " one result from each replica): %.0f µs CPU per operation for the messages alone%n",
                        MESSAGES_PER_BATCH, GROUP_MEMBERS - 1, MESSAGES_PER_BATCH * hop.cpuMicros() / replicated.batching());
            }
        }
        return 0;
    }

    /** {@code bin/dmtbs bench yardstick}: jgroups-raft alone, for comparing machines or days without the whole bench. */
    static int yardstickAlone(Path home, Path runDir, List<String> args) throws IOException, InterruptedException {
        double seconds = Dmtbs.takeNumber(args, "--seconds", "10");
        double warmup = Dmtbs.takeNumber(args, "--warmup", Double.toString(YARDSTICK_WARMUP));
        int clients = Dmtbs.takeInt(args, "--clients", "8");
        checkLoad("bench yardstick", clients, seconds, warmup);
        if (!args.isEmpty()) throw new Dmtbs.UsageError("bench yardstick [--seconds S] [--warmup S] [--clients N]");
        RaftYardstick.Figures raft = yardstick(home, runDir.resolve("bench").resolve("raft"), "dmtbs-raft-" + ProcessHandle.current().pid(),
                clients, warmup, seconds);
        if (raft == null) return 1;
        System.out.printf("jgroups-raft, %d members, %d clients %s%n", RaftYardstick.MEMBERS.size(), clients, raft);
        return 0;
    }

    private static void checkLoad(String command, int clients, double seconds, double warmup) {
        if (clients < 1 || clients > 512 || seconds <= 0 || warmup < 0) {
            throw new Dmtbs.UsageError(command + ": --clients 1..512, --seconds > 0, --warmup >= 0");
        }
    }

    /** Sequencer, front end, the replicas and one manager each. */
    private static final int GROUP_MEMBERS = 2 + 2 * Cluster.REPLICAS.size();
    /** To the sequencer, the ordered multicast to every other member, one result from each replica. */
    private static final int MESSAGES_PER_BATCH = 1 + (GROUP_MEMBERS - 1) + Cluster.REPLICAS.size();

    /** A closed-loop run, what it cost every process of the system and the clients (this JVM) per operation, and the front end's batching. */
    record Measured(LoadClients.Figures figures, String cpu, double batching) {
        String summary() { return figures + ", CPU per operation " + cpu; }
    }

    /**
     * The same replicated system started again without the group key, measured the same way: what
     * encrypting every message costs. Its own run directory and cluster, after the keyed one stopped.
     */
    private static Measured withoutKey(Path home, SystemSettings keyed, int clients, double warmup, double seconds, LocalDate today)
            throws IOException, InterruptedException {
        SystemSettings s = SystemSettings.of(home, keyed.runDir().resolveSibling("bench-open"),
                keyed.cluster() + "-open", keyed.namingPort() + 1, today, 0).withoutKey();
        System.out.printf("starting a system without the group key in %s …%n", s.runDir());
        try (Cluster c = new Cluster(s, Dmtbs.classpath())) {
            c.startEmpty(Duration.ofSeconds(90));
            LoadClients.setUp(s.namingUrl(), today);
            LoadClients.run(s.namingUrl(), clients, warmup, today, 1);
            return measure(c, s.namingUrl(), clients, seconds, today);
        }
    }

    /** The machine's price of one message, measured before the system starts (so nothing else runs). */
    private static HopCost.Figures hopCost(Cluster c) {
        try {
            return HopCost.measure(c, 40_000);
        } catch (IOException | RuntimeException e) {
            System.out.println("the price of a message was not measured: " + e.getMessage());
            return null;
        }
    }

    /** Four JVMs elect and warm up in seconds: a shorter warm-up than the dozen of the full system. */
    private static final double YARDSTICK_WARMUP = 30;

    /** jgroups-raft measured here, before the system starts (so nothing else runs). */
    private static RaftYardstick.Figures yardstick(Path home, Path dir, String cluster, int clients, double warmup, double seconds)
            throws InterruptedException {
        System.out.printf("measuring the yardstick, jgroups-raft, in %s …%n", dir);
        try {
            return RaftYardstick.measure(home, dir, cluster, clients, warmup, seconds);
        } catch (IOException | RuntimeException e) {
            System.out.println("the yardstick was not measured: " + e.getMessage());
            return null;
        }
    }

    static Measured measure(Cluster c, String namingUrl, int clients, double seconds, LocalDate today)
            throws InterruptedException {
        return measure(c, namingUrl, clients, seconds, today, false);
    }

    /** {@code identified}: the clients send each call with a request identity (see {@link LoadClients#run}). */
    static Measured measure(Cluster c, String namingUrl, int clients, double seconds, LocalDate today, boolean identified)
            throws InterruptedException {
        // Every JVM of the system (each once, warm spares and keepers included) and the clients (this JVM).
        Set<Long> pids = new LinkedHashSet<>();
        pids.add(ProcessHandle.current().pid());
        c.processTree().forEach(h -> pids.add(h.pid()));
        long[] batchesBefore = frontEndBatches(c);
        OptionalLong before = CpuMeter.cpuNanos(pids);
        LoadClients.Figures f = LoadClients.run(namingUrl, clients, seconds, today, 3, identified);
        OptionalLong after = CpuMeter.cpuNanos(pids);
        long[] batchesAfter = frontEndBatches(c);
        String cpu = before.isPresent() && after.isPresent()
                ? CpuMeter.perOperation(before.getAsLong(), after.getAsLong(), f.ops()) : "n/a (no /proc)";
        double batching = batchesBefore != null && batchesAfter != null && batchesAfter[0] > batchesBefore[0]
                ? (double) (batchesAfter[1] - batchesBefore[1]) / (batchesAfter[0] - batchesBefore[0]) : Double.NaN;
        return new Measured(f, cpu, batching);
    }

    /**
     * The replicated path's floor on this machine: every replica answers without applying or logging
     * (ReplicaRole's hollow mode), so what is measured is the messages, the ordering, the vote and
     * the CORBA calls. The booking work can only add to it.
     */
    private static Measured measureHollow(Cluster c, String namingUrl, int clients, double seconds, LocalDate today)
            throws IOException, InterruptedException {
        for (String r : Cluster.REPLICAS) c.admin(r, "fault hollow");
        try {
            LoadClients.run(namingUrl, clients, HOLLOW_WARMUP, today, 4);
            return measure(c, namingUrl, clients, seconds, today);
        } finally {
            for (String r : Cluster.REPLICAS) c.admin(r, "fault heal");
        }
    }

    /** The JVMs are warm from the replicated run; this only lets the new code path compile. */
    private static final double HOLLOW_WARMUP = 10;

    /** The replicated front end's counters: messages to the sequencer and the requests in them (null: not replicated). */
    private static long[] frontEndBatches(Cluster c) {
        try {
            Map<String, Object> status = JsonReader.object(c.admin(Cluster.FRONT_END, "status"));
            if (!(status.get("submits") instanceof Number n) || !(status.get("submitted") instanceof Number r)) return null;
            return new long[] {n.longValue(), r.longValue()};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
