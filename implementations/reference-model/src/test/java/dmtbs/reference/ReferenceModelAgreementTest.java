package dmtbs.reference;

import dmtbs.booking.BookingMachine;
import dmtbs.catalog.Implementations;
import dmtbs.catalog.RandomWorkload;
import dmtbs.catalog.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Black-box differential test: the reference model and each of the four implementations are fed the
 * same seeded request stream and must give the same canonical answer at every step and end in the
 * same state. The implementations are only run, never read. Halfway through, the reference model is
 * replaced by a fresh one imported from an implementation's exported state.
 */
class ReferenceModelAgreementTest {

    private static final int STEPS = 20_000;
    private static final LocalDate START = LocalDate.of(2026, 11, 23);

    /** seed, customers per theatre, days of shows around today */
    @ParameterizedTest(name = "seed {0}, {1} customers per theatre, {2} days")
    @CsvSource({"1, 2, 9", "2, 2, 9", "3, 2, 9", "4, 2, 9", "5, 1, 4", "6, 3, 14"})
    void everyAnswerAndTheFinalStateAgree(long seed, int customersPerArea, int dayRange) {
        ReferenceModel reference = new ReferenceModel();
        List<BookingMachine> implementations = Implementations.createAll();
        RandomWorkload workload = new RandomWorkload(seed, customersPerArea, dayRange, START);
        Deque<Step> recent = new ArrayDeque<>();   // the lead-up, to make a failure readable

        for (int i = 0; i < STEPS; i++) {
            if (i == STEPS / 2) {
                // Halfway, go on from a snapshot another implementation exported (booking-rules.md §6 portability).
                BookingMachine source = implementations.get((int) (seed % implementations.size()));
                reference = new ReferenceModel();
                reference.importState(source.exportState());
            }
            Step step = workload.next();
            String expected = reference.apply(step.request(), step.date()).canonical();
            if (recent.size() == 12) recent.removeFirst();
            recent.addLast(step);
            for (BookingMachine machine : implementations) {
                String actual = machine.apply(step.request(), step.date()).canonical();
                if (!expected.equals(actual)) {
                    fail("seed " + seed + " step " + i + ": " + step + "\n  reference:  " + expected + "\n  "
                            + machine.name() + ": " + actual + "\nlead-up:\n" + leadUp(recent)
                            + "\nreference state:\n" + reference.exportState().canonicalText());
                }
            }
        }
        for (BookingMachine machine : implementations) {
            assertEquals(reference.exportState().canonicalText(), machine.exportState().canonicalText(), machine.name());
            assertEquals(reference.digest(), machine.digest(), machine.name());
        }
    }

    /** The last steps up to and including the one that disagreed. */
    private static String leadUp(Deque<Step> recent) {
        StringBuilder text = new StringBuilder();
        for (Step step : recent) text.append("  ").append(step).append('\n');
        return text.toString();
    }
}
