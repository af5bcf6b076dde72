package dmtbs.launcher;

import dmtbs.booking.Request;
import dmtbs.client.Call;
import dmtbs.client.FrontEndConnection;
import dmtbs.group.node.NodeProcess;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bin/dmtbs bench recovery}: on a system of its own under client load, kill -9 one replica
 * and time what follows: the group noticing (the front end's view loses it), the managers agreeing
 * (the replacement is started), the replacement caught up (same sequence number as the others);
 * and client latency just before and after the kill. Prints figures; asserts nothing.
 */
final class RecoveryBench {
    private RecoveryBench() {}

    private record Sample(long startNanos, long latencyNanos, boolean ok) {}

    static int run(Path home, Path runDir, List<String> args) throws IOException, InterruptedException {
        int namingPort = Dmtbs.takePort(args, "--naming-port", "1057");
        String victim = Dmtbs.take(args, "--replica", "R2");
        if (!args.isEmpty() || !Cluster.REPLICAS.contains(victim)) throw new Dmtbs.UsageError("bench recovery [--replica R1..R4]");
        LocalDate today = LocalDate.of(2026, 11, 26);
        SystemSettings s = SystemSettings.of(home, runDir.resolve("bench-recovery"), "dmtbs-recovery-" + ProcessHandle.current().pid(),
                namingPort, today, 0);
        try (Cluster c = new Cluster(s, Dmtbs.classpath())) {
            c.startEmpty(Duration.ofSeconds(90));
            LoadClients.setUp(s.namingUrl(), today);
            System.out.println();
            System.out.printf("kill -9 %s under load (4 closed-loop clients)%n", victim);
            System.out.print(measure(c, s.namingUrl(), victim));
        }
        return 0;
    }

    /** Kills {@code victim} under the load of 4 clients and times the group's recovery; the figures as lines of text. */
    static String measure(Cluster c, String namingUrl, String victim) throws IOException, InterruptedException {
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String customer = "ATWC" + (7000 + i);
            Thread t = new Thread(() -> {
                try (FrontEndConnection fe = FrontEndConnection.open(namingUrl, Cluster.FRONT_END, 20_000)) {
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        Call call = Call.perform(fe.service(), new Request.GetBookingSchedule(customer, customer));
                        samples.add(new Sample(t0, System.nanoTime() - t0, call.outcome() == Call.Outcome.OK));
                    }
                }
            });
            clients.add(t);
            t.start();
        }
        Thread.sleep(8_000);                                 // warm and steady
        long oldPid = c.pid(victim).orElseThrow();
        String viewBefore = viewId(c.admin(Cluster.FRONT_END, "status"));
        long kill = System.nanoTime();
        c.kill(victim);
        long noticed = -1, replaced = -1, caughtUp = -1;
        while (System.nanoTime() - kill < 30_000_000_000L && caughtUp < 0) {
            long now = System.nanoTime();
            try {
                if (noticed < 0 && !viewId(c.admin(Cluster.FRONT_END, "status")).equals(viewBefore)) noticed = now;
                if (replaced < 0 && c.pid(victim).orElse(oldPid) != oldPid) replaced = now;
                if (replaced > 0) {
                    // A healthy replica first, then the replacement, each with the cheap "ping"
                    // (a replacement delivers nothing before its state is installed): caught up
                    // once it has reached where the healthy one was a moment before. Asking the
                    // replacement first, with "status" (a digest each time), lagged the request
                    // logs' own account by up to 0.9 s.
                    String healthy = victim.equals("R1") ? "R3" : "R1";
                    long other = NodeProcess.pongDelivered(c.admin(healthy, "ping"), healthy);
                    if (NodeProcess.pongDelivered(c.admin(victim, "ping"), victim) >= other && other > 0) caughtUp = System.nanoTime();
                }
            } catch (IOException e) {
                // the replacement is not answering yet
            }
            Thread.sleep(10);
        }
        Thread.sleep(3_000);
        stop.set(true);
        for (Thread t : clients) t.join(30_000);
        return String.format("  group notices (the front end's next view)   %6s%n", ms(kill, noticed))
                + String.format("  managers agree, replacement started          %6s%n", ms(kill, replaced))
                + String.format("  replacement caught up (state transfer)       %6s%n", ms(kill, caughtUp))
                + String.format("  client latency, 3 s before the kill:  %s%n", latency(samples, kill - 3_000_000_000L, kill))
                + String.format("  client latency, 3 s after the kill:   %s%n", latency(samples, kill, kill + 3_000_000_000L));
    }

    private static String viewId(String status) {
        var m = java.util.regex.Pattern.compile("\"view\":(\\d+)").matcher(status);
        return m.find() ? m.group(1) : "?";
    }

    private static String ms(long from, long to) { return to < 0 ? "n/a" : String.format("%,d ms", (to - from) / 1_000_000); }

    private static String latency(List<Sample> samples, long from, long to) {
        List<Sample> window;
        synchronized (samples) {
            window = samples.stream().filter(x -> x.startNanos >= from && x.startNanos < to).toList();
        }
        long[] l = window.stream().mapToLong(Sample::latencyNanos).sorted().toArray();
        long errors = window.stream().filter(x -> !x.ok).count();
        if (l.length == 0) return "no calls";
        return String.format("%,d calls, %d errors, p50 %.2f ms, p99 %.2f ms, max %.1f ms", l.length, errors,
                l[l.length / 2] / 1e6, l[Math.min(l.length - 1, (int) (l.length * 0.99))] / 1e6, l[l.length - 1] / 1e6);
    }
}
