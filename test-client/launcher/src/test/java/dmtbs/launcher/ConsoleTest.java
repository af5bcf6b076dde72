package dmtbs.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console serves only this machine's own names (no DNS rebinding), and prints no escape sequence it is sent. */
class ConsoleTest {

    @TempDir Path dir;

    private static String get(int port, String host) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.getOutputStream().write(("GET /status.json HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return response.substring(0, response.indexOf("\r\n"));
        }
    }

    @Test
    void anotherHostNameIsRefused() throws Exception {
        Cluster c = new Cluster(SystemSettings.of(dir, dir.resolve("run"), "console-test", 1099, null, 0), "");
        try (Console.Served served = Console.serve(c, 0)) {
            int port = served.port();
            assertEquals("HTTP/1.1 200 OK", get(port, "127.0.0.1:" + port));
            assertEquals("HTTP/1.1 200 OK", get(port, "localhost:" + port));
            assertEquals("HTTP/1.1 421", get(port, "attacker.example:" + port).strip());
            assertEquals("HTTP/1.1 421", get(port, "127.0.0.1:" + (port + 1)).strip());
        }
    }

    private static String exchange(int port, String request) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String post(int port, String token, String body) throws Exception {
        return exchange(port, "POST /action HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + (token == null ? "" : "X-DMTBS-Token: " + token + "\r\n")
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
    }

    @Test
    void theDemoPanelIsOffUnlessAskedForAndItsActionsNeedTheToken() throws Exception {
        Cluster c = new Cluster(SystemSettings.of(dir, dir.resolve("run"), "console-test", 1099, null, 0), "");
        try (Console.Served off = Console.serve(c, 0)) {
            assertTrue(post(off.port(), "anything", "kill R1").startsWith("HTTP/1.1 404"), "no panel without --allow-faults");
        }
        try (Console.Served on = Console.serve(c, 0, new DemoPanel(c, "corbaloc::127.0.0.1:1099/NameService"), "s3cret")) {
            assertTrue(post(on.port(), null, "kill R1").startsWith("HTTP/1.1 403"), "no token");
            assertTrue(post(on.port(), "guess", "kill R1").startsWith("HTTP/1.1 403"), "a wrong token");
            String answer = post(on.port(), "s3cret", "kill R9");
            assertTrue(answer.startsWith("HTTP/1.1 400") && answer.contains("needs a replica"), answer);
        }
    }

    @Test
    void aPageIsPushedFramesAndSeesNoFrontEndWhenThereIsNone() throws Exception {
        Cluster c = new Cluster(SystemSettings.of(dir, dir.resolve("run"), "console-test", 1099, null, 0), "");
        try (Console.Served served = Console.serve(c, 0);
             Socket s = new Socket(InetAddress.getLoopbackAddress(), served.port())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + served.port() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.startsWith("data: ")) {
                if (line.startsWith("HTTP/1.1")) assertEquals("HTTP/1.1 200 OK", line);
            }
            assertTrue(line != null, "a frame was pushed");
            Map<String, Object> frame = JsonReader.object(line.substring(6));
            assertEquals(false, frame.get("frontEndUp"));
            assertTrue(frame.get("members") instanceof List<?> && frame.get("series") instanceof List<?>, frame.toString());
        }
    }

    @Test
    void escapeSequencesFromAProcessArePrintedNotObeyed() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StatusTable.print(List.of(Map.of("name", "R1\u001b[2J\u001b]0;owned\u0007", "state", "running", "replacements", List.of("R2 replaced (\u001b[31mCRASH)"))),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(printed.chars().anyMatch(ch -> ch == 0x1b || ch == 0x07), printed);
        assertTrue(printed.contains("R1?[2J?]0;owned?"), printed);
    }
}
