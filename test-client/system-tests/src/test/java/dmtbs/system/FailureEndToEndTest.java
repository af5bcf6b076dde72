package dmtbs.system;

import dmtbs.client.Call;
import dmtbs.launcher.Cluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults under load, with real processes: message loss below the reliability layer, a replica
 * killed with kill -9, the sequencer killed with kill -9. After each, every replica's request log
 * holds the same contiguous order, each ordered client request exactly once. One system serves the
 * class, each fault on what the one before left (a replaced replica, a new sequencer), as a real
 * one would live; the loss is switched on and off at run time in every member.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailureEndToEndTest {

    private SystemUnderTest sut;

    @BeforeAll
    void start() throws Exception { sut = SystemUnderTest.start("failure", 1072, 0); }

    @AfterAll
    void stop() { if (sut != null) sut.close(); }

    @Test
    @Order(1)
    void onePercentMessageLossLosesDuplicatesAndReordersNothing() throws Exception {
        long before = Orders.settled(sut);
        List<Call> calls;
        try (Loss loss = new Loss(0.01)) {
            calls = new Load(sut, 4, 100, 150).finish(false);
            assertTrue(loss.dropped() > 0, "messages were lost: " + loss.dropped());
        }
        assertEquals(List.of(), Load.failures(calls));
        Orders.assertSameOrderEverywhere(sut, Cluster.REPLICAS, before, Load.ordered(calls));
    }

    @Test
    @Order(2)
    void killingOneReplicaUnderLoadIsInvisibleToClientsAndItIsReplaced() throws Exception {
        long before = Orders.settled(sut);
        long oldPid = sut.cluster.pid("R2").orElseThrow();
        Load load = new Load(sut, 4, 200, 300);
        load.awaitCalls(200, 60_000);
        long killedAt = System.nanoTime();
        sut.cluster.kill("R2");
        Conditions.awaitTrue(Duration.ofSeconds(60), "R2 replaced", () -> sut.cluster.pid("R2").filter(p -> p != oldPid).isPresent());
        long downFor = System.nanoTime() - killedAt;
        List<Call> calls = load.finish(false);
        assertEquals(List.of(), Load.failures(calls), "no client may see the crash");
        long duringFault = load.completedBetween(killedAt, killedAt + downFor);
        assertTrue(duringFault >= 20, "calls completed while R2 was down (" + downFor / 1_000_000 + " ms): " + duringFault);
        Orders.assertSameOrderEverywhere(sut, List.of("R1", "R3", "R4"), before, Load.ordered(calls));
        // Scenario 1: RM2 replaced R2 (a new process), which caught up by state transfer.
        assertTrue(sut.cluster.pid("R2").orElseThrow() != oldPid, "R2 was restarted by its manager");
        sut.assertConverged(Cluster.REPLICAS, Duration.ofSeconds(60));
    }

    @Test
    @Order(3)
    void fivePercentLossAndACrashTogether() throws Exception {
        long before = Orders.settled(sut);
        long oldPid = sut.cluster.pid("R3").orElseThrow();
        List<Call> calls;
        try (Loss loss = new Loss(0.05)) {
            Load load = new Load(sut, 4, 400, 120);
            load.awaitCalls(100, 60_000);
            long killedAt = System.nanoTime();
            sut.cluster.kill("R3");
            Conditions.awaitTrue(Duration.ofSeconds(60), "R3 replaced", () -> sut.cluster.pid("R3").filter(p -> p != oldPid).isPresent());
            long downFor = System.nanoTime() - killedAt;
            calls = load.finish(false);
            long duringFault = load.completedBetween(killedAt, killedAt + downFor);
            assertTrue(duringFault >= 10, "calls completed while R3 was down under 5 % loss (" + downFor / 1_000_000 + " ms): " + duringFault);
            assertTrue(loss.dropped() > 0, "messages were lost: " + loss.dropped());
        }
        assertEquals(List.of(), Load.failures(calls), "no client error with 5% loss and a crash");
        Orders.assertSameOrderEverywhere(sut, List.of("R1", "R2", "R4"), before, Load.ordered(calls));
        sut.assertConverged(Cluster.REPLICAS, Duration.ofSeconds(60));
    }

    @Test
    @Order(4)
    void killingTheSequencerUnderLoadOnlyDelaysClients() throws Exception {
        long before = Orders.settled(sut);
        Load load = new Load(sut, 4, 300, 300);
        load.awaitCalls(200, 60_000);
        long killedAt = System.nanoTime();
        sut.cluster.kill(Cluster.SEQUENCER);
        String[] newSequencer = new String[1];
        Conditions.awaitTrue(Duration.ofSeconds(30), "another member took over the sequencer role", () -> {
            for (String n : List.of("RM1", "RM2", "RM3", "RM4", "R1", "R2", "R3", "R4", Cluster.FRONT_END)) {
                if (sut.cluster.admin(n, "status").contains("\"sequencer\":true")) newSequencer[0] = n;
            }
            return newSequencer[0] != null;
        });
        long tookOver = System.nanoTime();
        List<Call> calls = load.finish(false);
        assertEquals(List.of(), Load.failures(calls), "clients see at most a delay");
        long after = load.completedBetween(tookOver, System.nanoTime());
        assertTrue(after >= 20, newSequencer[0] + " took over " + (tookOver - killedAt) / 1_000_000 + " ms after the kill; calls completed after that: " + after);
        Orders.assertSameOrderEverywhere(sut, Cluster.REPLICAS, before, Load.ordered(calls));
    }

    /** Every group member running now drops this fraction of what it sends, below the reliability layer, until closed. */
    private final class Loss implements AutoCloseable {
        private final List<String> members;

        Loss(double rate) throws Exception {
            members = sut.cluster.names().stream().filter(n -> !n.equals(Cluster.NAMING)).toList();
            set(rate);
        }

        /** What the members dropped so far, from their status. */
        long dropped() throws Exception {
            long sum = 0;
            for (String n : members) sum += Long.parseLong(sut.statusField(n, "dropped"));
            return sum;
        }

        private void set(double rate) throws Exception {
            for (String n : members) {
                String answer = sut.cluster.admin(n, "drop " + rate);
                assertTrue(answer.startsWith("ok"), n + ": " + answer);
            }
        }

        @Override public void close() throws Exception { set(0); }
    }
}
