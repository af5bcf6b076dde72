package dmtbs.catalog;

import dmtbs.booking.BookingMachine;
import dmtbs.booking.fault.FaultyMachine;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class FaultyMachineTest {

    private final List<Step> steps = new RandomWorkload(5).steps(500);

    @Test
    void honestModeAnswersLikeTheInnerMachine() {
        FaultyMachine faulty = new FaultyMachine(Implementations.create("event-log"), 1);
        BookingMachine reference = Implementations.create("relational");
        for (Step s : steps) {
            assertEquals(reference.apply(s.request(), s.date()).canonical(), faulty.apply(s.request(), s.date()).canonical());
        }
    }

    @Test
    void byzantineModeAlwaysAnswersWronglyButKeepsTheRightState() {
        FaultyMachine faulty = new FaultyMachine(Implementations.create("nested-maps"), 2);
        faulty.setMode(FaultyMachine.Mode.BYZANTINE);
        BookingMachine reference = Implementations.create("sorted-index");
        for (Step s : steps) {
            assertNotEquals(reference.apply(s.request(), s.date()).canonical(), faulty.apply(s.request(), s.date()).canonical());
        }
        assertEquals(reference.digest(), faulty.digest());
    }

    @Test
    void wrongAnswersAreSeeded() {
        List<String> a = wrongAnswers(3);
        assertEquals(a, wrongAnswers(3));
        assertNotEquals(a, wrongAnswers(4));
    }

    private List<String> wrongAnswers(long seed) {
        FaultyMachine faulty = new FaultyMachine(Implementations.create("nested-maps"), seed);
        faulty.setMode(FaultyMachine.Mode.BYZANTINE);
        return steps.stream().map(s -> faulty.apply(s.request(), s.date()).canonical()).toList();
    }

    @Test
    void corruptionChangesTheDigestSilently() {
        FaultyMachine faulty = new FaultyMachine(Implementations.create("sorted-index"), 6);
        BookingMachine reference = Implementations.create("event-log");
        for (Step s : steps) {
            faulty.apply(s.request(), s.date());
            reference.apply(s.request(), s.date());
        }
        assertEquals(reference.digest(), faulty.digest());
        faulty.corruptState();
        assertNotEquals(reference.digest(), faulty.digest());
    }
}
