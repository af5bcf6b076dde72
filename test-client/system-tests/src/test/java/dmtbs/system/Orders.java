package dmtbs.system;

import dmtbs.launcher.Cluster;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checks on the total order that the replicas applied, read from their request logs (booking-rules.md §7). */
final class Orders {

    private Orders() {}

    /**
     * Where the order stands before the load, once every replica has applied the start-up probe
     * (reading one replica at once may miss it, and the count below would be off by one).
     */
    static long settled(SystemUnderTest sut) throws Exception {
        List<SystemUnderTest.ReplicaState> s = sut.awaitConverged(Cluster.REPLICAS, Duration.ofSeconds(30));
        assertEquals(1, s.stream().map(SystemUnderTest.ReplicaState::lastApplied).distinct().count(), s.toString());
        return s.get(0).lastApplied();
    }

    /**
     * The first replica (one that was never replaced) applied exactly 1..N, each once, where N is the
     * ordered client requests plus the checkpoints the replica managers ordered meanwhile; the others
     * applied identical requests with identical results from {@code before} on (a replica replaced by
     * an earlier test's fault keeps its log only from its state transfer).
     */
    static void assertSameOrderEverywhere(SystemUnderTest sut, List<String> replicas, long before, long orderedRequests)
            throws Exception {
        List<SystemUnderTest.ReplicaState> states = sut.assertConverged(replicas, Duration.ofSeconds(30));
        // The clients are done; after this point only the managers' checkpoints are still ordered.
        long converged = states.get(0).lastApplied();
        java.util.NavigableMap<Long, String> reference = sut.requestLog(replicas.get(0), converged);
        long checkpoints = reference.entrySet().stream()
                .filter(e -> e.getKey() > before && e.getValue().startsWith("checkpoint\t")).count();
        long expected = before + orderedRequests + checkpoints;
        assertEquals(expected, converged, "each ordered request applied exactly once: " + states);
        assertEquals(expected, reference.size());
        assertEquals(1L, reference.firstKey());
        assertEquals(expected, (long) reference.lastKey());
        java.util.NavigableMap<Long, String> ours = reference.tailMap(before, false);
        for (String r : replicas.subList(1, replicas.size())) {
            java.util.NavigableMap<Long, String> other = sut.requestLog(r, converged).tailMap(before, false);
            if (!ours.equals(other)) {
                long at = java.util.stream.LongStream.rangeClosed(before + 1, expected)
                        .filter(seq -> !java.util.Objects.equals(reference.get(seq), other.get(seq))).findFirst().orElse(-1);
                throw new AssertionError(r + " applied a different order than " + replicas.get(0) + ", first at seq " + at + ": "
                        + other.get(at) + " instead of " + reference.get(at) + " (" + other.size() + " entries, from "
                        + (other.isEmpty() ? "none" : other.firstKey()) + ")");
            }
        }
    }
}
