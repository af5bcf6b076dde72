package dmtbs.replica;

import dmtbs.catalog.Implementations;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpareWarmupTest {

    @Test
    void everyImplementationRehearsesTheWholeHotPath() throws Exception {
        for (String implementation : Implementations.NAMES) {
            assertEquals(800, SpareWarmup.run(implementation, 800, () -> false), implementation);
        }
    }

    @Test
    void stopsWithinOneBatchOfTheActivation() throws Exception {
        assertEquals(0, SpareWarmup.run("nested-maps", 1_000_000, () -> true));
        AtomicInteger asked = new AtomicInteger();
        int applied = SpareWarmup.run("relational", 1_000_000, () -> asked.incrementAndGet() > 3);
        assertTrue(applied > 0 && applied <= 3 * 8, "applied " + applied);
    }
}
