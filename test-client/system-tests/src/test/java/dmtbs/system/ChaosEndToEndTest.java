package dmtbs.system;

import dmtbs.launcher.Dmtbs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code bin/dmtbs chaos} as a test: seeded faults under client load on a system of its own; the
 * command's own verdict (replicas converged, every acknowledged seat present, no wrong answer) must
 * be PASS. The command stops every process it started.
 */
class ChaosEndToEndTest {

    @Test
    void seededChaosLosesNothingAcknowledgedAndConverges() {
        String runDir = Path.of("target", "e2e", "chaos").toAbsolutePath().toString();
        int exit = Dmtbs.run(new String[] {"chaos", "--seconds", "30", "--seed", "11", "--naming-port", "1077",
                "--run-dir", runDir});
        assertEquals(0, exit, "chaos verdict (reproduce with bin/dmtbs chaos --seed 11 --seconds 30)");
    }
}
