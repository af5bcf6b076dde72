package dmtbs.system;

import dmtbs.client.FrontEndConnection;
import dmtbs.launcher.Cluster;
import dmtbs.launcher.Dmtbs;
import dmtbs.launcher.SystemSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A whole system of real JVMs for one test class: its own run directory, cluster name (hence its own
 * multicast address and port) and naming port, so test classes never see each other. Stops every
 * process it started, by PID.
 */
final class SystemUnderTest implements AutoCloseable {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    final Cluster cluster;
    final SystemSettings settings;
    private final Runnable stop;

    private SystemUnderTest(Cluster cluster, Runnable stop) {
        this.cluster = cluster;
        this.settings = cluster.settings();
        this.stop = stop;
    }

    /** The project's root (the tests run in their module's directory). */
    static Path home() { return Path.of(System.getProperty("dmtbs.home", "../..")).toAbsolutePath().normalize(); }

    static SystemUnderTest start(String name, int namingPort, double discard) throws Exception {
        Path home = home();
        Path runDir = emptyRunDir(name);
        String clusterName = "dmtbs-test-" + name + "-" + ProcessHandle.current().pid();
        SystemSettings s = SystemSettings.of(home, runDir, clusterName, namingPort, TODAY, discard);
        Cluster c = new Cluster(s, System.getProperty("java.class.path"));
        SystemUnderTest sut = new SystemUnderTest(c, c::stopAll);
        try {
            c.startAll(Duration.ofSeconds(120));
        } catch (Exception e) {
            sut.close();
            throw e;
        }
        return sut;
    }

    private static Path emptyRunDir(String name) throws IOException {
        Path runDir = Path.of("target", "e2e", name).toAbsolutePath();
        if (Files.exists(runDir)) {
            try (var files = Files.walk(runDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return runDir;
    }

    /**
     * The system as a lab of network-namespace hosts ({@code bin/dmtbs lab up}, the multi-host code
     * path), started and, on close, taken down through the launcher's own commands.
     */
    static SystemUnderTest lab(String name, String transport) throws Exception {
        Path runDir = emptyRunDir(name);
        String[] down = {"lab", "down", "--run-dir", runDir.toString(), "--home", home().toString()};
        int up = Dmtbs.run(new String[] {"lab", "up", "--run-dir", runDir.toString(), "--home", home().toString(),
                "--date", TODAY.toString(), "--transport", transport});
        if (up != 0) {
            Dmtbs.run(down);
            throw new IllegalStateException("lab up exited with " + up + " (see " + runDir.resolve("logs") + ")");
        }
        return new SystemUnderTest(Dmtbs.attach(home(), runDir), () -> Dmtbs.run(down));
    }

    FrontEndConnection connect() { return FrontEndConnection.open(settings.namingUrl(), Cluster.FRONT_END, 20_000); }

    /** Admin status of a replica: its last applied sequence number, and a state digest and the number it belongs to. */
    record ReplicaState(String name, long lastApplied, long digestAt, String digest) {
        /** The digest is of the state as it is now (a replica may answer with an earlier digest when hashing is costly). */
        boolean current() { return digestAt == lastApplied; }
    }

    ReplicaState state(String replica) throws IOException {
        String status = cluster.admin(replica, "status");
        return new ReplicaState(replica, Long.parseLong(field(status, "lastApplied")), Long.parseLong(field(status, "digestAt")),
                field(status, "digest"));
    }

    /** Waits until the given replicas have applied the same number of requests and report digests of exactly that state. */
    List<ReplicaState> awaitConverged(List<String> replicas, Duration timeout) throws Exception {
        return await(replicas, timeout, s -> atOneNumber(s) && s.stream().map(ReplicaState::digest).distinct().count() == 1);
    }

    /** {@link #awaitConverged}, then the check that the replicas agree: one digest among them. Returns their states. */
    List<ReplicaState> assertConverged(List<String> replicas, Duration timeout) throws Exception {
        List<ReplicaState> states = awaitConverged(replicas, timeout);
        org.junit.jupiter.api.Assertions.assertEquals(1, states.stream().map(ReplicaState::digest).distinct().count(), states.toString());
        return states;
    }

    /** One field of a process's admin status, as text (quotes stripped). */
    String statusField(String process, String key) throws IOException {
        return field(cluster.admin(process, "status"), key);
    }

    /** Every replica reports a digest of its current state, and all have applied the same number of requests. */
    static boolean atOneNumber(List<ReplicaState> states) {
        return states.stream().allMatch(ReplicaState::current)
                && states.stream().map(ReplicaState::lastApplied).distinct().count() == 1;
    }

    /** Polls the replicas' states until {@code done} holds for them or the time is up; returns the last states read. */
    List<ReplicaState> await(List<String> replicas, Duration timeout, java.util.function.Predicate<List<ReplicaState>> done)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ReplicaState> states = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            states.clear();
            try {
                for (String r : replicas) states.add(state(r));
            } catch (IOException | RuntimeException e) {
                Thread.sleep(200);                      // a replacement not answering yet: wait for it
                continue;
            }
            if (done.test(states)) return states;
            Thread.sleep(200);
        }
        return states;
    }

    /**
     * A replica's request log as seq -> "operation\tparameters\toutcome\tresult" (booking-rules.md §7), up to
     * seq {@code upTo}: the replicas keep applying (the managers' digest checkpoints), so only a
     * prefix that every replica has applied compares.
     */
    java.util.NavigableMap<Long, String> requestLog(String replica, long upTo) throws IOException {
        TreeMap<Long, String> log = new TreeMap<>();
        for (String line : Files.readAllLines(cluster.requestLog(replica))) {
            String[] f = line.split("\t", 3);
            if (f.length < 3 || Long.parseLong(f[1]) > upTo) continue;   // later, or a line still being written
            String previous = log.put(Long.parseLong(f[1]), f[2]);
            if (previous != null) throw new AssertionError(replica + " applied seq " + f[1] + " twice");
        }
        return log;
    }

    private static String field(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\"?([^,\"}]*)").matcher(json);
        if (!m.find()) throw new IllegalStateException("no " + key + " in " + json);
        return m.group(1);
    }

    @Override public void close() { stop.run(); }
}
