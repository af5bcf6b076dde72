package dmtbs.system;

import dmtbs.booking.Request;
import dmtbs.catalog.RandomWorkload;
import dmtbs.client.Call;
import dmtbs.client.FrontEndConnection;
import dmtbs.frontend.RequestPrecheck;
import dmtbs.launcher.Cluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.omg.CosNaming.NamingContextExt;
import org.omg.CosNaming.NamingContextExtHelper;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CORBA edge under hostile and excessive use: a seeded fuzzer (through the naming service, and
 * raw GIOP on sockets) while an ordinary client books, then 500 callers at once for a minute.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CorbaEdgeEndToEndTest {

    private static final int FUZZ_CALLS = 100_000;
    private static final int FUZZERS = 6;
    /** Raw exchanges of each kind, at both ports: each is a new connection, so fewer than the calls. */
    private static final int RAW_EACH = 500;
    private static final String[] RAW_KINDS = {"not UTF-8 to the front end", "not UTF-8 to the naming service", "cut short", "oversize", "garbage"};
    private static final int FLOOD_CALLERS = 500;
    private static final int FLOOD_CONNECTIONS = 10;
    private static final Duration FLOOD = Duration.ofSeconds(30);
    private static final byte[][] NOT_UTF8 = {
            {(byte) 0xC3, 0x28}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {'A', 'T', 'W', (byte) 0x80}};

    private SystemUnderTest sut;

    @BeforeAll
    void start() throws Exception { sut = SystemUnderTest.start("corba-edge", 1083, 0); }

    @AfterAll
    void stop() { if (sut != null) sut.close(); }

    @Test
    @Order(1)
    void aSeededFuzzerGetsAResultOrARefusalForEveryWellFormedCallAndServiceGoesOn() throws Exception {
        Map<String, Long> pids = pids();
        long before = Orders.settled(sut);
        AtomicBoolean fuzzing = new AtomicBoolean(true);
        AtomicLong calls = new AtomicLong();
        LongAdder ordered = new LongAdder();
        LongAdder namingCalls = new LongAdder();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int f = 0; f < FUZZERS; f++) {
            long seed = 1_800 + f;
            threads.add(thread("fuzzer-" + f, () -> {
                FuzzRequests fuzz = new FuzzRequests(seed);
                try (FrontEndConnection fe = sut.connect()) {
                    NamingContextExt naming = NamingContextExtHelper.narrow(fe.orb().string_to_object(sut.settings.namingUrl()));
                    for (long n = calls.incrementAndGet(); n <= FUZZ_CALLS; n = calls.incrementAndGet()) {
                        if (n % 10 == 0) {
                            namingCalls.increment();
                            resolve(naming, fuzz.text(), wrong);
                            continue;
                        }
                        Request r = fuzz.next();
                        Call c = Call.perform(fe.service(), r);
                        if (c.outcome() != Call.Outcome.OK && c.outcome() != Call.Outcome.REFUSED) wrong.add(c.text() + " for " + shortly(r));
                        else if (RequestPrecheck.check(r) == null) ordered.increment();
                    }
                }
            }));
        }
        List<Long> ordinaryNanos = Collections.synchronizedList(new ArrayList<>());
        threads.add(thread("ordinary-client", () -> {
            RandomWorkload workload = new RandomWorkload(1_899);
            try (FrontEndConnection fe = sut.connect()) {
                while (fuzzing.get()) {
                    Request r = workload.next().request();
                    long t0 = System.nanoTime();
                    Call c = Call.perform(fe.service(), r);
                    ordinaryNanos.add(System.nanoTime() - t0);
                    if (c.outcome() != Call.Outcome.OK && c.outcome() != Call.Outcome.REFUSED) wrong.add("ordinary client: " + c.text());
                    else if (RequestPrecheck.check(r) == null) ordered.increment();
                }
            }
        }));
        long t0 = System.nanoTime();
        threads.forEach(Thread::start);
        Map<String, LongAdder> raw = rawGiop(threads.subList(0, FUZZERS));
        for (Thread t : threads.subList(0, FUZZERS)) t.join(600_000);
        fuzzing.set(false);
        for (Thread t : threads) t.join(120_000);
        double seconds = (System.nanoTime() - t0) / 1e9;

        assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())), wrong.size() + " calls got neither a result nor a refusal");
        long stubCalls = Math.min(calls.get(), FUZZ_CALLS);
        assertTrue(stubCalls >= FUZZ_CALLS, "fuzz calls made: " + stubCalls);
        assertEquals(pids, pids(), "no process died, the front end and the naming service included");
        Orders.assertSameOrderEverywhere(sut, Cluster.REPLICAS, before, ordered.sum());
        long[] sorted = ordinaryNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        assertTrue(sorted.length >= 50, "the ordinary client was served throughout: " + sorted.length + " calls");
        System.out.printf("fuzz: %,d calls in %.1f s (%,d to the naming service, %,d ordered), raw GIOP exchanges %s;"
                        + " ordinary client: %,d calls, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                stubCalls, seconds, namingCalls.sum(), ordered.sum(), raw, sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    @Test
    @Order(2)
    void fiveHundredCallersAtOnceGetOverloadedForTheExcessAndTheFrontEndStaysBounded() throws Exception {
        Map<String, Long> pids = pids();
        long heapBefore = frontEnd("heapUsedBytes");
        AtomicBoolean flooding = new AtomicBoolean(true);
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        List<FrontEndConnection> connections = new ArrayList<>();
        List<Thread> callers = new ArrayList<>();
        try {
            for (int c = 0; c < FLOOD_CONNECTIONS; c++) connections.add(sut.connect());
            for (int i = 0; i < FLOOD_CALLERS; i++) {
                FrontEndConnection fe = connections.get(i % FLOOD_CONNECTIONS);
                long seed = 2_000 + i;
                callers.add(thread("flood-" + i, () -> {
                    RandomWorkload workload = new RandomWorkload(seed);
                    while (flooding.get()) {
                        Request r = workload.next().request();
                        if (RequestPrecheck.check(r) != null) continue;      // only calls that take a place
                        Call c = Call.perform(fe.service(), r);
                        String kind = c.outcome() == Call.Outcome.UNAVAILABLE && c.text().startsWith("UNAVAILABLE overloaded")
                                ? "overloaded" : c.outcome().name();
                        outcomes.computeIfAbsent(kind, k -> new LongAdder()).increment();
                        if (c.outcome() == Call.Outcome.ERROR && errors.size() < 10) errors.add(c.text());
                    }
                }));
            }
            long end = System.nanoTime() + FLOOD.toNanos();
            callers.forEach(Thread::start);
            long heapMax = 0;
            List<Long> heap = new ArrayList<>();
            while (System.nanoTime() < end) {
                Thread.sleep(1_000);                     // a sampling period, not a wait for a condition
                long h = frontEnd("heapUsedBytes");
                heap.add(h >> 20);
                heapMax = Math.max(heapMax, h);
            }
            flooding.set(false);
            for (Thread t : callers) t.join(60_000);
            long stopped = System.nanoTime();
            long peak = frontEnd("inFlightPeak");
            long limit = frontEnd("inFlightLimit");
            long overloaded = frontEnd("overloaded");
            long firstServed = firstOrdinaryCall();
            Map<String, Long> seen = new LinkedHashMap<>();
            outcomes.forEach((k, v) -> seen.put(k, v.sum()));
            System.out.printf("flood: %d callers on %d connections for %d s: %s; front end: in flight at most %d of %d, %,d turned away,"
                            + " heap used %d MiB before, at most %d MiB during (samples in MiB: %s); served again %.1f s after the flood%n",
                    FLOOD_CALLERS, FLOOD_CONNECTIONS, FLOOD.toSeconds(), seen, peak, limit, overloaded, heapBefore >> 20, heapMax >> 20,
                    heap, (firstServed - stopped) / 1e9);
            assertTrue(seen.getOrDefault("overloaded", 0L) > 0, "the excess was told it is overloaded: " + seen);
            assertTrue(seen.getOrDefault("OK", 0L) + seen.getOrDefault("REFUSED", 0L) > 0, "calls were served during the flood: " + seen);
            assertEquals(List.of(), errors, "no call failed below CORBA's user exceptions (connection, marshalling, timeout)");
            assertTrue(peak <= limit, "in flight at most the bound: " + peak + " of " + limit);
            assertTrue(heapMax < (200L << 20), "the front end's heap (256 MiB) stayed bounded: at most " + (heapMax >> 20) + " MiB used");
            assertEquals(pids, pids(), "no process died");
            assertTrue(firstServed - stopped < Duration.ofSeconds(10).toNanos(), "normal service within seconds after the flood");
        } finally {
            flooding.set(false);
            for (Thread t : callers) t.join(60_000);
            connections.forEach(FrontEndConnection::close);
        }
        // After the flood: an ordinary client is served in full, and the replicas agree.
        try (Load load = new Load(sut, 1, 2_600, 50)) {
            List<Call> after = load.finish(false);
            assertEquals(50, after.size());
            assertEquals(List.of(), Load.failures(after), "every call after the flood answered");
        }
        sut.assertConverged(Cluster.REPLICAS, Duration.ofSeconds(60));
    }

    /**
     * Raw GIOP at both ports until the stub fuzzers are done: requests whose strings are not the
     * UTF-8 they claim (a Reply of any kind comes back), messages cut short, oversize headers, garbage
     * (the server hangs up). Returns how many of each kind were sent (the fuzzers usually outlast them).
     */
    private Map<String, LongAdder> rawGiop(List<Thread> fuzzers) throws Exception {
        InetSocketAddress naming = new InetSocketAddress(InetAddress.getLoopbackAddress(), sut.settings.namingPort());
        InetSocketAddress frontEnd = new InetSocketAddress(InetAddress.getLoopbackAddress(), frontEndPort());
        byte[] frontEndKey = frontEndObjectKey();
        byte[] namingKey = "NameService".getBytes(StandardCharsets.US_ASCII);
        SplittableRandom random = new SplittableRandom(1_818);
        Map<String, LongAdder> sent = new LinkedHashMap<>();
        for (int n = 0; n < 5 * RAW_EACH && fuzzers.stream().anyMatch(Thread::isAlive); n++) {
            int kind = n % 5;
            sent.computeIfAbsent(RAW_KINDS[kind], k -> new LongAdder()).increment();
            byte[] bad = NOT_UTF8[random.nextInt(NOT_UTF8.length)];
            switch (kind) {
                case 0 -> assertEquals(RawGiop.REPLY, RawGiop.exchange(frontEnd,
                        RawGiop.request(n, frontEndKey, "getBookingSchedule", bad, "ATWC0001".getBytes(StandardCharsets.US_ASCII)), false, 10_000),
                        "the front end answers a request whose string is not UTF-8");
                case 1 -> assertEquals(RawGiop.REPLY, RawGiop.exchange(naming, RawGiop.request(n, namingKey, "resolve_str", bad), false, 10_000),
                        "the naming service answers a request whose string is not UTF-8");
                case 2 -> {                                   // cut short: 40 of the 200 bytes announced, then hang up
                    byte[] part = Arrays.copyOf(RawGiop.header(200), 52);
                    assertHungUp(RawGiop.exchange(n % 2 == 0 ? naming : frontEnd, part, true, 10_000), "a message cut short");
                }
                case 3 -> assertEquals(RawGiop.ENDED, RawGiop.exchange(n % 2 == 0 ? naming : frontEnd,
                        RawGiop.header((5 << 20) + random.nextInt(1 << 30)), false, 10_000), "an oversize header ends the connection");
                default -> {
                    byte[] garbage = new byte[1 + random.nextInt(300)];
                    for (int i = 0; i < garbage.length; i++) garbage[i] = (byte) random.nextInt(256);
                    assertHungUp(RawGiop.exchange(n % 2 == 0 ? naming : frontEnd, garbage, true, 10_000), "garbage");
                }
            }
        }
        return sent;
    }

    /** The server ended the connection, maybe saying why first (MessageError, CloseConnection). */
    private static void assertHungUp(int answer, String what) {
        assertTrue(answer == RawGiop.ENDED || answer == RawGiop.MESSAGE_ERROR || answer == RawGiop.CLOSE_CONNECTION,
                what + " gets a hang-up or a MessageError, not GIOP message type " + answer);
    }

    private static void resolve(NamingContextExt naming, String name, List<String> wrong) {
        try {
            naming.resolve_str(name);
        } catch (org.omg.CosNaming.NamingContextPackage.NotFound | org.omg.CosNaming.NamingContextPackage.InvalidName
                 | org.omg.CosNaming.NamingContextPackage.CannotProceed e) {
            // the naming service's own refusals
        } catch (org.omg.CORBA.SystemException e) {
            wrong.add("naming service: " + e + " for " + shortly(name));
        }
    }

    /** When a fresh client is first served after the flood (nanoTime). */
    private long firstOrdinaryCall() throws InterruptedException {
        long[] at = new long[1];
        Conditions.awaitTrue(Duration.ofSeconds(60), "an ordinary call answered after the flood", () -> {
            try (FrontEndConnection fe = sut.connect()) {
                Call c = Call.perform(fe.service(), new Request.ListMovieShowsAvailability("ATWA0001", "Avatar"));
                at[0] = System.nanoTime();
                return c.outcome() == Call.Outcome.OK;
            }
        });
        return at[0];
    }

    private long frontEnd(String field) throws Exception {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(sut.cluster.admin(Cluster.FRONT_END, "status"));
        assertTrue(m.find(), "the front end's status has " + field);
        return Long.parseLong(m.group(1));
    }

    private int frontEndPort() throws Exception {
        return ((org.jacorb.orb.iiop.IIOPAddress) frontEndProfile().getAddress()).getPort();
    }

    private byte[] frontEndObjectKey() throws Exception { return frontEndProfile().get_object_key(); }

    private org.jacorb.orb.iiop.IIOPProfile frontEndProfile() throws Exception {
        String ior = Files.readString(sut.settings.runDir().resolve("FrontEnd.ior")).strip();
        org.omg.CORBA.ORB orb = org.omg.CORBA.ORB.init(new String[0], dmtbs.frontend.FrontEndMain.orbProperties());
        try {
            return (org.jacorb.orb.iiop.IIOPProfile) new org.jacorb.orb.ParsedIOR((org.jacorb.orb.ORB) orb, ior).getEffectiveProfile();
        } finally {
            orb.shutdown(false);
        }
    }

    private Map<String, Long> pids() {
        Map<String, Long> p = new LinkedHashMap<>();
        for (String n : sut.cluster.names()) p.put(n, sut.cluster.pid(n).orElseThrow());
        return p;
    }

    private static String shortly(Object o) {
        String s = String.valueOf(o);
        return s.length() > 120 ? s.substring(0, 120) + "… (" + s.length() + " chars)" : s;
    }

    private static Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }
}
