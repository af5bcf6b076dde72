package dmtbs.system;

import dmtbs.launcher.Dmtbs;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/dmtbs chaos} as a test: seeded faults under client load on a system of its own; the
 * command's own verdict (replicas converged, every acknowledged seat present, no wrong answer, enough
 * faults confirmed) must be PASS, and its report must show faults that happened and calls that were
 * answered. The command stops every process it started.
 */
class ChaosEndToEndTest {

    @Test
    void seededChaosLosesNothingAcknowledgedAndConverges() {
        String runDir = Path.of("target", "e2e", "chaos").toAbsolutePath().toString();
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        PrintStream console = System.out;
        // The report goes to the console as ever, and is kept to be read below.
        System.setOut(new PrintStream(new Tee(console, report), true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Dmtbs.run(new String[] {"chaos", "--seconds", "30", "--seed", "11", "--naming-port", "1077", "--run-dir", runDir});
        } finally {
            System.setOut(console);
        }
        String text = report.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, "chaos verdict (reproduce with bin/dmtbs chaos --seed 11 --seconds 30):\n" + text);
        assertTrue(number(text, "faults confirmed: (\\d+)") >= 2, "faults happened: " + text);
        assertTrue(number(text, "acknowledged calls: (\\d+)") >= 100, "the clients were answered throughout: " + text);
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no '" + regex + "' in the report: " + text);
        return Long.parseLong(m.group(1));
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream a, b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override public void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override public void flush() throws java.io.IOException {
            a.flush();
            b.flush();
        }
    }
}
