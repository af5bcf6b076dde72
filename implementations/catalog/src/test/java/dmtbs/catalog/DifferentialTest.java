package dmtbs.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seeded random sequences through all four implementations, compared after every step. */
class DifferentialTest {

    private final Differential everyStep = Differential.of(Implementations.NAMES, 1);

    @ParameterizedTest(name = "seed {0}: 5,000 ops agree, results and digests after every op")
    @ValueSource(longs = {1, 2, 3})
    void implementationsAgree(long seed) {
        String report = everyStep.check(seed, 5_000);
        assertNull(report, report);
    }

    @Test
    void workloadIsDeterministicAndExercisesEveryOutcome() {
        List<Step> a = new RandomWorkload(7).steps(2_000);
        List<Step> b = new RandomWorkload(7).steps(2_000);
        assertEquals(a, b);
        var machine = Implementations.create(Implementations.NAMES.get(0));
        var outcomes = a.stream().map(s -> machine.apply(s.request(), s.date()).canonical().split(" ")[1])
                .collect(java.util.stream.Collectors.toSet());
        for (String expected : List.of("ADDED", "UPDATED", "REMOVED", "BOOKED", "CANCELLED", "EXCHANGED",
                "BAD_REQUEST", "NOT_AUTHORIZED", "OUTSIDE_WINDOW", "NO_SUCH_SHOW", "PAST_SHOW", "NOT_BOOKED",
                "SAME_SHOW_OTHER_THEATRE", "FOREIGN_LIMIT", "NOT_ENOUGH_SEATS")) {
            assertTrue(outcomes.contains(expected), "workload never produced " + expected + ": " + outcomes);
        }
    }

    @Test
    void aDivergenceIsReportedWithSeedAndShrunkToAFewSteps() {
        // A deliberately wrong implementation: a real one that misreports bookings of exactly 3 seats.
        Differential withBuggy = new Differential(
                List.of(() -> Implementations.create("nested-maps"), OffByOneBooking::new), 1);
        String report = withBuggy.check(11, 2_000);
        assertNotNull(report, "a buggy implementation must be caught");
        assertTrue(report.contains("seed=11"), report);
        List<Step> minimal = withBuggy.shrink(new RandomWorkload(11).steps(2_000));
        assertTrue(minimal.size() <= 3, "shrunk to " + minimal.size() + ": " + minimal);
    }
}
