package dmtbs.system;

import dmtbs.client.Call;
import dmtbs.launcher.Cluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults under load, with real processes: message loss below the reliability layer, a replica
 * killed with kill -9, the sequencer killed with kill -9. After each, every replica's request log
 * holds the same contiguous order, each ordered client request exactly once.
 */
class FailureEndToEndTest {

    @Test
    void onePercentMessageLossLosesDuplicatesAndReordersNothing() throws Exception {
        try (SystemUnderTest sut = SystemUnderTest.start("loss", 1072, 0.01)) {
            long before = Orders.settled(sut);
            Load load = new Load(sut, 4, 100, 150);
            List<Call> calls = load.finish(false);
            assertEquals(List.of(), Load.failures(calls));
            Orders.assertSameOrderEverywhere(sut, Cluster.REPLICAS, before, Load.ordered(calls));
        }
    }

    @Test
    void killingOneReplicaUnderLoadIsInvisibleToClientsAndItIsReplaced() throws Exception {
        try (SystemUnderTest sut = SystemUnderTest.start("replica-crash", 1073, 0)) {
            long before = Orders.settled(sut);
            long oldPid = sut.cluster.pid("R2").orElseThrow();
            Load load = new Load(sut, 4, 200, 300);
            load.awaitCalls(200, 60_000);
            sut.cluster.kill("R2");
            List<Call> calls = load.finish(false);
            assertEquals(List.of(), Load.failures(calls), "no client may see the crash");
            Orders.assertSameOrderEverywhere(sut, List.of("R1", "R3", "R4"), before, Load.ordered(calls));
            // Scenario 1: RM2 replaced R2 (a new process), which caught up by state transfer.
            assertTrue(sut.cluster.pid("R2").orElseThrow() != oldPid, "R2 was restarted by its manager");
            List<SystemUnderTest.ReplicaState> all = sut.awaitConverged(Cluster.REPLICAS, Duration.ofSeconds(30));
            assertEquals(1, all.stream().map(SystemUnderTest.ReplicaState::digest).distinct().count(), all.toString());
        }
    }

    @Test
    void fivePercentLossAndACrashTogether() throws Exception {
        try (SystemUnderTest sut = SystemUnderTest.start("loss-and-crash", 1076, 0.05)) {
            long before = Orders.settled(sut);
            Load load = new Load(sut, 4, 400, 120);
            load.awaitCalls(100, 60_000);
            sut.cluster.kill("R3");
            List<Call> calls = load.finish(false);
            assertEquals(List.of(), Load.failures(calls), "no client error with 5% loss and a crash");
            Orders.assertSameOrderEverywhere(sut, List.of("R1", "R2", "R4"), before, Load.ordered(calls));
        }
    }

    @Test
    void killingTheSequencerUnderLoadOnlyDelaysClients() throws Exception {
        try (SystemUnderTest sut = SystemUnderTest.start("sequencer-crash", 1074, 0)) {
            long before = Orders.settled(sut);
            Load load = new Load(sut, 4, 300, 300);
            load.awaitCalls(200, 60_000);
            sut.cluster.kill(Cluster.SEQUENCER);
            List<Call> calls = load.finish(false);
            assertEquals(List.of(), Load.failures(calls), "clients see at most a delay");
            Orders.assertSameOrderEverywhere(sut, Cluster.REPLICAS, before, Load.ordered(calls));
            String newSequencer = null;
            for (String n : List.of("R1", "R2", "R3", "R4", "RM1", "RM2", "RM3", "RM4", Cluster.FRONT_END)) {
                if (sut.cluster.admin(n, "status").contains("\"sequencer\":true")) newSequencer = n;
            }
            assertTrue(newSequencer != null, "another member took over the sequencer role");
        }
    }
}
