package dmtbs.simulation;

import dmtbs.catalog.Step;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 1,000 seeded runs of the whole cluster in one JVM: sequencer, four replica managers, four replicas
 * and a front end. Each run: a safety phase of 6 simulated seconds with client load and faults drawn
 * from the seed (loss, delay, duplication, at most one replica crashed or frozen, at most one wrong
 * replica, maybe the sequencer crashed; the managers replace the faulty ones by state transfer),
 * then a liveness phase without new faults in which every new request must be answered and every
 * correct replica, replacements included, ends with the same state. A failure names the seed.
 */
class ClusterSimulationTest {

    static final int SEEDS = Integer.getInteger("dmtbs.sim.seeds", 1_000);

    @Test
    void everySeedIsSafeAndLive() {
        List<String> failures = new ArrayList<>();
        int wrongReplaced = 0, crashReplaced = 0;
        for (long seed = 1; seed <= SEEDS && failures.size() < 3; seed++) {
            SimCluster sim = new SimCluster(seed);
            String failure = run(sim, false);
            if (failure != null) failures.add("seed " + seed + ": " + failure);
            if (sim.faults.stream().anyMatch(f -> f.contains("replaced (WRONG)"))) wrongReplaced++;
            if (sim.faults.stream().anyMatch(f -> f.contains("replaced (CRASH)"))) crashReplaced++;
        }
        assertEquals(List.of(), failures, "reproduce with -Ddmtbs.sim.seed=<seed> (ClusterSimulationTest.oneSeed)");
        System.out.printf("%d seeds: a wrong replica replaced in %d, a crashed or frozen one in %d%n", SEEDS, wrongReplaced, crashReplaced);
        // The managers really worked: replacement and state transfer were exercised, not just possible.
        assertTrue(wrongReplaced > SEEDS / 10 && crashReplaced > SEEDS / 10, wrongReplaced + " / " + crashReplaced);
    }

    @Test
    void oneSeed() {
        long seed = Long.getLong("dmtbs.sim.seed", 42);
        String failure = run(seed);
        assertEquals(null, failure, "seed " + seed);
    }

    @Test
    void theCheckerCatchesAPlantedVotingBug() {
        int caught = 0;
        for (long seed = 1; seed <= 60; seed++) {
            String failure = run(seed, true);
            if (failure != null && failure.contains("client got")) caught++;
        }
        assertTrue(caught > 0, "a front end that does not vote must be caught returning a wrong answer");
    }

    static String run(long seed) { return run(new SimCluster(seed), false); }

    static String run(long seed, boolean plantVotingBug) { return run(new SimCluster(seed), plantVotingBug); }

    /** One run; null if every invariant held and the service was live again. */
    static String run(SimCluster sim, boolean plantVotingBug) {
        sim.trustFirstAnswer = plantVotingBug;
        var r = sim.random;
        if (r.nextBoolean()) sim.byzantineAt(r.nextInt(4_000), SimCluster.REPLICAS.get(r.nextInt(4)));
        int crashKind = r.nextInt(4);
        String victim = SimCluster.REPLICAS.get(r.nextInt(4));
        if (crashKind == 1) sim.crashAt(r.nextInt(5_000), victim);
        // Any length from 0.2 to 4.5 s: across the failure detector's 3 s exclusion, and long enough to
        // outlast a takeover that does not wait (it once gave up on silent members after 2 s).
        if (crashKind == 2) sim.freezeAt(r.nextInt(5_000), victim, 200 + r.nextInt(4_300));
        if (r.nextInt(3) == 0) sim.crashAt(r.nextInt(5_000), "Sequencer");

        // Safety phase: requests every 0-30 ms for 6 s.
        long t = 10;
        for (int i = 0; t < 6_000; i++) {
            Step s = sim.workload.next();
            sim.submitAt(t, s.request());
            t += r.nextInt(30);
        }
        sim.runUntil(12_000);                                   // everything in flight settles or times out
        if (sim.check.violation() != null) return sim.check.violation() + " " + sim.faults;

        // Liveness phase: no new faults; every new request is answered.
        long answeredBefore = sim.answered;
        long unavailableBefore = sim.unavailable;
        for (int i = 0; i < 20; i++) sim.submitAt(12_000 + i * 50L, sim.workload.next().request());
        sim.runUntil(25_000);
        if (sim.check.violation() != null) return sim.check.violation() + " " + sim.faults;
        if (sim.answered - answeredBefore != 20 || sim.unavailable != unavailableBefore) {
            return "not live after the faults stopped: " + (sim.answered - answeredBefore) + "/20 answered, "
                    + (sim.unavailable - unavailableBefore) + " unavailable " + sim.faults + " loss " + sim.loss
                    + "\n  " + sim.describe();
        }
        var states = sim.correctReplicaStates();
        if (states.values().stream().distinct().count() != 1) return "correct replicas differ: " + states + " " + sim.faults;
        return null;
    }
}
