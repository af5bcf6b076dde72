package dmtbs.launcher;

import dmtbs.catalog.RandomWorkload;
import dmtbs.launcher.history.AppliedOrder;
import dmtbs.launcher.history.HistoryChecker;
import dmtbs.launcher.history.HistoryVerdict;
import dmtbs.launcher.history.RecordedCall;
import dmtbs.reference.ReferenceModel;
import dmtbs.replica.RequestLogLine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/dmtbs chaos}: a system of its own under the full mix of operations from several clients
 * on the same few shows, with faults drawn from one seed ({@link ChaosFaults}); every call is
 * recorded ({@link RecordingClient}; kept in {@code history.tsv}), and afterwards the history is
 * checked against the order the replicas applied, read from their request logs, through the
 * reference model ({@link HistoryChecker}).
 *
 * <p>The business date: the set-up runs on {@link #SET_UP_DAY}, then the date is pinned one day later
 * for the load, so the set-up's shows of that day are past. The model replays each request at the
 * date its log line carries, the date the sequencer stamped on it.
 */
public final class Chaos {

    static final LocalDate SET_UP_DAY = LocalDate.of(2026, 11, 25), LOAD_DAY = SET_UP_DAY.plusDays(1);
    /** Clients, set-up calls, and the workload's world: 2 customers per theatre, shows from yesterday to a week ahead. */
    private static final int CLIENTS = 4, SET_UP_CALLS = 300, CUSTOMERS_PER_AREA = 2, DAY_RANGE = 9;

    private Chaos() {}

    static int run(Path home, Path runDir, List<String> args, PrintStream out) throws IOException, InterruptedException {
        double seconds = Dmtbs.takeNumber(args, "--seconds", "60");
        long seed = Dmtbs.takeLong(args, "--seed", Long.toString(System.nanoTime() % 100_000));
        boolean lab = args.remove("--lab");
        String transport = Dmtbs.take(args, "--transport", "udp");
        int namingPort = lab ? 0 : Dmtbs.takePort(args, "--naming-port", "1058");
        if (!args.isEmpty() || seconds <= 0 || !List.of("udp", "tcp").contains(transport) || (!lab && !transport.equals("udp"))) {
            throw new Dmtbs.UsageError("chaos [--seconds S > 0] [--seed N] [--naming-port N] | chaos --lab [--transport udp|tcp] [--seconds S] [--seed N]");
        }
        if (lab) return onLab(home, runDir.resolve("chaos-lab"), transport, seed, seconds, out);
        Path dir = runDir.resolve("chaos");
        SystemSettings s = SystemSettings.of(home, dir, "dmtbs-chaos-" + ProcessHandle.current().pid(), namingPort, SET_UP_DAY, 0);
        out.printf("chaos: seed %d, %.0f s, system in %s (reproduce with --seed %d)%n", seed, seconds, dir, seed);
        try (Cluster c = new Cluster(s, Dmtbs.classpath())) {
            c.startEmpty(Duration.ofSeconds(90));
            return withLoad(c, s, dir, seed, seconds, null, out);
        }
    }

    /**
     * The same on the lab: every role on its own host made of a network namespace ({@link Lab}),
     * whose faults include cutting a host off the network. The lab is removed on every way out.
     */
    private static int onLab(Path home, Path dir, String transport, long seed, double seconds, PrintStream out)
            throws IOException, InterruptedException {
        out.printf("chaos on the lab (%s): seed %d, %.0f s, hosts in %s (reproduce with --lab --transport %s --seed %d)%n",
                transport, seed, seconds, dir, transport, seed);
        try {
            if (Lab.up(home, dir, SET_UP_DAY, transport, out) != 0) return 1;
            Cluster c = Lab.cluster(home, dir);
            return withLoad(c, SystemSettings.load(dir), dir, seed, seconds, Lab.network(dir), out);
        } finally {
            Lab.down(home, dir, out);
        }
    }

    /** Set-up, clients and faults on a running system, then the verdict; 0 when it passed. */
    private static int withLoad(Cluster c, SystemSettings s, Path dir, long seed, double seconds, dmtbs.launcher.lab.LabNetwork lab,
                                PrintStream out) throws IOException, InterruptedException {
        List<RecordedCall> history = Collections.synchronizedList(new ArrayList<>());
        setUp(c, s, seed, history, out);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) clients.add(client(s, i, seed, history, stop));
        clients.forEach(Thread::start);
        ChaosFaults.Faults faults = new ChaosFaults(c, seed, lab, out).run(seconds);
        stop.set(true);
        for (Thread t : clients) {
            t.join(60_000);
            // Its call in flight is not recorded: if it was ordered, the check reports it as a phantom.
            if (t.isAlive()) out.println(t.getName() + " is still in a call 60 s after the load ended");
        }
        Map<String, String> digests = converge(c);
        AppliedOrder order = AppliedOrder.assemble(requestLogs(c));
        List<RecordedCall> calls;
        synchronized (history) {
            calls = List.copyOf(history);
        }
        writeHistory(dir.resolve("history.tsv"), calls);
        HistoryVerdict verdict = HistoryChecker.check(calls, order, ReferenceModel::new);
        ChaosReport report = new ChaosReport(faults, ChaosFaults.Faults.expected(seconds, lab != null), calls, order, verdict, digests, agreed(digests));
        report.lines().forEach(out::println);
        return report.passed() ? 0 : 1;
    }

    /**
     * One client makes {@link #SET_UP_CALLS} calls of the mix on the set-up day, then the date moves
     * on a day: shows of the set-up day with their bookings are now past (PAST_SHOW).
     */
    private static void setUp(Cluster c, SystemSettings s, long seed, List<RecordedCall> history, PrintStream out) {
        RandomWorkload workload = RandomWorkload.atFixedDate(seed, CUSTOMERS_PER_AREA, DAY_RANGE, SET_UP_DAY);
        try (RecordingClient client = new RecordingClient(s.namingUrl(), history)) {
            for (int i = 0; i < SET_UP_CALLS; i++) client.call(workload.next().request());
        }
        String answer;
        try {
            answer = c.orderDate(LOAD_DAY);
        } catch (java.io.IOException e) {
            answer = e.getMessage();
        }
        if (!answer.startsWith("ok")) throw new IllegalStateException("chaos could not move the business date to " + LOAD_DAY + ": " + answer);
        out.printf("set-up: %d calls on %s, then the business date moved to %s%n", SET_UP_CALLS, SET_UP_DAY, LOAD_DAY);
    }

    /** A client of its own seed on the shared world: several clients on the same few shows, so seats run out. */
    private static Thread client(SystemSettings s, int id, long seed, List<RecordedCall> history, AtomicBoolean stop) {
        return new Thread(() -> {
            RandomWorkload workload = RandomWorkload.atFixedDate(seed * 31 + id + 1, CUSTOMERS_PER_AREA, DAY_RANGE, LOAD_DAY);
            try (RecordingClient client = new RecordingClient(s.namingUrl(), history)) {
                while (!stop.get()) client.call(workload.next().request());
            }
        }, "chaos-client-" + id);
    }

    /**
     * The clients' side of the history, beside the replicas' request logs, for whoever looks into a
     * verdict: per call its key, start and end (ms since the first call), request and answer.
     */
    private static void writeHistory(Path file, List<RecordedCall> calls) throws IOException {
        long t0 = calls.stream().mapToLong(RecordedCall::startNanos).min().orElse(0);
        List<String> lines = new ArrayList<>(List.of("key\tstart_ms\tend_ms\toperation\tparameters\tanswer"));
        for (RecordedCall c : calls) {
            lines.add(String.join("\t", c.key(), Long.toString((c.startNanos() - t0) / 1_000_000), Long.toString((c.endNanos() - t0) / 1_000_000),
                    c.request().operation(), RequestLogLine.parametersOf(c.request()), c.acknowledged() ? c.answer() : "unknown"));
        }
        Files.write(file, lines);
    }

    /** Every replica's request log (every incarnation appends to its replica's), by replica. */
    private static Map<String, List<String>> requestLogs(Cluster c) throws IOException {
        Map<String, List<String>> logs = new TreeMap<>();
        for (String r : Cluster.REPLICAS) {
            Path log = c.requestLog(r);
            logs.put(r, Files.exists(log) ? Files.readAllLines(log) : List.of());
        }
        return logs;
    }

    private static final String NOT_ANSWERING = "not answering";
    private static final String EARLIER_DIGEST = "digest of an earlier state";

    /** Every replica answered with a digest of its state as it is now, and all are at one number with one digest. */
    private static boolean agreed(Map<String, String> digests) {
        return digests.values().stream().distinct().count() == 1
                && !digests.containsValue(NOT_ANSWERING) && !digests.containsValue(EARLIER_DIGEST);
    }

    /**
     * Waits up to 60 s for the four replicas to agree; returns each one's "seq digest". Asking for
     * status also flushes each replica's request log, so the logs read next hold what they applied.
     */
    private static Map<String, String> converge(Cluster c) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, String> digests = new TreeMap<>();
        while (System.nanoTime() < deadline) {
            digests.clear();
            for (String r : Cluster.REPLICAS) {
                try {
                    String st = c.admin(r, "status");
                    // Only a digest of the state as it is now counts (a replica may answer with an
                    // earlier one while hashing is costly): the verdict is about the final states.
                    String at = field(st, "digestAt");
                    digests.put(r, at.equals(field(st, "lastApplied")) ? at + " " + field(st, "digest") : EARLIER_DIGEST);
                } catch (IOException e) {
                    digests.put(r, NOT_ANSWERING);
                }
            }
            if (agreed(digests)) break;
            Thread.sleep(500);
        }
        return digests;
    }

    private static String field(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\"?([^,\"}]*)").matcher(json);
        return m.find() ? m.group(1) : "?";
    }
}
