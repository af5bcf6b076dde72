package dmtbs.launcher;

import dmtbs.booking.Area;
import dmtbs.booking.Movies;
import dmtbs.booking.Request;
import dmtbs.booking.ShowId;
import dmtbs.booking.Slot;
import dmtbs.client.Call;
import dmtbs.client.FrontEndConnection;
import dmtbs.client.Latencies;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closed-loop CORBA clients: each has its own ORB and connection, and sends its next request when
 * the previous one is answered. Records every latency; prints nothing itself.
 */
public final class LoadClients {

    public record Figures(long ops, long errors, double seconds, long p50Nanos, long p99Nanos) {
        public double opsPerSecond() { return ops / seconds; }

        @Override public String toString() {
            return String.format("%,10.0f ops/s   p50 %6.2f ms   p99 %6.2f ms   (%,d ops, %d errors, %.1f s)",
                    opsPerSecond(), p50Nanos / 1e6, p99Nanos / 1e6, ops, errors, seconds);
        }
    }

    private LoadClients() {}

    /** Adds the week's shows for the load (as admins, through the front end). */
    public static void setUp(String namingUrl, LocalDate today) {
        try (FrontEndConnection fe = FrontEndConnection.open(namingUrl, "FrontEnd", 15_000)) {
            for (Area a : Area.values()) for (Slot s : Slot.values()) for (String m : Movies.ALL) for (int d = 0; d < 7; d++) {
                Call.perform(fe.service(), new Request.AddMovieSlots(a.name() + "A0001", ShowId.of(a, s, today.plusDays(d)).text(), m, 10_000));
            }
        }
    }

    /** Runs {@code clients} closed loops for {@code seconds}; the mix is book 40, cancel 25, schedule 25, list 10. */
    public static Figures run(String namingUrl, int clients, double seconds, LocalDate today, long seed) throws InterruptedException {
        return run(namingUrl, clients, seconds, today, seed, false);
    }

    /**
     * The same, with {@code identified} clients sending each call with an FT-CORBA request identity
     * ({@link FrontEndConnection#call}): what exactly-once retries cost when nothing fails.
     */
    public static Figures run(String namingUrl, int clients, double seconds, LocalDate today, long seed, boolean identified)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<Latencies> latencies = new ArrayList<>();
        long[] errors = new long[clients];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int id = c;
            Latencies mine = new Latencies();
            latencies.add(mine);
            Thread t = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed + id);
                try (FrontEndConnection fe = FrontEndConnection.open(namingUrl, "FrontEnd", 15_000)) {
                    while (!stop.get()) {
                        Request r = next(random, today);
                        long t0 = System.nanoTime();
                        Call call = identified ? fe.call(r) : Call.perform(fe.service(), r);
                        mine.record(System.nanoTime() - t0);
                        if (call.outcome() == Call.Outcome.UNAVAILABLE || call.outcome() == Call.Outcome.ERROR) errors[id]++;
                    }
                }
            }, "load-" + c);
            threads.add(t);
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread t : threads) t.join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        Latencies.Percentiles p = Latencies.over(latencies);
        return new Figures(p.count(), Arrays.stream(errors).sum(), elapsed, p.p50Nanos(), p.p99Nanos());
    }

    private static Request next(SplittableRandom random, LocalDate today) {
        Area area = Area.values()[random.nextInt(3)];
        String customer = area.name() + "C" + String.format("%04d", random.nextInt(500));
        ShowId show = ShowId.of(area, Slot.values()[random.nextInt(3)], today.plusDays(random.nextInt(7)));
        String movie = Movies.ALL.get(random.nextInt(3));
        int p = random.nextInt(100);
        if (p < 40) return new Request.BookMovieTickets(customer, customer, show.text(), movie, 1);
        if (p < 65) return new Request.CancelMovieTickets(customer, customer, show.text(), movie, 1);
        if (p < 90) return new Request.GetBookingSchedule(customer, customer);
        return new Request.ListMovieShowsAvailability("ATWA0001", movie);
    }
}
