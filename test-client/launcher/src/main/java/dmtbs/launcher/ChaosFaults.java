package dmtbs.launcher;

import dmtbs.launcher.history.RecordedCall;
import dmtbs.launcher.lab.LabNetwork;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The faults of a chaos run, drawn from its seed: one at a time, each once the group is whole again
 * (four replicas answering, none recovering, none answering wrongly), the kinds dealt from a freshly
 * shuffled deck each round so that every kind comes up. A fault counts only when confirmed: the
 * process died, the kernel shows it stopped, the replica reports the new mode, its own counter shows
 * the messages it lost. Each confirmed fault has a window, from its injection until the group is
 * whole again (for message loss, until it is switched off), in which calls are counted.
 *
 * <p>A killed front end is started again by its keeper on the same port with the same object
 * reference; the clients' calls in flight are sent again under their identity, so none is applied
 * twice (the history check would see it).
 */
final class ChaosFaults {

    enum Kind {
        CRASH("kill -9 a replica"),
        WRONG("a replica answers wrongly"),
        CRASH_AND_WRONG("kill -9 a replica while another answers wrongly"),
        FREEZE("freeze a replica (SIGSTOP)"),
        LOSS("a replica loses 5% of its messages"),
        SEQUENCER("kill -9 the member that orders"),
        FRONT_END("kill -9 the front end (its keeper starts it again)"),
        /** On the lab only: a replica's host off the network (its veth link down) for a few seconds. */
        HOST_CUT("cut a replica's host off the network"),
        /** On the lab only: the ordering member's host off the network; another host takes over ordering. */
        ORDERING_HOST_CUT("cut the ordering member's host off the network");

        final String label;

        Kind(String label) { this.label = label; }

        /**
         * The kinds for a system on one machine, or on the lab. On the lab, a killed front end or
         * manager would have to be started again inside its host's namespace, which chaos does not do;
         * cutting the hosts of the sequencer and of replicas off the network stands in for those kills.
         */
        static List<Kind> on(boolean lab) {
            return Arrays.stream(values()).filter(k -> lab ? k != SEQUENCER && k != FRONT_END : k != HOST_CUT && k != ORDERING_HOST_CUT).toList();
        }
    }

    /** One fault: what was done and when ({@code System.nanoTime}); {@code problem} null when confirmed. */
    record Fault(Kind kind, String what, long startNanos, long endNanos, String problem, boolean wholeAgain) {
        boolean confirmed() { return problem == null; }
    }

    /** The faults of a run. */
    record Faults(List<Fault> all) {
        /**
         * At least one confirmed fault for every 15 s of load (30 s on the lab, where a healed host
         * rejoins only when the partitions merge, 20–30 s later): fewer, and the run proved too little.
         */
        static int expected(double seconds, boolean lab) { return Math.max(1, (int) (seconds / (lab ? 30 : 15))); }

        List<Fault> confirmed() { return all.stream().filter(Fault::confirmed).toList(); }

        long injected(Kind k) { return all.stream().filter(f -> f.kind() == k).count(); }

        long confirmed(Kind k) { return confirmed().stream().filter(f -> f.kind() == k).count(); }

        /** Acknowledged calls that ended inside a confirmed fault's window. */
        long acknowledgedDuring(List<RecordedCall> calls) {
            return calls.stream().filter(RecordedCall::acknowledged)
                    .filter(c -> confirmed().stream().anyMatch(f -> f.startNanos() <= c.endNanos() && c.endNanos() <= f.endNanos()))
                    .count();
        }
    }

    /** The longest a fault may take to heal before the next one is given up on. */
    private static final long RECOVERY_LIMIT_NANOS = 60_000_000_000L;

    private final Cluster cluster;
    /** The lab's network when the system runs on the lab, else null. */
    private final LabNetwork lab;
    private final SplittableRandom random;
    private final PrintStream out;
    private final long startNanos;
    private final List<Kind> deck = new ArrayList<>();
    private final List<Fault> faults = new ArrayList<>();

    ChaosFaults(Cluster cluster, long seed, LabNetwork lab, PrintStream out) {
        this.cluster = cluster;
        this.lab = lab;
        this.random = new SplittableRandom(seed);
        this.out = out;
        this.startNanos = System.nanoTime();
    }

    /** Injects faults for {@code seconds}; returns them once the last has healed or the time is up. */
    Faults run(double seconds) throws InterruptedException {
        long end = startNanos + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            Thread.sleep(1_000 + random.nextInt(2_000));   // calm between faults, so calls get through whole
            // Waiting for the group may take until the end: no fault is begun after it.
            if (!awaitWhole(end) || System.nanoTime() >= end) break;
            Fault f = inject(next(), end);
            faults.add(f);
            out.printf("  %5.1f s  %s%s%n", (f.startNanos() - startNanos) / 1e9, f.what(), f.confirmed()
                    ? " (confirmed; " + (f.wholeAgain() ? "whole again after " : "not whole again when the time was up, ")
                            + String.format("%.1f", (f.endNanos() - f.startNanos()) / 1e9) + " s)"
                    : ": NOT injected (" + f.problem() + ")");
        }
        return new Faults(List.copyOf(faults));
    }

    private Kind next() {
        if (deck.isEmpty()) {
            deck.addAll(Kind.on(lab != null));
            for (int i = deck.size() - 1; i > 0; i--) java.util.Collections.swap(deck, i, random.nextInt(i + 1));
        }
        return deck.remove(0);
    }

    private Fault inject(Kind kind, long end) throws InterruptedException {
        String victim = Cluster.REPLICAS.get(random.nextInt(4));
        String other = Cluster.REPLICAS.get((Cluster.REPLICAS.indexOf(victim) + 1 + random.nextInt(3)) % 4);
        long lossMillis = 3_000 + random.nextInt(3_000);
        String orderer = kind == Kind.SEQUENCER || kind == Kind.ORDERING_HOST_CUT ? orderingMember() : null;
        String host = kind == Kind.HOST_CUT ? cluster.hostOf(victim) : kind == Kind.ORDERING_HOST_CUT && !orderer.equals(NONE) ? cluster.hostOf(orderer) : null;
        long start = System.nanoTime();
        String what = kind.label + ": " + switch (kind) {
            case CRASH, FREEZE, WRONG -> victim;
            case CRASH_AND_WRONG -> "kill " + victim + ", " + other + " wrong";
            case LOSS -> victim + " for " + String.format("%.1f", lossMillis / 1000.0) + " s";
            case SEQUENCER -> orderer;
            case FRONT_END -> Cluster.FRONT_END;
            case HOST_CUT -> host + " (" + victim + ") for " + String.format("%.1f", 2 * lossMillis / 1000.0) + " s";
            case ORDERING_HOST_CUT -> host + " (" + orderer + ") for " + String.format("%.1f", 2 * lossMillis / 1000.0) + " s";
        };
        String problem;
        try {
            problem = switch (kind) {
                case CRASH -> killed(victim);
                case WRONG -> modeChanged(victim);
                case CRASH_AND_WRONG -> {
                    String k = killed(victim);
                    yield k != null ? k : modeChanged(other);
                }
                case FREEZE -> frozen(victim);
                case LOSS -> lost(victim, lossMillis);  // whole even if it outlasts the time: the clients go on until it ends
                case SEQUENCER -> sequencerKilled(orderer);
                case FRONT_END -> killed(Cluster.FRONT_END);
                case HOST_CUT -> cutOff(host, victim, 2 * lossMillis);       // past the 3 s after which a member is excluded
                case ORDERING_HOST_CUT -> host == null ? "no member reports that it orders" : cutOff(host, orderer, 2 * lossMillis);
            };
        } catch (IOException | RuntimeException e) {
            problem = e.getMessage();
        }
        if (problem != null) return new Fault(kind, what, start, start, problem, false);
        boolean whole = awaitWhole(Math.min(end, start + RECOVERY_LIMIT_NANOS));
        return new Fault(kind, what, start, System.nanoTime(), null, whole);
    }

    /** The member whose status says it is ordering (the sequencer process, or the member that took over). */
    private String orderingMember() {
        for (String n : cluster.names()) {
            if (Cluster.isNaming(n) || !cluster.alive(n)) continue;
            try {
                if (cluster.admin(n, "status").contains("\"sequencer\":true")) return n;
            } catch (IOException e) {
                // not answering: not the one to kill
            }
        }
        return NONE;
    }

    private static final String NONE = "none";

    /**
     * kill -9 of the member that orders. A replica is replaced by its manager, and the front end by its
     * keeper; a manager has no one to start it again, so chaos does, and it adopts its replica.
     */
    private String sequencerKilled(String member) throws IOException {
        if (member.equals(NONE)) return "no member reports that it orders";
        String problem = killed(member);
        if (problem == null && member.startsWith("RM")) cluster.startReplicaManager(member, false);
        return problem;
    }

    /** kill -9, confirmed by the process's exit; null when done, else why not. */
    private String killed(String name) {
        long pid = cluster.pid(name).orElse(-1L);
        if (!cluster.alive(name)) return name + " was not running";
        cluster.kill(name);
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? name + " (pid " + pid + ") is still alive" : null;
    }

    /** Wrong answers, confirmed by the mode the replica reports afterwards. */
    private String modeChanged(String name) throws IOException {
        String answer = cluster.admin(name, "fault byzantine");
        if (!answer.startsWith("ok")) return name + " answered '" + answer + "' to fault byzantine";
        String status = cluster.admin(name, "status");
        return status.contains("\"mode\":\"BYZANTINE\"") ? null : name + " does not report mode BYZANTINE: " + status;
    }

    /**
     * A lab host off the network for a while, then back: confirmed by {@code member} on it no longer
     * answering its admin port from this machine while the cut lasts. Healed whatever happens.
     */
    private String cutOff(String host, String member, long millis) throws IOException, InterruptedException {
        lab.cut(host);
        try {
            long until = System.nanoTime() + millis * 1_000_000;
            boolean unreachable = false;
            while (System.nanoTime() < until) {
                try {
                    cluster.admin(member, "status");
                } catch (IOException e) {
                    unreachable = true;
                }
                Thread.sleep(250);
            }
            return unreachable ? null : member + " on " + host + " still answered while its host was cut off";
        } finally {
            lab.heal(host);
        }
    }

    /** Message loss for a while, then none: confirmed by the replica's own count of messages dropped. */
    private String lost(String name, long millis) throws IOException, InterruptedException {
        long before = dropped(name);
        String answer = cluster.admin(name, "drop 0.05");
        if (!answer.startsWith("ok")) return name + " answered '" + answer + "' to drop 0.05";
        Thread.sleep(millis);
        long after = dropped(name);
        cluster.admin(name, "drop 0");
        return after > before ? null : name + " dropped no message in " + millis + " ms";
    }

    private long dropped(String name) throws IOException {
        Matcher m = Pattern.compile("\"dropped\":(\\d+)").matcher(cluster.admin(name, "status"));
        if (!m.find()) throw new IllegalStateException(name + " does not report 'dropped'");
        return Long.parseLong(m.group(1));
    }

    /** SIGSTOP, confirmed by the kernel's state of the process (T: stopped; a JVM's threads stop one by one). */
    private String frozen(String name) throws IOException, InterruptedException {
        long pid = cluster.pid(name).orElseThrow(() -> new IllegalStateException(name + " is not running"));
        cluster.signal(name, "STOP");
        char state = '?';
        for (long deadline = System.nanoTime() + 2_000_000_000L; System.nanoTime() < deadline; Thread.sleep(20)) {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            state = stat.charAt(stat.lastIndexOf(')') + 2);
            if (state == 'T' || state == 't') return null;
        }
        return name + " is in state " + state + ", not stopped, 2 s after SIGSTOP";
    }

    /** Waits until the group is whole, or {@code deadline}; returns whether it is. */
    private boolean awaitWhole(long deadline) throws InterruptedException {
        while (!whole()) {
            if (System.nanoTime() >= deadline) return false;
            Thread.sleep(200);
        }
        return true;
    }

    /**
     * Four replicas answering, none recovering or verifying, none answering wrongly, all four in one
     * view with the member that orders, and the front end answering. One view matters on the lab: a
     * healed host answers at once but rejoins the group only when the partitions merge, seconds later.
     */
    private boolean whole() {
        try {
            cluster.admin(Cluster.FRONT_END, "status");
        } catch (IOException e) {
            return false;
        }
        java.util.Set<Object> views = new java.util.HashSet<>();
        for (String r : Cluster.REPLICAS) {
            try {
                String st = cluster.admin(r, "status");
                if (st.contains("\"recovering\":true") || st.contains("\"verifying\":true") || !st.contains("\"mode\":\"HONEST\"")) return false;
                java.util.Map<String, Object> status = JsonReader.object(st);
                if (!(status.get("members") instanceof List<?> members) || !members.stream().map(String::valueOf).toList().containsAll(Cluster.REPLICAS)) return false;
                views.add(status.get("view"));
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
        String orderer = orderingMember();
        if (orderer.equals(NONE) || views.size() != 1) return false;
        try {
            return views.contains(JsonReader.object(cluster.admin(orderer, "status")).get("view"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
