package dmtbs.system;

import dmtbs.launcher.Dmtbs;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/dmtbs chaos} as a test: seeded faults under the full mix of operations on a system of
 * its own. The command's own verdict must be PASS, and its report must show what it proved: the
 * history check passed, every operation was called and acknowledged, every refusal code came back,
 * calls were answered while faults were on, and faults were confirmed. The command stops every
 * process it started.
 */
class ChaosEndToEndTest {

    private static final List<String> OPERATIONS = List.of("addMovieSlots", "removeMovieSlots", "listMovieShowsAvailability",
            "bookMovieTickets", "getBookingSchedule", "cancelMovieTickets", "exchangeTickets");

    @Test
    void seededChaosKeepsEveryAcknowledgedAnswerTheModelsAndConverges() {
        String runDir = Path.of("target", "e2e", "chaos").toAbsolutePath().toString();
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        PrintStream console = System.out;
        // The report goes to the console as ever, and is kept to be read below.
        System.setOut(new PrintStream(new Tee(console, report), true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Dmtbs.run(new String[] {"chaos", "--seconds", "35", "--seed", "11", "--naming-port", "1077", "--run-dir", runDir});
        } finally {
            System.setOut(console);
        }
        String text = report.toString(StandardCharsets.UTF_8);
        String again = " (reproduce with bin/dmtbs chaos --seed 11 --seconds 35):\n" + text;
        assertEquals(0, exit, "chaos verdict" + again);
        assertTrue(text.contains("\nhistory: PASS"), "the history check" + again);
        for (String op : OPERATIONS) {
            Matcher m = find(text, "\n  " + op + " +(\\d+) +(\\d+) +(\\d+)");
            assertTrue(Long.parseLong(m.group(1)) > 0 && Long.parseLong(m.group(2)) > 0, op + " called and acknowledged" + again);
        }
        assertEquals(10, number(text, "refusal codes acknowledged: (\\d+) of 10"), "every refusal code came back" + again);
        assertTrue(number(text, "\\((\\d+) of them during fault windows\\)") > 0, "calls answered while faults were on" + again);
        Matcher faults = find(text, "all kinds +(\\d+) / (\\d+) \\(at least (\\d+) expected\\)");
        assertTrue(Long.parseLong(faults.group(2)) >= Math.max(2, Long.parseLong(faults.group(3))), "faults confirmed" + again);
    }

    private static long number(String text, String regex) { return Long.parseLong(find(text, regex).group(1)); }

    private static Matcher find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no '" + regex + "' in the report: " + text);
        return m;
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
