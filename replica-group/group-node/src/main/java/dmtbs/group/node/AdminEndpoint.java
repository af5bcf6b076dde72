package dmtbs.group.node;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A process's operator port: a line-based TCP endpoint on 127.0.0.1 (ephemeral port, written to
 * {@code <run-dir>/admin/<name>.port}) through which the launcher asks for status and injects
 * faults. One command per connection: a line in, a text answer out.
 */
public final class AdminEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminEndpoint.class);

    private final ServerSocket server;
    private final Path portFile;

    public AdminEndpoint(Path runDir, String name, Function<String, String> handler) throws IOException {
        server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        portFile = runDir.resolve("admin").resolve(name + ".port");
        RunFiles.replace(portFile, Integer.toString(server.getLocalPort()));
        Thread t = new Thread(() -> serve(handler), "admin-" + name);
        t.setDaemon(true);
        t.start();
    }

    private void serve(Function<String, String> handler) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(5_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
                String line = in.readLine();
                String answer;
                try {
                    answer = line == null ? "" : handler.apply(line.strip());
                } catch (RuntimeException e) {
                    answer = "error " + e.getMessage();
                }
                out.println(answer);
            } catch (IOException e) {
                if (!server.isClosed()) log.debug("admin connection: {}", e.toString());
            }
        }
    }

    /** Sends one command to the process named {@code name} and returns its answer. */
    public static String ask(Path runDir, String name, String command, int timeoutMillis) throws IOException {
        int port = Integer.parseInt(Files.readString(runDir.resolve("admin").resolve(name + ".port")).strip());
        try (Socket s = new Socket()) {
            s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
            out.println(command);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) sb.append(sb.isEmpty() ? "" : "\n").append(line);
            return sb.toString();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(portFile);
    }
}
