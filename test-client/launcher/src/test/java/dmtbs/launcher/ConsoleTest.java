package dmtbs.launcher;

import com.sun.net.httpserver.HttpServer;
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
        HttpServer server = Console.serve(c, 0);
        try {
            int port = server.getAddress().getPort();
            assertEquals("HTTP/1.1 200 OK", get(port, "127.0.0.1:" + port));
            assertEquals("HTTP/1.1 200 OK", get(port, "localhost:" + port));
            assertEquals("HTTP/1.1 421", get(port, "attacker.example:" + port).strip());
            assertEquals("HTTP/1.1 421", get(port, "127.0.0.1:" + (port + 1)).strip());
        } finally {
            server.stop(0);
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
