package dmtbs.system;

import dmtbs.booking.Request;
import dmtbs.client.Call;
import dmtbs.client.FrontEndConnection;
import dmtbs.corba.DMTBS.Booking;
import dmtbs.launcher.Cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients, one customer each (in its own theatre), booking, cancelling and exchanging at random
 * until the service dies under them or they are stopped; each keeps its ledger.
 */
final class LedgerClients implements AutoCloseable {

    final AtomicLong answered = new AtomicLong();
    /** The longest time a client waited between two answers (a stall while the front end was away), in nanoseconds. */
    final AtomicLong longestNanos = new AtomicLong();
    final List<String> unsettled = Collections.synchronizedList(new ArrayList<>());
    /** Calls a client sent again with the same identity (exactly-once clients only). */
    final AtomicLong retries = new AtomicLong();
    /** Clients that could not find the service when they started, and why (a power cut may precede them). */
    final List<String> notStarted = Collections.synchronizedList(new ArrayList<>());
    /** How often a client's calls moved on to another front end (exactly-once clients only). */
    final AtomicLong switches = new AtomicLong();
    private final Mode mode;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Request> unanswered = Collections.synchronizedList(new ArrayList<>());
    private final String namingUrl;
    private final Shows shows;

    /** What a client does about a call that got no answer. */
    enum Mode {
        /** It stops: the service died under the call. */
        STOP,
        /** It reads its schedule to settle the call, and goes on. */
        SETTLE,
        /** It never sees one: each call carries an identity and is retried with it ({@link FrontEndConnection#call}). */
        EXACTLY_ONCE
    }

    /** The movies and days the clients book: a show for each, in each customer's own area, exists with room to spare. */
    record Shows(List<String> movies, List<String> days) {
        /** Adds every show (morning slot, 10,000 seats) in each of {@code areas}; each add must succeed. */
        void addIn(FrontEndConnection fe, List<String> areas) {
            for (String area : areas) {
                for (String movie : movies) {
                    for (String day : days) {
                        Call c = Call.perform(fe.service(), new Request.AddMovieSlots(area + "A0001", area + "M" + day, movie, 10_000));
                        if (c.outcome() != Call.Outcome.OK) throw new AssertionError("adding " + movie + " " + area + "M" + day + ": " + c.text());
                    }
                }
            }
        }
    }

    LedgerClients(String namingUrl, Shows shows, List<Ledger> ledgers, long seed) { this(namingUrl, shows, ledgers, seed, Mode.STOP); }

    LedgerClients(String namingUrl, Shows shows, List<Ledger> ledgers, long seed, Mode mode) {
        this.namingUrl = namingUrl;
        this.shows = shows;
        this.mode = mode;
        for (Ledger l : ledgers) {
            SplittableRandom random = new SplittableRandom(seed * 31 + l.customer.hashCode());
            Thread t = new Thread(() -> run(l, random), "client-" + l.customer);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void run(Ledger l, SplittableRandom random) {
        FrontEndConnection opened;
        try {
            opened = FrontEndConnection.open(namingUrl, Cluster.FRONT_END, 20_000);
        } catch (IllegalStateException noService) {
            notStarted.add(l.customer + ": " + noService.getMessage());      // the service was already gone
            return;
        }
        try (FrontEndConnection fe = opened) {
            long lastAnswer = System.nanoTime();
            while (!stop.get()) {
                Request r = next(l, random);
                Call c = mode == Mode.EXACTLY_ONCE ? fe.call(r) : Call.perform(fe.service(), r);
                if (!l.record(c)) {
                    unanswered.add(r);
                    if (mode != Mode.SETTLE) return;       // the service died under this call
                    String problem = l.settle(scheduleOnceBack(fe, l.customer));
                    if (problem != null) unsettled.add(problem);
                }
                long now = System.nanoTime();
                longestNanos.accumulateAndGet(now - lastAnswer, Math::max);
                lastAnswer = now;
                answered.incrementAndGet();
            }
            retries.addAndGet(fe.retries());
            switches.addAndGet(fe.switches());
        }
    }

    /** A customer's schedule as the service holds it: show ("movie show") to tickets. */
    static Map<String, Integer> schedule(FrontEndConnection fe, String customer) throws Exception {
        Map<String, Integer> held = new TreeMap<>();
        for (Booking b : fe.service().getBookingSchedule(customer, customer)) held.put(Ledger.show(b.movieName, b.movieID), b.tickets);
        return held;
    }

    /** {@link #schedule}, asked again while the service is coming back. */
    private static Map<String, Integer> scheduleOnceBack(FrontEndConnection fe, String customer) {
        for (int attempt = 0; ; attempt++) {
            try {
                return schedule(fe, customer);
            } catch (Exception e) {
                if (attempt == 40) throw new IllegalStateException("the schedule of " + customer + " cannot be read: " + e, e);
                try {
                    Thread.sleep(250);                     // the service is coming back
                } catch (InterruptedException stop) {
                    throw new IllegalStateException(stop);
                }
            }
        }
    }

    private Request next(Ledger l, SplittableRandom random) {
        String area = l.customer.substring(0, 3);
        String movie = shows.movies().get(random.nextInt(shows.movies().size()));
        String show = area + "M" + shows.days().get(random.nextInt(shows.days().size()));
        List<String> held = new ArrayList<>(l.seats().keySet());
        int n = 1 + random.nextInt(3);
        int pick = random.nextInt(10);
        if (held.isEmpty() || pick < 6) return new Request.BookMovieTickets(l.customer, l.customer, show, movie, n);
        String[] h = held.get(random.nextInt(held.size())).split(" ");
        int have = l.seats().get(h[0] + " " + h[1]);
        if (pick < 8) return new Request.CancelMovieTickets(l.customer, l.customer, h[1], h[0], 1 + random.nextInt(have));
        String other = area + "M" + shows.days().get(random.nextInt(shows.days().size()));
        if (other.equals(h[1])) other = area + "M" + shows.days().get((shows.days().indexOf(h[1].substring(4)) + 1) % shows.days().size());
        return new Request.ExchangeTickets(l.customer, l.customer, h[1], h[0], other, h[0], 1 + random.nextInt(have));
    }

    void awaitCalls(long atLeast, Duration timeout) throws InterruptedException {
        long target = answered.get() + atLeast;
        Conditions.awaitTrue(timeout, atLeast + " more answered calls", () -> answered.get() >= target);
    }

    void finish() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) t.join(120_000);
    }

    List<Request> unanswered() { return List.copyOf(unanswered); }

    @Override public void close() throws InterruptedException { finish(); }
}
