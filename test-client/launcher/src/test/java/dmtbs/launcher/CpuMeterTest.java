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
        CpuMeter.Sample before = new CpuMeter.Sample(1_000_000, 10);
        CpuMeter.Sample after = new CpuMeter.Sample(3_000_000, 40);
        assertEquals("200 µs CPU, 3.0 context switches (system)", after.perOperation(before, 10));
        assertEquals("n/a", after.perOperation(before, 0));
    }

    @Test
    void measuresProcessesAndSkipsOnesThatDoNotExist() throws Exception {
        long self = ProcessHandle.current().pid();
        assumeTrue(CpuMeter.sample(List.of(self)).isPresent(), "no /proc here");
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            Thread.sleep(300);                                   // asleep by now: at least one switch
            List<Long> pids = List.of(self, child.pid(), Long.MAX_VALUE);
            var first = CpuMeter.sample(pids).orElseThrow();
            long spin = System.nanoTime() + 300_000_000L, x = 0;
            while (System.nanoTime() < spin) x += Long.numberOfTrailingZeros(x + System.nanoTime());
            var second = CpuMeter.sample(pids).orElseThrow();
            assertTrue(second.cpuNanos() > first.cpuNanos(), first + " -> " + second + " " + x);
            assertTrue(first.switches() > 0, "the sleeping child has switched out: " + first);
        } finally {
            child.destroyForcibly().waitFor();
        }
        assertEquals(new CpuMeter.Sample(0, 0), CpuMeter.sample(List.of(Long.MAX_VALUE)).orElseThrow());
    }
}
