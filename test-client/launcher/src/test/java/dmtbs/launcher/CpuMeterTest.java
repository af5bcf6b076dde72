package dmtbs.launcher;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CpuMeterTest {

    @Test
    void readsUserAndSystemTimeAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 9 0 0 0 150 25 0 0 20 0 12 0 100 0 0";
        assertEquals(175, CpuMeter.cpuTicks(stat));
    }

    @Test
    void perOperationDividesTheDifferenceByTheOperations() {
        assertEquals("1,200 µs CPU", CpuMeter.perOperation(1_000_000, 13_000_000, 10));
        assertEquals("n/a", CpuMeter.perOperation(1_000_000, 3_000_000, 0));
    }

    @Test
    void measuresWorkDoneAndSkipsProcessesThatDoNotExist() {
        List<Long> pids = List.of(ProcessHandle.current().pid(), Long.MAX_VALUE);
        var first = CpuMeter.cpuNanos(pids);
        assumeTrue(first.isPresent(), "no /proc here");
        // Spin until the JVM's own clock says this thread used 200 ms of CPU; /proc must see it too
        // (allowing for its 10 ms ticks).
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + 200_000_000L, x = 0;
        while (threads.getCurrentThreadCpuTime() < until) x += Long.numberOfTrailingZeros(x + System.nanoTime());
        long second = CpuMeter.cpuNanos(pids).orElseThrow();
        assertTrue(second - first.getAsLong() >= 180_000_000L, "200 ms of spinning: " + first + " -> " + second + " " + x);
        assertEquals(0, CpuMeter.cpuNanos(List.of(Long.MAX_VALUE)).orElseThrow());
    }
}
