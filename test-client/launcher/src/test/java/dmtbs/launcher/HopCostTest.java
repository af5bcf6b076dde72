package dmtbs.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HopCostTest {

    @Test
    void bouncesDatagramsOffARealEchoProcessAndStopsIt(@TempDir Path dir) throws Exception {
        SystemSettings s = SystemSettings.of(dir, dir.resolve("run"), "hop-test-" + ProcessHandle.current().pid(), 1, LocalDate.of(2026, 11, 26), 0);
        try (Cluster c = new Cluster(s, System.getProperty("java.class.path"))) {
            HopCost.Figures f = HopCost.measure(c, 2_000);
            assertTrue(f.wallMicros() > 0 && f.wallMicros() < 100_000, "wall time per message: " + f.wallMicros());
            assertTrue(Double.isNaN(f.cpuMicros()) || f.cpuMicros() > 0, "CPU per message: " + f.cpuMicros());
            assertFalse(c.alive(HopCost.ECHO));
            assertEquals(0, ProcessHandle.current().children()
                    .filter(p -> p.info().commandLine().orElse("").contains(HopCost.class.getName())).count(), "the echo JVM is stopped");
        }
    }
}
