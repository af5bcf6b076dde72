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
 * The yardstick on this machine, in the bench's own run: jgroups-raft with four member JVMs and
 * closed-loop clients driven through a follower. Its reference figure (~16k ops/s) comes from other
 * machines; what one message costs differs by several times between VMs, so the
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
                    // A majority of four is three: the first three elect together, so once the first knows a leader, there is one.
                    String first = MEMBERS.get(0);
                    await(out.resolve(RaftMember.LEADER_MARKER_PREFIX + first), System.nanoTime() + ELECTION_TIMEOUT_MILLIS * 1_000_000, c, first);
                    args.addAll(List.of("--drive", Integer.toString(clients), Double.toString(warmupSeconds), Double.toString(seconds)));
                }
                pids.add(c.start(m, RaftMember.class.getName(), args, List.of("-Djava.net.preferIPv4Stack=true"), "256m"));
            }
            long deadline = System.nanoTime() + (long) ((warmupSeconds + seconds + 60) * 1e9);
            await(out.resolve("measuring"), deadline, c, DRIVER);
            OptionalLong before = CpuMeter.cpuNanos(pids);
            await(out.resolve("measured"), deadline, c, DRIVER);
            OptionalLong after = CpuMeter.cpuNanos(pids);
            await(out.resolve("result"), deadline, c, DRIVER);
            Result r = Result.parse(Files.readString(out.resolve("result")));
            String cpu = before.isPresent() && after.isPresent()
                    ? CpuMeter.perOperation(before.getAsLong(), after.getAsLong(), r.ops()) : "n/a (no /proc)";
            return new Figures(r, cpu);
        }
    }

    /** Waits for {@code member} to write {@code file}; fails if it exits or the deadline passes first. */
    private static void await(Path file, long deadlineNanos, Cluster c, String member) throws InterruptedException, IOException {
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadlineNanos || !c.alive(member)) {
                throw new IOException(String.format(Locale.ROOT, "the yardstick's %s %s before %s (see %s)",
                        member, c.alive(member) ? "was too slow" : "exited", file.getFileName(), c.logFile(member)));
            }
            Thread.sleep(5);
        }
    }
}
