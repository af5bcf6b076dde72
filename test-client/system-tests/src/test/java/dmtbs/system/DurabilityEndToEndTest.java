package dmtbs.system;

import dmtbs.booking.Request;
import dmtbs.client.Call;
import dmtbs.client.FrontEndConnection;
import dmtbs.client.RequestIdentity;
import dmtbs.group.node.JavaCommand;
import dmtbs.launcher.Cluster;
import dmtbs.launcher.JsonReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing acknowledged is lost: every JVM of the service is killed at the same instant while eight
 * clients book, cancel and exchange, and the service is started again on the same run directory.
 * Each client's schedule must then be what its acknowledged answers say (plus, or not, the one call
 * that got no answer), the replicas must agree, and booking must go on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DurabilityEndToEndTest {

    private static final String[] AREAS = {"ATW", "VER", "OUT"};
    private static final String[] MOVIES = {"Avatar", "Titanic"};
    private static final List<String> DAYS = List.of("271126", "281126", "291126", "301126");
    private static final LedgerClients.Shows SHOWS = new LedgerClients.Shows(List.of(MOVIES), DAYS);
    private static final int CLIENTS = 8;
    /** Small, so that snapshots (and log segments dropped behind them) happen many times a run. */
    private static final int SNAPSHOT_EVERY = 300;

    private SystemUnderTest sut;
    private String savedOptions;
    private final List<Ledger> ledgers = new ArrayList<>();
    private final List<Long> restarts = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        savedOptions = System.getProperty(JavaCommand.EXTRA_OPTIONS);
        System.setProperty(JavaCommand.EXTRA_OPTIONS, "-Ddmtbs.snapshot_every=" + SNAPSHOT_EVERY);
        sut = SystemUnderTest.start("durability", 1084, 0);
        try (FrontEndConnection fe = sut.connect()) {
            SHOWS.addIn(fe, List.of(AREAS));
        }
        for (int i = 0; i < CLIENTS; i++) ledgers.add(new Ledger(AREAS[i % 3] + "C" + (2_100 + i)));
    }

    @AfterAll
    void stop() {
        if (sut != null) sut.close();
        if (savedOptions == null) System.clearProperty(JavaCommand.EXTRA_OPTIONS);
        else System.setProperty(JavaCommand.EXTRA_OPTIONS, savedOptions);
    }

    /** A call made with an identity by the first test, and its answer: the replicas must still know it after the power cuts. */
    private static final String REPEATED_CUSTOMER = "VERC2999", REPEATED_SHOW = "VERM" + DAYS.get(1);
    private static final Request REPEATED = new Request.BookMovieTickets(REPEATED_CUSTOMER, REPEATED_CUSTOMER, REPEATED_SHOW, MOVIES[1], 2);
    private final RequestIdentity repeatedIdentity = new RequestIdentity("durability-test.1", 1, Instant.now().plus(Duration.ofHours(1)));
    private Call repeatedAnswer;

    @Test
    @Order(1)
    void aCallSentAgainWithItsIdentityIsAppliedOnceEvenThroughARestartedFrontEnd() throws Exception {
        try (FrontEndConnection fe = sut.connect()) {
            Call answer = repeatedIdentity.during(() -> Call.perform(fe.service(), REPEATED));
            assertEquals(Call.Outcome.OK, answer.outcome(), answer.text());
            assertEquals(answer, repeatedIdentity.during(() -> Call.perform(fe.service(), REPEATED)), "the same call again gets the first answer");
            long before = sut.cluster.pid(Cluster.FRONT_END).orElseThrow();
            sut.cluster.kill(Cluster.FRONT_END);
            Conditions.awaitTrue(Duration.ofSeconds(30), "a new front end process", () ->
                    sut.cluster.alive(Cluster.FRONT_END) && sut.cluster.pid(Cluster.FRONT_END).orElseThrow() != before);
            assertEquals(answer, repeatedIdentity.during(() -> Call.perform(fe.service(), REPEATED)), "and through a restarted front end");
            assertEquals(Map.of(Ledger.show(MOVIES[1], REPEATED_SHOW), 2), LedgerClients.schedule(fe, REPEATED_CUSTOMER), "booked once");
            repeatedAnswer = answer;
        }
    }

    @Test
    @Order(3)
    void afterThePowerCutsTheReplicasStillKnowWhatTheyAnsweredThatCall() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(repeatedAnswer != null, "the first test made the call");
        try (FrontEndConnection fe = sut.connect()) {
            assertEquals(repeatedAnswer, repeatedIdentity.during(() -> Call.perform(fe.service(), REPEATED)),
                    "the replicas read what they answered back from their disks (snapshots and logs)");
            RequestIdentity next = new RequestIdentity(repeatedIdentity.client(), 2, repeatedIdentity.expires());
            Call nextAnswer = next.during(() -> Call.perform(fe.service(), REPEATED));
            assertEquals(Call.Outcome.OK, nextAnswer.outcome(), "the client's next call is applied: " + nextAnswer.text());
            Call late = repeatedIdentity.during(() -> Call.perform(fe.service(), REPEATED));
            assertEquals("REFUSED BAD_REQUEST", late.canonical(), "a late copy of the earlier call is not applied: " + late.text());
            assertEquals(Map.of(Ledger.show(MOVIES[1], REPEATED_SHOW), 4), LedgerClients.schedule(fe, REPEATED_CUSTOMER), "two calls, two bookings");
        }
        List<SystemUnderTest.ReplicaState> states = sut.assertConverged(Cluster.REPLICAS, Duration.ofSeconds(60));
        assertTrue(states.get(0).digest().contains("+"), "the replicas' digest covers their client sessions: " + states.get(0).digest());
    }

    @Test
    @Order(2)
    void aPowerCutUnderLoadLosesNothingAcknowledgedAtThreeMoments() throws Exception {
        // 1: in the middle of the load, and R4's disk is lost with the power (a new, empty one at the restart).
        powerCutAndResume("under load, R4's disk lost", "R4", clients -> clients.awaitCalls(1_500, Duration.ofSeconds(60)));
        // 2: the instant a replica starts writing a snapshot.
        powerCutAndResume("as R1 writes a snapshot", null, clients -> {
            clients.awaitCalls(200, Duration.ofSeconds(60));
            ProcessHandle r1 = ProcessHandle.of(sut.cluster.pid("R1").orElseThrow()).orElseThrow();
            awaitSnapshotStarting(sut.settings.runDir().resolve("data").resolve("R1"), Duration.ofSeconds(60));
            r1.destroyForcibly();                       // at once (a kill(2) from here), the rest follows
        });
        // 3: soon after a restart, while the restored replicas are still checking their history.
        powerCutAndResume("just after a restart", null, clients -> clients.awaitCalls(100, Duration.ofSeconds(60)));
        System.out.println("power cuts: the service was back (a call answered) " + restarts + " ms after each restart began");
    }

    @Test
    @Order(4)
    void aTornTailAndADamagedByteAreCutOffReportedAndCaughtUp() throws Exception {
        try (LedgerClients clients = new LedgerClients(sut.settings.namingUrl(), SHOWS, ledgers, 77)) {
            clients.awaitCalls(800, Duration.ofSeconds(60));
            killEveryJvm();
            clients.finish();
        }
        Path r2 = newestSegment("R2");
        Path r3 = newestSegment("R3");
        long r2Size = Files.size(r2);
        try (RandomAccessFile f = new RandomAccessFile(r2.toFile(), "rw")) {
            f.setLength(r2Size - 7);                                  // the last record's write never finished
        }
        byte[] b = Files.readAllBytes(r3);
        b[middleRecordPayload(b) + 1] ^= 0x10;                        // a damaged block in the middle
        Files.write(r3, b);
        resume();
        for (String r : List.of("R2", "R3")) {
            String log = Files.readString(sut.cluster.logFile(r));
            assertTrue(log.contains("damaged history on disk"), r + " reports the damage");
            assertTrue(sut.cluster.admin(r, "status").contains("\"damageOnDisk\":\""), r + "'s status says what was cut");
        }
        assertTrue(Files.readString(sut.cluster.logFile("R3")).contains("failing its checksum"), "R3 names the checksum");
        settleLedgers();
        try (LedgerClients clients = new LedgerClients(sut.settings.namingUrl(), SHOWS, ledgers, 78)) {
            clients.awaitCalls(200, Duration.ofSeconds(60));
            clients.finish();
            assertEquals(List.of(), clients.unanswered(), "every call after the restart answered");
        }
        settleLedgers();
        sut.assertConverged(Cluster.REPLICAS, Duration.ofSeconds(60));
    }

    @Test
    @Order(5)
    void aFrontEndKilledUnderLoadIsBackOnItsOwnAndItsClientsSeeNoErrorAndNoDuplicate() throws Exception {
        long before = sut.cluster.pid(Cluster.FRONT_END).orElseThrow();
        LedgerClients clients = new LedgerClients(sut.settings.namingUrl(), SHOWS, ledgers, 90, LedgerClients.Mode.EXACTLY_ONCE);
        try (clients) {
            clients.awaitCalls(300, Duration.ofSeconds(60));
            long killedAt = System.nanoTime();
            sut.cluster.kill(Cluster.FRONT_END);
            Conditions.awaitTrue(Duration.ofSeconds(30), "a new front end process", () ->
                    sut.cluster.alive(Cluster.FRONT_END) && sut.cluster.pid(Cluster.FRONT_END).orElseThrow() != before);
            long restartedAfter = System.nanoTime() - killedAt;
            clients.awaitCalls(300, Duration.ofSeconds(90));          // on the references they held before
            clients.finish();
            System.out.printf("front end killed under load: a new process %.1f s later; calls sent again with their identity: %d;"
                            + " calls without an answer: %d; longest stall of a call %.1f s%n", restartedAfter / 1e9, clients.retries.get(),
                    clients.unanswered().size(), clients.longestNanos.get() / 1e9);
            assertEquals(List.of(), clients.unanswered(), "every call answered, those in flight at the kill after a retry");
        }
        assertTrue(clients.retries.get() > 0, "calls were in flight at the kill, and were sent again");
        assertTrue(Files.readString(sut.cluster.logFile(Cluster.FRONT_END)).contains("keeper: the process " + before + " exited"),
                "its keeper saw it go and started it again");
        settleLedgers();
    }

    @Test
    @Order(6)
    void theNamingServiceKilledComesBackAndClientsWithAReferenceNeverNotice() throws Exception {
        long before = sut.cluster.pid(Cluster.NAMING).orElseThrow();
        try (FrontEndConnection held = sut.connect()) {
            sut.cluster.kill(Cluster.NAMING);
            Call c = Call.perform(held.service(), new Request.ListMovieShowsAvailability("ATWA0001", "Avatar"));
            assertEquals(Call.Outcome.OK, c.outcome(), "a client with the front end's reference goes on: " + c.text());
            Conditions.awaitTrue(Duration.ofSeconds(30), "a new client finds the front end through the naming service again", () -> {
                try (FrontEndConnection fresh = sut.connect()) {
                    return Call.perform(fresh.service(), new Request.ListMovieShowsAvailability("ATWA0001", "Avatar")).outcome() == Call.Outcome.OK;
                }
            });
        }
        assertTrue(sut.cluster.pid(Cluster.NAMING).orElseThrow() != before, "the naming service is a new process");
    }

    @Test
    @Order(7)
    void aReplicaWhoseDiskIsFullLeavesAndIsReplacedAndNobodyElseIsTouched() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "mounting a small disk needs root");
        Path data = sut.settings.runDir().resolve("data").resolve("R4");
        Map<String, Long> others = new TreeMap<>();
        for (String n : sut.cluster.names()) if (!n.equals("R4")) others.put(n, sut.cluster.pid(n).orElseThrow());
        long r4 = sut.cluster.pid("R4").orElseThrow();
        // 16 KiB: less than one log segment between two snapshots. The replica's open segment stays on
        // the disk below; its next snapshot and segment land on the small one.
        assertEquals(0, new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16k", "dmtbs-full", data.toString()).inheritIO().start().waitFor());
        try (LedgerClients clients = new LedgerClients(sut.settings.namingUrl(), SHOWS, ledgers, 95, LedgerClients.Mode.SETTLE)) {
            Conditions.awaitTrue(Duration.ofSeconds(90), "R4 finds its disk full and stops", () ->
                    Files.readString(sut.cluster.logFile("R4")).contains("cannot write its data directory"));
            Conditions.awaitTrue(Duration.ofSeconds(60), "R4 replaced", () ->
                    sut.cluster.alive("R4") && sut.cluster.pid("R4").orElseThrow() != r4);
            clients.awaitCalls(200, Duration.ofSeconds(60));
            clients.finish();
            assertEquals(List.of(), clients.unanswered(), "every call answered while R4 went and came back");
        } finally {
            new ProcessBuilder("umount", "-l", data.toString()).inheritIO().start().waitFor();
        }
        for (Map.Entry<String, Long> e : others.entrySet()) {
            assertEquals(e.getValue(), sut.cluster.pid(e.getKey()).orElseThrow(), e.getKey() + " was not touched");
        }
        settleLedgers();
    }

    private String restoredFrom(String replica) throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"restoredFrom\":\"([^\"]*)\"").matcher(sut.cluster.admin(replica, "status"));
        assertTrue(m.find(), replica + " says what it restored from");
        return m.group(1);
    }

    private void emptyDataDirectory(String replica) throws IOException {
        try (Stream<Path> s = Files.list(sut.settings.runDir().resolve("data").resolve(replica))) {
            for (Path p : s.toList()) Files.delete(p);
        }
    }

    /** Where the payload of the middle record of a log segment starts (records: length, checksum, payload). */
    private static int middleRecordPayload(byte[] segment) {
        List<Integer> payloads = new ArrayList<>();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(segment);
        for (int at = 0; at + 8 <= segment.length; at += 8 + b.getInt(at)) payloads.add(at + 8);
        return payloads.get(payloads.size() / 2);
    }

    interface Moment { void await(LedgerClients clients) throws Exception; }

    private void powerCutAndResume(String moment, String diskLost, Moment when) throws Exception {
        long calls;
        try (LedgerClients clients = new LedgerClients(sut.settings.namingUrl(), SHOWS, ledgers, restarts.size())) {
            when.await(clients);
            long before = clients.answered.get();
            int killed = killEveryJvm();
            if (diskLost != null) emptyDataDirectory(diskLost);
            clients.finish();
            calls = clients.answered.get();
            assertTrue(calls > 0 && before > 0, "the clients were being served when the power went");
            System.out.printf("power cut %s: %d JVMs killed after %d answered calls; unanswered: %d; snapshots cut half-written: %d%n",
                    moment, killed, calls, clients.unanswered().size(), halfWrittenSnapshots());
        }
        long t0 = System.nanoTime();
        resume();
        restarts.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        // From its disk, or, with nothing there (a lost disk; a replacement cut off before its
        // transfer was written), from the others' state once it finds it is behind.
        Map<String, String> from = new LinkedHashMap<>();
        try {
            Conditions.awaitTrue(Duration.ofSeconds(60), "every replica resumed from its disk or a state transfer", () -> {
                for (String r : Cluster.REPLICAS) from.put(r, restoredFrom(r));
                return from.values().stream().allMatch(f -> f.startsWith("disk") || f.startsWith("a state transfer"));
            });
        } catch (AssertionError e) {
            Map<String, Object> replaced = new TreeMap<>();
            for (String rm : Cluster.MANAGERS) replaced.put(rm, JsonReader.object(sut.cluster.admin(rm, "status")).get("replacements"));
            throw new AssertionError(e.getMessage() + ": " + from + "; replacements: " + replaced);
        }
        System.out.println("resumed after the power cut " + moment + ": " + from);
        if (diskLost != null) assertTrue(from.get(diskLost).startsWith("a state transfer"), diskLost + " lost its disk: " + from);
        settleLedgers();
        try (FrontEndConnection fe = sut.connect()) {
            for (Ledger l : ledgers) {
                Call c = Call.perform(fe.service(), new Request.BookMovieTickets(l.customer, l.customer,
                        l.customer.substring(0, 3) + "M" + DAYS.get(0), MOVIES[0], 1));
                assertEquals(Call.Outcome.OK, c.outcome(), "booking goes on: " + c.text());
                assertTrue(l.record(c));
            }
        }
        sut.assertConverged(Cluster.REPLICAS, Duration.ofSeconds(60));
    }

    /** Every client's schedule, read after the restart, is what its answers say. */
    private void settleLedgers() throws Exception {
        List<String> wrong = new ArrayList<>();
        try (FrontEndConnection fe = sut.connect()) {
            for (Ledger l : ledgers) {
                String problem = l.settle(LedgerClients.schedule(fe, l.customer));
                if (problem != null) wrong.add(problem);
            }
        }
        assertEquals(List.of(), wrong, "acknowledged operations are all there, unanswered ones all or nothing");
    }

    /** kill -9 of every JVM of the service in one command: the processes, the keepers, the replicas and the managers' spares. */
    private int killEveryJvm() throws Exception {
        int killed = sut.cluster.powerCut();
        assertTrue(killed >= 13, "the processes, their keepers and the replicas: " + killed);
        for (String n : sut.cluster.names()) assertTrue(!sut.cluster.alive(n), n + " is gone");
        return killed;
    }

    /** The same run directory started again, as {@code bin/dmtbs up} does on it, until a call goes through. */
    private void resume() throws Exception {
        sut.cluster.startAll(Duration.ofSeconds(120));
    }

    /** Waits for a snapshot file to be created in {@code dir} (it is written as .tmp, then renamed). */
    private static void awaitSnapshotStarting(Path dir, Duration timeout) throws Exception {
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                WatchKey key = watch.poll(100, TimeUnit.MILLISECONDS);
                if (key == null) continue;
                boolean snapshot = key.pollEvents().stream().anyMatch(e -> e.context().toString().endsWith(".tmp"));
                key.reset();
                if (snapshot) return;
            }
            throw new AssertionError("no snapshot started in " + dir + " within " + timeout.toSeconds() + " s");
        }
    }

    /** Snapshot files the power cut left half-written (recovery deletes them and uses the one before). */
    private long halfWrittenSnapshots() throws IOException {
        try (Stream<Path> s = Files.walk(sut.settings.runDir().resolve("data"))) {
            return s.filter(p -> p.toString().endsWith(".tmp")).count();
        }
    }

    private Path newestSegment(String replica) throws IOException {
        try (Stream<Path> s = Files.list(sut.settings.runDir().resolve("data").resolve(replica))) {
            return s.filter(p -> p.toString().endsWith(".seg")).filter(p -> p.toFile().length() > 0).max(Path::compareTo).orElseThrow();
        }
    }
}
