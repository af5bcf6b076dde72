package dmtbs.launcher;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad options get a usage message and exit code 2, before anything is started. */
class LauncherArgumentsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bench --seconds x        | --seconds: 'x' is not a number",
            "bench --clients 2.5      | --clients: '2.5' is not a whole number",
            "bench --clients 99999999999 | --clients: 99999999999 is out of range",
            "bench --clients 0        | --clients 1..512",
            "bench --clients 100000   | --clients 1..512",
            "bench --seconds -1       | --seconds > 0",
            "bench --naming-port 70000 | '70000' is not a port number",
            "bench recovery --naming-port x | 'x' is not a port number",
            "bench --warmup           | --warmup needs a value",
            "bench yardstick --clients 0 | bench yardstick: --clients 1..512",
            "bench yardstick --warmup -1 | --warmup >= 0",
            "bench yardstick 8        | bench yardstick [--seconds S] [--warmup S] [--clients N]",
            "chaos --seed y           | --seed: 'y' is not a whole number",
            "chaos --seconds NaN      | --seconds: 'NaN' is not a number",
            "chaos --seconds 0        | --seconds S > 0",
            "lab                      | lab up [--date D] [--transport udp|tcp] | exec HOST -- COMMAND…",
            "lab up --transport sctp  | lab up [--date YYYY-MM-DD] [--transport udp|tcp]",
            "lab delay x              | lab delay MS: a whole number of ms from 0 to 2000, not 'x'",
            "lab delay 1 --loss 200   | lab delay MS [--loss PCT 0..100]",
            "lab exec branch-atw ls   | lab exec HOST -- COMMAND…",
            "lab cut                  | lab cut HOST",
            "host host1               | host NAME --config FILE [--join]",
            "key                      | key FILE",
    })
    void aBadOptionIsAUsageError(String command, String expected) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = Dmtbs.run(command.trim().split(" +"));
        } finally {
            System.setOut(saved);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, printed);
        assertTrue(printed.contains(expected), printed);
        assertFalse(printed.contains("Exception"), printed);
    }
}
