package dmtbs.system;

import dmtbs.booking.Request;
import dmtbs.client.Call;
import dmtbs.client.FrontEndConnection;
import dmtbs.launcher.Cluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole service through CORBA: naming service, front end, sequencer and four replicas, each a
 * real JVM, over real JGroups UDP on loopback. Business date pinned to Thursday 2026-11-26.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsEndToEndTest {

    private SystemUnderTest sut;
    private FrontEndConnection fe;

    @BeforeAll
    void start() throws Exception {
        sut = SystemUnderTest.start("operations", 1071, 0);
        fe = sut.connect();
    }

    @AfterAll
    void stop() {
        if (fe != null) fe.close();
        if (sut != null) sut.close();
    }

    private String call(Request r) { return Call.perform(fe.service(), r).canonical(); }

    @Test
    void allSevenOperationsAndTheirRefusals() {
        assertEquals("OK ADDED ATWM271126 Avatar 10", call(new Request.AddMovieSlots("ATWA1000", "ATWM271126", "Avatar", 10)));
        assertEquals("OK UPDATED ATWM271126 Avatar 8", call(new Request.AddMovieSlots("ATWA1000", "ATWM271126", "Avatar", 8)));
        assertEquals("OK ADDED ATWA271126 Avatar 5", call(new Request.AddMovieSlots("ATWA1000", "ATWA271126", "Avatar", 5)));
        assertEquals("REFUSED OUTSIDE_WINDOW", call(new Request.AddMovieSlots("ATWA1000", "ATWM031226", "Avatar", 5)));
        assertEquals("REFUSED NOT_AUTHORIZED", call(new Request.AddMovieSlots("VERA1000", "ATWM271126", "Avatar", 5)));
        assertEquals("REFUSED BAD_REQUEST", call(new Request.AddMovieSlots("ATWA1000", "ATWM311126", "Avatar", 5)));
        assertEquals("OK BOOKED ATWC0001 ATWM271126 Avatar 3", call(new Request.BookMovieTickets("ATWC0001", "ATWC0001", "ATWM271126", "Avatar", 3)));
        assertEquals("REFUSED CAPACITY_BELOW_BOOKED", call(new Request.AddMovieSlots("ATWA1000", "ATWM271126", "Avatar", 2)));
        assertEquals("REFUSED NOT_ENOUGH_SEATS", call(new Request.BookMovieTickets("ATWC0002", "ATWC0002", "ATWM271126", "Avatar", 6)));
        assertEquals("REFUSED NO_SUCH_SHOW", call(new Request.BookMovieTickets("ATWC0002", "ATWC0002", "ATWE271126", "Avatar", 1)));
        assertEquals("REFUSED NOT_AUTHORIZED", call(new Request.BookMovieTickets("ATWC0002", "ATWC0001", "ATWM271126", "Avatar", 1)));
        assertEquals("SCHEDULE [ATWM271126 Avatar 3]", call(new Request.GetBookingSchedule("VERA0001", "ATWC0001")));
        assertEquals("SHOWS [ATWM271126 Avatar 5,ATWA271126 Avatar 5]", call(new Request.ListMovieShowsAvailability("OUTA0001", "Avatar")));
        assertEquals("REFUSED NOT_AUTHORIZED", call(new Request.ListMovieShowsAvailability("OUTC0001", "Avatar")));
        assertEquals("OK EXCHANGED ATWC0001 ATWM271126 Avatar 1 > ATWA271126 Avatar",
                call(new Request.ExchangeTickets("ATWC0001", "ATWC0001", "ATWM271126", "Avatar", "ATWA271126", "Avatar", 1)));
        assertEquals("REFUSED BAD_REQUEST",
                call(new Request.ExchangeTickets("ATWC0001", "ATWC0001", "ATWM271126", "Avatar", "ATWM271126", "Avatar", 1)));
        assertEquals("OK CANCELLED ATWC0001 ATWM271126 Avatar 2", call(new Request.CancelMovieTickets("ATWC0001", "ATWC0001", "ATWM271126", "Avatar", 2)));
        assertEquals("REFUSED NOT_BOOKED", call(new Request.CancelMovieTickets("ATWC0001", "ATWC0001", "ATWM271126", "Avatar", 1)));
        assertEquals("OK REMOVED ATWA271126 Avatar ATWC0001:1>NONE", call(new Request.RemoveMovieSlots("ATWA1000", "ATWA271126", "Avatar")));
        assertEquals("REFUSED NO_SUCH_SHOW", call(new Request.RemoveMovieSlots("ATWA1000", "ATWA271126", "Avatar")));
        assertEquals("SCHEDULE []", call(new Request.GetBookingSchedule("ATWC0001", "ATWC0001")));
    }

    @Test
    void twentyConcurrentClientsNeverOverbookAndReplicasConverge() throws Exception {
        assertEquals("OK ADDED VERE281126 Titanic 50", call(new Request.AddMovieSlots("VERA1000", "VERE281126", "Titanic", 50)));
        AtomicInteger booked = new AtomicInteger();
        List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String customer = "VERC" + String.format("%04d", 100 + i);
            Thread t = new Thread(() -> {
                try (FrontEndConnection c = sut.connect()) {
                    while (true) {
                        Call call = Call.perform(c.service(), new Request.BookMovieTickets(customer, customer, "VERE281126", "Titanic", 1));
                        if (call.outcome() == Call.Outcome.OK) booked.incrementAndGet();
                        else if (call.canonical().equals("REFUSED NOT_ENOUGH_SEATS")) return;
                        else { unexpected.add(call.text()); return; }
                    }
                }
            });
            clients.add(t);
            t.start();
        }
        for (Thread t : clients) t.join(120_000);
        assertEquals(List.of(), unexpected);
        assertEquals(50, booked.get(), "exactly the capacity is sold, never more");
        assertEquals("SHOWS [VERE281126 Titanic 0]", call(new Request.ListMovieShowsAvailability("VERA1000", "Titanic")));

        List<SystemUnderTest.ReplicaState> states = sut.awaitConverged(Cluster.REPLICAS, Duration.ofSeconds(20));
        assertEquals(1, states.stream().map(SystemUnderTest.ReplicaState::lastApplied).distinct().count(), states.toString());
        assertEquals(1, states.stream().map(SystemUnderTest.ReplicaState::digest).distinct().count(), states.toString());
        assertTrue(states.get(0).lastApplied() > 70, states.toString());
    }

    /**
     * A client in another language and ORB (C++, omniORB) against the JacORB front end and naming
     * service: every operation, both exceptions' codes, and the same state the Java client sees.
     */
    @Test
    void aCppOmniOrbClientIsServedLikeTheJavaOne() throws Exception {
        CppClient cpp = CppClient.build(SystemUnderTest.home(), sut.settings.namingUrl());
        assertCpp(0, "OK ADDED OUTM271126 Avengers 4", cpp.call("addMovieSlots", "OUTA1000", "OUTM271126", "Avengers", "4"));
        assertCpp(0, "OK ADDED OUTA271126 Avengers 4", cpp.call("addMovieSlots", "OUTA1000", "OUTA271126", "Avengers", "4"));
        assertCpp(0, "OK BOOKED OUTC0001 OUTM271126 Avengers 3",
                cpp.call("bookMovieTickets", "OUTC0001", "OUTC0001", "OUTM271126", "Avengers", "3"));
        assertCpp(3, "REFUSED NOT_ENOUGH_SEATS", cpp.call("bookMovieTickets", "OUTC0002", "OUTC0002", "OUTM271126", "Avengers", "2"));
        assertCpp(3, "REFUSED NOT_AUTHORIZED", cpp.call("listMovieShowsAvailability", "OUTC0001", "Avengers"));
        assertCpp(0, "SHOWS [OUTM271126 Avengers 1,OUTA271126 Avengers 4]", cpp.call("listMovieShowsAvailability", "OUTA1000", "Avengers"));
        assertCpp(0, "OK EXCHANGED OUTC0001 OUTM271126 Avengers 1 > OUTA271126 Avengers",
                cpp.call("exchangeTickets", "OUTC0001", "OUTC0001", "OUTM271126", "Avengers", "OUTA271126", "Avengers", "1"));
        assertCpp(0, "OK CANCELLED OUTC0001 OUTM271126 Avengers 1",
                cpp.call("cancelMovieTickets", "OUTC0001", "OUTC0001", "OUTM271126", "Avengers", "1"));
        // What one client did, the other sees, in the same words.
        String schedule = "SCHEDULE [OUTM271126 Avengers 1,OUTA271126 Avengers 1]";
        assertCpp(0, schedule, cpp.call("getBookingSchedule", "OUTC0001", "OUTC0001"));
        assertEquals(schedule, call(new Request.GetBookingSchedule("OUTC0001", "OUTC0001")));
        assertEquals("OK BOOKED OUTC0003 OUTA271126 Avengers 2", call(new Request.BookMovieTickets("OUTC0003", "OUTC0003", "OUTA271126", "Avengers", 2)));
        assertCpp(0, "OK REMOVED OUTA271126 Avengers OUTC0001:1>NONE OUTC0003:2>NONE",
                cpp.call("removeMovieSlots", "OUTA1000", "OUTA271126", "Avengers"));
        assertCpp(0, "SCHEDULE [OUTM271126 Avengers 1]", cpp.call("getBookingSchedule", "OUTC0001", "OUTC0001"));
        // Bad input is refused by the C++ client itself, with its usage, before any call.
        CppClient.Run bad = cpp.call("bookMovieTickets", "OUTC0001", "OUTC0001", "OUTM271126", "Avengers", "2x");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("not a whole number: 2x") && bad.err().contains("usage:"), bad.err());
    }

    private static void assertCpp(int exitCode, String out, CppClient.Run run) {
        assertEquals(out, run.out(), run.err());
        assertEquals(exitCode, run.exitCode(), run.err());
    }

    /**
     * The bench's floor (ReplicaRole's hollow mode): with every replica hollow each call is answered
     * through the whole replication path, but nothing is applied: the state and its digest stay as
     * they were while the sequence numbers move on. Heal brings the booking work back.
     */
    @Test
    void hollowReplicasAnswerWithoutApplyingAndHealRestoresThem() throws Exception {
        SystemUnderTest.ReplicaState before = sut.awaitConverged(Cluster.REPLICAS, Duration.ofSeconds(20)).get(0);
        try {
            for (String r : Cluster.REPLICAS) assertTrue(sut.cluster.admin(r, "fault hollow").startsWith("ok"));
            // Applied, this would add a show (and change the digest).
            assertEquals("REFUSED BAD_REQUEST", call(new Request.AddMovieSlots("OUTA1000", "OUTM291126", "Avengers", 4)));
            assertEquals("REFUSED BAD_REQUEST", call(new Request.GetBookingSchedule("OUTC0009", "OUTC0009")));
            for (String r : Cluster.REPLICAS) assertTrue(sut.cluster.admin(r, "status").contains("\"mode\":\"HOLLOW\""), r);
            List<SystemUnderTest.ReplicaState> states = sut.awaitConverged(Cluster.REPLICAS, Duration.ofSeconds(20));
            assertTrue(states.get(0).lastApplied() >= before.lastApplied() + 2, states + " after " + before);
            assertEquals(before.digest(), states.get(0).digest(), "nothing was applied");
        } finally {
            for (String r : Cluster.REPLICAS) sut.cluster.admin(r, "fault heal");
        }
        assertEquals("SCHEDULE []", call(new Request.GetBookingSchedule("OUTC0009", "OUTC0009")));
        assertEquals(before.digest(), sut.awaitConverged(Cluster.REPLICAS, Duration.ofSeconds(20)).get(0).digest());
    }

    @Test
    void everyReplicaAnswersTheManagersLivenessProbe() throws Exception {
        for (String r : Cluster.REPLICAS) {
            String answer = sut.cluster.admin(r, "ping");
            assertTrue(answer.matches("pong " + r + " \\d+"), answer);
        }
    }

    @Test
    void theAdminConsoleShowsEveryReplicaAsAWebPage() throws Exception {
        try (var served = dmtbs.launcher.Console.serve(sut.cluster, 0)) {
            int port = served.port();
            String json = new String(new java.net.URL("http://127.0.0.1:" + port + "/status.json").openStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            for (String r : Cluster.REPLICAS) assertTrue(json.contains("\"name\":\"" + r + "\""), json);
            assertTrue(json.contains("\"implementation\":\"event-log\"") && json.contains("\"digest\""), json);
            String page = new String(new java.net.URL("http://127.0.0.1:" + port + "/table").openStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(page.contains("coordinator (sequencer): Sequencer"), page);
            // Metrics: the group's, read from the status answers, and the front end's own calls.
            call(new Request.GetBookingSchedule("OUTC0077", "OUTC0077"));
            String metrics = new String(new java.net.URL("http://127.0.0.1:" + port + "/metrics").openStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(java.util.regex.Pattern.compile("(?m)^dmtbs_replica_last_applied_seq\\{member=\"R1\"} [1-9]").matcher(metrics).find(), metrics);
            assertTrue(java.util.regex.Pattern.compile("(?m)^dmtbs_frontend_requests_total\\{member=\"FrontEnd\",operation=\"getBookingSchedule\",outcome=\"OK\"} [1-9]")
                    .matcher(metrics).find(), metrics);
            assertTrue(metrics.contains("dmtbs_frontend_request_duration_seconds_bucket{member=\"FrontEnd\",operation=\"getBookingSchedule\",le=\"+Inf\"}"), metrics);
        }
    }
}
