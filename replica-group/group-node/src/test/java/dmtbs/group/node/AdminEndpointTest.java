package dmtbs.group.node;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator port faces the LAN: a caller without the deployment's token, with a wrong one, with a
 * line of 100 MB, or holding a connection open while writing nothing is refused, and a manager's
 * health probe is answered all the while.
 */
class AdminEndpointTest {

    private static final String TOKEN = "0123456789abcdef";
    @TempDir Path dir;
    private AdminEndpoint endpoint;
    private InetSocketAddress address;
    private final AtomicInteger handled = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        endpoint = new AdminEndpoint(dir, "R1", InetAddress.getLoopbackAddress(), 0, TOKEN, line -> {
            handled.incrementAndGet();
            return "pong R1 7 (" + line + ")";
        });
        String[] a = java.nio.file.Files.readString(dir.resolve("admin/R1.port")).strip().split(":");
        address = new InetSocketAddress(a[0], Integer.parseInt(a[1]));
    }

    @AfterEach
    void stop() throws IOException { endpoint.close(); }

    private String probe() throws IOException { return AdminEndpoint.ask(address, TOKEN, "ping", 1_000); }

    @Test
    void theTokenIsRequired() throws IOException {
        assertEquals("refused: wrong or missing admin token", AdminEndpoint.ask(address, null, "ping", 1_000));
        assertEquals("refused: wrong or missing admin token", AdminEndpoint.ask(address, "0123456789abcdeX", "ping", 1_000));
        assertEquals("refused: wrong or missing admin token", AdminEndpoint.ask(address, null, TOKEN, 1_000), "the token alone is no command");
        assertEquals(0, handled.get(), "nothing reached the process");
        assertEquals("pong R1 7 (ping)", probe());
    }

    @Test
    void aHundredMegabyteLineIsRefusedAndProbesGoOn() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(address, 1_000);
            OutputStream out = s.getOutputStream();
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) 'x');
            int sent = 0;
            boolean probed = false;
            try {
                for (; sent < 100; sent++) {
                    out.write(chunk);
                    if (sent == 1) {
                        assertEquals("pong R1 7 (ping)", probe(), "a probe while the line streams in");
                        probed = true;
                    }
                }
            } catch (IOException closed) {
                // the endpoint closed the connection after MAX_LINE bytes: the rest has nowhere to go
                // (sometimes before the second megabyte, so before the probe above)
            }
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(answer.startsWith("refused: a command is one line of at most 4096 bytes"), answer);
            assertTrue(sent < 100, "the endpoint stopped reading long before 100 MB: " + sent + " MB");
            if (!probed) assertEquals("pong R1 7 (ping)", probe(), "a probe once the line was refused");
        }
        assertEquals(1, handled.get(), "only the probe was handled");
    }

    @Test
    void aSlowWriterIsRefusedAndProbesGoOn() throws Exception {
        try (Socket slow = new Socket()) {
            slow.connect(address, 1_000);
            slow.getOutputStream().write((TOKEN + " sta").getBytes(StandardCharsets.US_ASCII));   // and then nothing
            long t0 = System.nanoTime();
            for (int i = 0; i < 5; i++) assertEquals("pong R1 7 (ping)", probe(), "probe " + i + " while the slow writer holds on");
            assertTrue(System.nanoTime() - t0 < 1_500_000_000L, "the probes did not wait for the slow writer");
            InputStream in = slow.getInputStream();
            slow.setSoTimeout(5_000);
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(answer.startsWith("refused: a command is one line"), answer);
        }
    }
}
