package dmtbs.launcher;

import dmtbs.booking.Request;
import dmtbs.client.Call;
import dmtbs.client.FrontEndConnection;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/dmtbs chaos}: a system of its own under client load, with faults drawn from one seed
 * (kill -9, wrong answers, freeze, message loss on a replica, the sequencer killed), one at a time,
 * each once the group is whole again. Then the verdict: the four replicas converged, and every
 * customer holds exactly the seats their acknowledged bookings and cancellations add up to — nothing
 * acknowledged was lost, nothing unacknowledged appeared. Clients book and cancel only their own
 * customers' seats of roomy shows, so every acknowledged answer has a known effect.
 */
public final class Chaos {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    private static final List<String> SHOWS = List.of("ATWM271126", "OUTA271126", "VERE271126");

    private Chaos() {}

    static int run(Path home, Path runDir, List<String> args, PrintStream out) throws IOException, InterruptedException {
        double seconds = Dmtbs.takeNumber(args, "--seconds", "60");
        long seed = Dmtbs.takeLong(args, "--seed", Long.toString(System.nanoTime() % 100_000));
        int namingPort = Dmtbs.takePort(args, "--naming-port", "1058");
        if (!args.isEmpty() || seconds <= 0) throw new Dmtbs.UsageError("chaos [--seconds S > 0] [--seed N] [--naming-port N]");
        Path dir = runDir.resolve("chaos");
        SystemSettings s = SystemSettings.of(home, dir, "dmtbs-chaos-" + ProcessHandle.current().pid(), namingPort, TODAY, 0);
        out.printf("chaos: seed %d, %.0f s, system in %s (reproduce with --seed %d)%n", seed, seconds, dir, seed);
        try (Cluster c = new Cluster(s, Dmtbs.classpath())) {
            c.startEmpty(Duration.ofSeconds(90));
            try (FrontEndConnection fe = FrontEndConnection.open(s.namingUrl(), Cluster.FRONT_END, 20_000)) {
                for (String show : SHOWS) {
                    Call.perform(fe.service(), new Request.AddMovieSlots(show.substring(0, 3) + "A0001", show, "Avatar", 10_000));
                }
            }
            Ledger ledger = new Ledger();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < 4; i++) clients.add(client(s, i, seed, ledger, stop));
            clients.forEach(Thread::start);
            Faults faults = inject(c, new SplittableRandom(seed), seconds, out);
            stop.set(true);
            for (Thread t : clients) t.join(60_000);
            return verdict(c, s, ledger, faults, seconds, out);
        }
    }

    /** What clients were told: per (customer, show), acknowledged seats, and calls whose outcome is unknown. */
    static final class Ledger {
        final Map<String, AtomicLong> seats = new ConcurrentHashMap<>();
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicLong unknown = new AtomicLong();
        final List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
    }

    private static Thread client(SystemSettings s, int id, long seed, Ledger ledger, AtomicBoolean stop) {
        return new Thread(() -> {
            SplittableRandom random = new SplittableRandom(seed * 31 + id);
            String customer = List.of("ATW", "OUT", "VER").get(id % 3) + "C" + String.format("%04d", 9000 + id);
            try (FrontEndConnection fe = FrontEndConnection.open(s.namingUrl(), Cluster.FRONT_END, 20_000)) {
                while (!stop.get()) {
                    String show = SHOWS.get(random.nextInt(SHOWS.size()));
                    String key = customer + " " + show;
                    long held = ledger.seats.computeIfAbsent(key, k -> new AtomicLong()).get();
                    boolean cancel = held > 0 && random.nextInt(3) == 0;
                    Request r = cancel ? new Request.CancelMovieTickets(customer, customer, show, "Avatar", 1)
                            : new Request.BookMovieTickets(customer, customer, show, "Avatar", 1);
                    Call call = Call.perform(fe.service(), r);
                    String expected = (cancel ? "OK CANCELLED " : "OK BOOKED ") + customer + " " + show + " Avatar 1";
                    if (call.outcome() == Call.Outcome.OK && call.canonical().equals(expected)) {
                        ledger.seats.get(key).addAndGet(cancel ? -1 : 1);
                        ledger.acknowledged.incrementAndGet();
                    } else if (call.outcome() == Call.Outcome.UNAVAILABLE || call.outcome() == Call.Outcome.ERROR) {
                        ledger.unknown.incrementAndGet();
                    } else {
                        ledger.wrong.add(r + " -> " + call.text());
                    }
                }
            }
        }, "chaos-client-" + id);
    }

    /** The faults of a run: those confirmed (the process died, froze, changed mode), and the attempts that were not. */
    record Faults(List<String> confirmed, List<String> failed) {
        /** At least one confirmed fault for every 15 s of load: fewer, and the run proved too little. */
        static int expected(double seconds) { return Math.max(1, (int) (seconds / 15)); }
    }

    /** One fault at a time, each after the group is whole again; returns what was done and confirmed. */
    private static Faults inject(Cluster c, SplittableRandom random, double seconds, PrintStream out)
            throws InterruptedException {
        List<String> confirmed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        boolean sequencerKilled = false;
        while (System.nanoTime() < end) {
            Thread.sleep(2_000 + random.nextInt(2_000));
            if (System.nanoTime() >= end) break;          // no fault after the clients' time is up
            if (!whole(c)) continue;
            String victim = Cluster.REPLICAS.get(random.nextInt(4));
            String other = Cluster.REPLICAS.get((Cluster.REPLICAS.indexOf(victim) + 1 + random.nextInt(3)) % 4);
            int kind = random.nextInt(sequencerKilled ? 5 : 6);
            String what = switch (kind) {
                case 0 -> "kill -9 " + victim;
                case 1 -> victim + " answers wrongly";
                case 2 -> "kill -9 " + victim + " and " + other + " answers wrongly";
                case 3 -> "freeze " + victim;
                case 4 -> victim + " drops 5% of its messages";
                default -> "kill -9 the sequencer process";
            };
            String problem;
            try {
                problem = switch (kind) {
                    case 0 -> killed(c, victim);
                    case 1 -> modeChanged(c, victim, "fault byzantine", "BYZANTINE");
                    case 2 -> {
                        String k = killed(c, victim);
                        yield k != null ? k : modeChanged(c, other, "fault byzantine", "BYZANTINE");
                    }
                    case 3 -> frozen(c, victim);
                    case 4 -> answeredOk(c, victim, "drop 0.05");
                    default -> {
                        sequencerKilled = true;
                        yield killed(c, Cluster.SEQUENCER);
                    }
                };
            } catch (IOException | RuntimeException e) {
                problem = e.getMessage();
            }
            double at = (seconds * 1e9 - (end - System.nanoTime())) / 1e9;
            if (problem == null) {
                confirmed.add(what);
                out.printf("  %5.1f s  %s (confirmed)%n", at, what);
            } else {
                failed.add(what + ": " + problem);
                out.printf("  %5.1f s  %s: NOT injected (%s)%n", at, what, problem);
            }
        }
        return new Faults(confirmed, failed);
    }

    /** kill -9, confirmed by the process's exit; null when done, else why not. */
    private static String killed(Cluster c, String name) {
        long pid = c.pid(name).orElse(-1L);
        if (!c.alive(name)) return name + " was not running";
        c.kill(name);
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? name + " (pid " + pid + ") is still alive" : null;
    }

    /** An admin fault command, confirmed by the mode the process reports afterwards. */
    private static String modeChanged(Cluster c, String name, String command, String mode) throws IOException {
        String answer = answeredOk(c, name, command);
        if (answer != null) return answer;
        String status = c.admin(name, "status");
        return status.contains("\"mode\":\"" + mode + "\"") ? null : name + " does not report mode " + mode + ": " + status;
    }

    private static String answeredOk(Cluster c, String name, String command) throws IOException {
        String answer = c.admin(name, command);
        return answer.startsWith("ok") ? null : name + " answered '" + answer + "' to " + command;
    }

    /** SIGSTOP, confirmed by the kernel's state of the process (T: stopped; a JVM's threads stop one by one). */
    private static String frozen(Cluster c, String name) throws IOException, InterruptedException {
        long pid = c.pid(name).orElseThrow(() -> new IllegalStateException(name + " is not running"));
        c.signal(name, "STOP");
        char state = '?';
        for (long deadline = System.nanoTime() + 2_000_000_000L; System.nanoTime() < deadline; Thread.sleep(20)) {
            String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            state = stat.charAt(stat.lastIndexOf(')') + 2);
            if (state == 'T' || state == 't') return null;
        }
        return name + " is in state " + state + ", not stopped, 2 s after SIGSTOP";
    }

    /** Four replicas answering, none recovering. */
    private static boolean whole(Cluster c) {
        for (String r : Cluster.REPLICAS) {
            try {
                String st = c.admin(r, "status");
                if (st.contains("\"recovering\":true")) return false;
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static final String NOT_ANSWERING = "not answering";
    private static final String EARLIER_DIGEST = "digest of an earlier state";

    /** Every replica answered with a digest of its state as it is now, and all are at one number with one digest. */
    private static boolean agreed(Map<String, String> digests) {
        return digests.values().stream().distinct().count() == 1
                && !digests.containsValue(NOT_ANSWERING) && !digests.containsValue(EARLIER_DIGEST);
    }

    private static int verdict(Cluster c, SystemSettings s, Ledger ledger, Faults faults, double seconds, PrintStream out)
            throws InterruptedException {
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
        boolean converged = agreed(digests);
        List<String> lost = new ArrayList<>();
        try (FrontEndConnection fe = FrontEndConnection.open(s.namingUrl(), Cluster.FRONT_END, 20_000)) {
            for (Map.Entry<String, AtomicLong> e : ledger.seats.entrySet()) {
                String[] cs = e.getKey().split(" ");
                Call schedule = Call.perform(fe.service(), new Request.GetBookingSchedule(cs[0], cs[0]));
                Matcher m = Pattern.compile(cs[1] + " Avatar (\\d+)").matcher(schedule.text());
                long held = m.find() ? Long.parseLong(m.group(1)) : 0;
                long acked = e.getValue().get();
                // With no unknown outcomes the seats must match exactly; each unknown call may add or remove one.
                if (Math.abs(held - acked) > ledger.unknown.get()) lost.add(e.getKey() + ": holds " + held + ", acknowledged " + acked);
            }
        }
        int expected = Faults.expected(seconds);
        out.printf("faults confirmed: %d (at least %d expected), not injected: %d; acknowledged calls: %d;"
                        + " calls with unknown outcome (Unavailable): %d%n",
                faults.confirmed().size(), expected, faults.failed().size(), ledger.acknowledged.get(), ledger.unknown.get());
        out.println("replicas: " + digests);
        boolean enough = faults.confirmed().size() >= expected;
        boolean ok = converged && lost.isEmpty() && ledger.wrong.isEmpty() && enough;
        if (!enough) out.println("TOO FEW FAULTS: " + faults.confirmed().size() + " confirmed, " + expected + " expected; not injected: " + faults.failed());
        if (!ledger.wrong.isEmpty()) out.println("WRONG ANSWERS: " + ledger.wrong.subList(0, Math.min(5, ledger.wrong.size())));
        if (!lost.isEmpty()) out.println("LOST OR INVENTED: " + lost);
        if (!converged) out.println("replicas did not converge");
        out.println(ok ? "chaos verdict: PASS" : "chaos verdict: FAIL");
        return ok ? 0 : 1;
    }

    private static String field(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\"?([^,\"}]*)").matcher(json);
        return m.find() ? m.group(1) : "?";
    }
}
