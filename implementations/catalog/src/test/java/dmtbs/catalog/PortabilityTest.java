package dmtbs.catalog;

import dmtbs.booking.BookingMachine;
import dmtbs.booking.BookingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.DynamicTest;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A snapshot exported by any implementation restores into any other (all 16 ordered pairs). */
class PortabilityTest {

    private static final String EMPTY_DIGEST = "b7d29c1c5dc287ed55dc85bdf7eb3af071ebc8249cfe918a3114c9b03862aebd";

    @Test
    void emptyStateDigestIsTheOneInTheSpec() {
        assertEquals(EMPTY_DIGEST, BookingState.EMPTY.digest());
        for (BookingMachine m : Implementations.createAll()) assertEquals(EMPTY_DIGEST, m.digest(), m.name());
    }

    @TestFactory
    Stream<DynamicTest> exportFromXImportIntoY() {
        return Implementations.NAMES.stream().flatMap(from -> Implementations.NAMES.stream().map(to ->
                DynamicTest.dynamicTest(from + " -> " + to, () -> transfer(from, to))));
    }

    private static void transfer(String from, String to) {
        RandomWorkload workload = new RandomWorkload(from.hashCode() * 31L + to.hashCode());
        BookingMachine source = Implementations.create(from);
        for (Step s : workload.steps(3_000)) source.apply(s.request(), s.date());
        BookingState snapshot = source.exportState();
        assertTrue(snapshot.bookings().size() > 5, "the snapshot should hold some bookings");

        BookingMachine target = Implementations.create(to);
        // Something already in the target must be replaced, not merged with.
        for (Step s : new RandomWorkload(99).steps(300)) target.apply(s.request(), s.date());
        target.importState(snapshot);
        assertEquals(source.digest(), target.digest());
        assertEquals(snapshot, target.exportState());

        for (Step s : workload.steps(1_000)) {
            assertEquals(source.apply(s.request(), s.date()).canonical(), target.apply(s.request(), s.date()).canonical(),
                    () -> from + " -> " + to + " at " + s);
        }
        assertEquals(source.digest(), target.digest());
    }
}
