package dmtbs.launcher;

import dmtbs.yardstick.RaftMember;
import dmtbs.yardstick.Result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The product brief's yardstick on this machine, in the bench's own run: jgroups-raft with four member
 * JVMs and closed-loop clients driven through a follower. The brief gives its figure from other
 * machines (~16k ops/s); what one message costs differs by several times between VMs, so the
 * replicated path is compared with the yardstick measured here and now.
 */
final class RaftYardstick {

    static final List<String> MEMBERS = List.of("RaftA", "RaftB", "RaftC", "RaftD");
    /** The last to start: it drives the clients. */
    private static final String DRIVER = MEMBERS.get(MEMBERS.size() - 1);
    /** The first three (a majority of four) elect a leader before the driver starts, so it joins as a follower. */
    private static final long ELECTION_TIMEOUT_MILLIS = 60_000;

    /** The driver's result and every member's CPU per operation. */
    record Figures(Result result, String cpu) {
        @Override public String toString() {
            LoadClients.Figures f = new LoadClients.Figures(result.ops(), result.errors(), result.seconds(), result.p50Nanos(), result.p99Nanos());
            return f + ", through " + result.through() + ", " + cpu + " per operation";
        }
    }

    private RaftYardstick() {}

    /** Starts the four members under {@code dir} (stopped before returning) and drives {@code clients} through the last. */
    static Figures measure(Path home, Path dir, String cluster, int clients, double warmupSeconds, double seconds)
            throws IOException, InterruptedException {
        SystemSettings s = SystemSettings.of(home, dir, cluster, 0, null, 0);
        Path out = dir.resolve("result");
        Files.createDirectories(out);
        try (var old = Files.list(out)) {
            for (Path f : old.toList()) Files.delete(f);                 // markers of an earlier run
        }
        String ids = String.join(",", MEMBERS);
        try (Cluster c = new Cluster(s, Dmtbs.classpath())) {
            List<Long> pids = new ArrayList<>();
            for (String m : MEMBERS) {
                List<String> args = new ArrayList<>(List.of(m, ids, dir.resolve("log").toString(), s.mcastAddr(),
                        Integer.toString(s.mcastPort()), cluster, out.toString()));
                if (m.equals(DRIVER)) {
                    awaitLeader(out, c);
                    args.addAll(List.of("--drive", Integer.toString(clients), Double.toString(warmupSeconds), Double.toString(seconds)));
                }
                pids.add(c.start(m, RaftMember.class.getName(), args, List.of("-Djava.net.preferIPv4Stack=true"), "256m"));
            }
            long deadline = System.nanoTime() + (long) ((warmupSeconds + seconds + 60) * 1e9);
            await(out.resolve("measuring"), deadline, c);
            OptionalLong before = CpuMeter.cpuNanos(pids);
            await(out.resolve("measured"), deadline, c);
            OptionalLong after = CpuMeter.cpuNanos(pids);
            await(out.resolve("result"), deadline, c);
            Result r = Result.parse(Files.readString(out.resolve("result")));
            String cpu = before.isPresent() && after.isPresent()
                    ? CpuMeter.perOperation(before.getAsLong(), after.getAsLong(), r.ops()) : "n/a (no /proc)";
            return new Figures(r, cpu);
        }
    }

    private static void awaitLeader(Path out, Cluster c) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + ELECTION_TIMEOUT_MILLIS * 1_000_000;
        while (true) {
            try (var markers = Files.list(out)) {
                if (markers.anyMatch(f -> f.getFileName().toString().startsWith("leader-seen-by-"))) return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the yardstick's first members elected no leader in " + ELECTION_TIMEOUT_MILLIS / 1000 + " s (see "
                        + c.logFile(MEMBERS.get(0)) + ")");
            }
            Thread.sleep(20);
        }
    }

    private static void await(Path file, long deadlineNanos, Cluster c) throws InterruptedException, IOException {
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadlineNanos || !c.alive(DRIVER)) {
                throw new IOException(String.format(Locale.ROOT, "the yardstick's driver %s before %s (see %s)",
                        c.alive(DRIVER) ? "was too slow" : "exited", file.getFileName(), c.logFile(DRIVER)));
            }
            Thread.sleep(5);
        }
    }
}
