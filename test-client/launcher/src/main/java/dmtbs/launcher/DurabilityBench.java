package dmtbs.launcher;

import dmtbs.booking.Area;
import dmtbs.booking.Movies;
import dmtbs.booking.Request;
import dmtbs.booking.ShowId;
import dmtbs.booking.Slot;
import dmtbs.client.Call;
import dmtbs.client.FrontEndConnection;
import dmtbs.group.node.JavaCommand;
import dmtbs.group.node.RunFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What durability costs and buys. {@code bin/dmtbs bench durable}: the replicated path with each
 * replica forcing every delivered run to its disk, and the same without ({@code -Ddmtbs.durable=false}),
 * one after the other in the same run, the durable one also with clients that send every call with a
 * request identity (exactly-once retries); then a system holding about 10,000 shows and 50,000 bookings,
 * every JVM killed at once, and the time until it answers again and until every replica has checked
 * its restored history against two others. Prints figures; asserts nothing.
 */
final class DurabilityBench {

    private static final int WEEKS = 53;               // 53 weeks x 189 shows: 10,017 shows
    private static final int BOOKINGS_PER_WEEK = 944;  // 50,032 bookings
    private static final int CUSTOMERS_PER_AREA = 1_000;

    private DurabilityBench() {}

    static int run(Path home, Path runDir, List<String> args) throws IOException, InterruptedException {
        double seconds = Dmtbs.takeNumber(args, "--seconds", "10");
        double warmup = Dmtbs.takeNumber(args, "--warmup", "60");
        int clients = Dmtbs.takeInt(args, "--clients", "8");
        int namingPort = Dmtbs.takePort(args, "--naming-port", "1061");
        if (!args.isEmpty() || clients < 1 || clients > 512 || seconds <= 0 || warmup < 0) {
            throw new Dmtbs.UsageError("bench durable [--seconds S] [--warmup S] [--clients N] [--naming-port N]");
        }
        LocalDate today = LocalDate.of(2026, 11, 26);
        Runs durable = measured(home, runDir.resolve("bench-durable"), "durable", namingPort, true, clients, warmup, seconds, today);
        Runs volatileRun = measured(home, runDir.resolve("bench-volatile"), "volatile", namingPort, false, clients, warmup, seconds, today);
        System.out.println();
        System.out.printf("replicated, durable replicas (a forced write per delivered run), %d clients %s%n", clients, durable.anonymous().summary());
        System.out.printf("  the same, every call with a request identity (exactly-once retries) %s%n", durable.identified().summary());
        System.out.printf("  the same, again without identities %s%n", durable.anonymousAgain().summary());
        System.out.printf("replicated, nothing on disk, %d clients %s%n", clients, volatileRun.anonymous().summary());
        cost("durability", durable.anonymous(), volatileRun.anonymous());
        cost("request identities (against the run before)", durable.identified(), durable.anonymous());
        cost("request identities (against the run after)", durable.identified(), durable.anonymousAgain());
        resumeAfterPowerCut(home, runDir.resolve("bench-resume"), namingPort, today);
        return 0;
    }

    /**
     * Clients without request identities and, on a durable system, with them and then without again
     * (the system keeps warming up and growing: the identified run is compared with both).
     */
    private record Runs(Bench.Measured anonymous, Bench.Measured identified, Bench.Measured anonymousAgain) {}

    private static void cost(String feature, Bench.Measured with, Bench.Measured without) {
        System.out.printf("the cost of %s: %.2f of the throughput without, p50 %.2f ms against %.2f ms%n", feature,
                with.figures().opsPerSecond() / without.figures().opsPerSecond(), with.figures().p50Nanos() / 1e6, without.figures().p50Nanos() / 1e6);
    }

    /** One system, durable or not, warmed up and measured, then stopped. */
    private static Runs measured(Path home, Path dir, String label, int namingPort, boolean durable, int clients,
                                           double warmup, double seconds, LocalDate today) throws IOException, InterruptedException {
        SystemSettings s = SystemSettings.of(home, fresh(dir), "dmtbs-bench-" + label + "-" + ProcessHandle.current().pid(), namingPort, today, 0);
        System.out.printf("starting a system (%s) in %s …%n", label, s.runDir());
        try (Cluster c = new Cluster(s, Dmtbs.classpath())) {
            withOptions(durable ? "" : "-Ddmtbs.durable=false", () -> c.startAll(Duration.ofSeconds(90)));
            LoadClients.setUp(s.namingUrl(), today);
            LoadClients.run(s.namingUrl(), clients, warmup, today, 1);
            Bench.Measured anonymous = Bench.measure(c, s.namingUrl(), clients, seconds, today);
            if (!durable) return new Runs(anonymous, null, null);
            Bench.Measured identified = Bench.measure(c, s.namingUrl(), clients, seconds, today, true);
            return new Runs(anonymous, identified, Bench.measure(c, s.namingUrl(), clients, seconds, today));
        }
    }

    /**
     * Fills a system with about 10,000 shows (a year of weeks: the business date moves a week at a
     * time, since shows are added at most six days ahead) and 50,000 bookings, kills every JVM with
     * kill -9, starts it again on the same run directory, and times the way back.
     */
    private static void resumeAfterPowerCut(Path home, Path dir, int namingPort, LocalDate start) throws IOException, InterruptedException {
        SystemSettings s = SystemSettings.of(home, fresh(dir), "dmtbs-bench-resume-" + ProcessHandle.current().pid(), namingPort, start, 0);
        System.out.printf("starting a system to fill in %s …%n", s.runDir());
        try (Cluster c = new Cluster(s, Dmtbs.classpath())) {
            c.startEmpty(Duration.ofSeconds(90));
            long t0 = System.nanoTime();
            long[] made = fill(c, s.namingUrl(), start);
            System.out.printf("filled: %,d shows and %,d bookings in %.0f s%n", made[0], made[1], (System.nanoTime() - t0) / 1e9);
            int killed = c.powerCut();
            long restart = System.nanoTime();
            c.startAll(Duration.ofSeconds(300));
            long answering = System.nanoTime();
            awaitVerified(c, Duration.ofSeconds(300));
            long verified = System.nanoTime();
            System.out.printf("power cut (%d JVMs killed) with %,d shows and %,d bookings: answering again %.1f s after the restart began,"
                            + " every replica's history checked against two others after %.1f s%n", killed, made[0], made[1],
                    (answering - restart) / 1e9, (verified - restart) / 1e9);
            for (String r : Cluster.REPLICAS) {
                Map<String, Object> st = JsonReader.object(c.admin(r, "status"));
                System.out.printf("  %s restored from %s%n", r, st.get("restoredFrom"));
            }
        }
    }

    /** Shows and bookings, week by week; returns {shows, bookings} that the service accepted. */
    private static long[] fill(Cluster c, String namingUrl, LocalDate start) throws IOException, InterruptedException {
        AtomicLong shows = new AtomicLong();
        AtomicLong bookings = new AtomicLong();
        for (int w = 0; w < WEEKS; w++) {
            LocalDate today = start.plusWeeks(w);
            String moved = w > 0 ? c.orderDate(today) : "ok";
            if (!moved.startsWith("ok")) throw new IllegalStateException("date " + today + ": " + moved);
            List<Request> adds = new ArrayList<>();
            for (Area a : Area.values()) for (Slot sl : Slot.values()) for (String m : Movies.ALL) for (int d = 0; d < 7; d++) {
                adds.add(new Request.AddMovieSlots(a.name() + "A0001", ShowId.of(a, sl, today.plusDays(d)).text(), m, 500));
            }
            inParallel(namingUrl, adds, shows);
            List<Request> books = new ArrayList<>();
            for (int i = 0; i < BOOKINGS_PER_WEEK; i++) {
                Area a = Area.values()[i % 3];
                int k = w * BOOKINGS_PER_WEEK + i;
                String customer = a.name() + "C" + String.format("%04d", k % CUSTOMERS_PER_AREA);
                String show = ShowId.of(a, Slot.values()[(k / 7) % 3], today.plusDays(1 + k % 6)).text();
                books.add(new Request.BookMovieTickets(customer, customer, show, Movies.ALL.get((k / 21) % 3), 1 + k % 2));
            }
            inParallel(namingUrl, books, bookings);
        }
        return new long[] {shows.get(), bookings.get()};
    }

    /** The requests on 8 connections at once; counts those answered OK. */
    private static void inParallel(String namingUrl, List<Request> requests, AtomicLong ok) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread th = new Thread(() -> {
                try (FrontEndConnection fe = FrontEndConnection.open(namingUrl, Cluster.FRONT_END, 20_000)) {
                    for (long i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                        if (Call.perform(fe.service(), requests.get((int) i)).outcome() == Call.Outcome.OK) ok.incrementAndGet();
                    }
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) th.join();
    }

    private static void awaitVerified(Cluster c, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                boolean all = true;
                for (String r : Cluster.REPLICAS) {
                    Map<String, Object> st = JsonReader.object(c.admin(r, "status"));
                    all &= Boolean.FALSE.equals(st.get("verifying")) && Boolean.FALSE.equals(st.get("recovering"));
                }
                if (all) return;
            } catch (IOException | RuntimeException e) {
                // a replica not answering yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the replicas did not finish checking their history within " + timeout.toSeconds() + " s");
    }

    interface Start { void run() throws IOException, InterruptedException; }

    /** Starts processes with extra JVM options (the managers pass them on to the replicas they start). */
    private static void withOptions(String options, Start start) throws IOException, InterruptedException {
        String saved = System.getProperty(JavaCommand.EXTRA_OPTIONS);
        System.setProperty(JavaCommand.EXTRA_OPTIONS, ((saved == null ? "" : saved) + " " + options).strip());
        try {
            start.run();
        } finally {
            if (saved == null) System.clearProperty(JavaCommand.EXTRA_OPTIONS);
            else System.setProperty(JavaCommand.EXTRA_OPTIONS, saved);
        }
    }

    private static Path fresh(Path dir) throws IOException {
        RunFiles.deleteTree(dir);
        return dir;
    }
}
