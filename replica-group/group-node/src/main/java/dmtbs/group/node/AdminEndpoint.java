package dmtbs.group.node;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A process's operator port: a line-based TCP endpoint through which the launcher asks for status and
 * injects faults. One command per connection: a line in, a text answer out. On one host it listens on
 * 127.0.0.1 at an ephemeral port; on a deployment of several hosts at the host's address and a fixed
 * port ({@link AdminPorts}). Either way the address is written to {@code <run-dir>/admin/<name>.port}
 * for the processes of the same host (a manager pings its replica there).
 */
public final class AdminEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminEndpoint.class);

    private final ServerSocket server;
    private final Path portFile;

    public AdminEndpoint(Path runDir, String name, InetAddress bindAddr, int port, Function<String, String> handler)
            throws IOException {
        server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(bindAddr, port), 16);
        } catch (IOException e) {
            server.close();
            throw new IOException("admin port " + bindAddr.getHostAddress() + ":" + port + " for " + name + ": " + e.getMessage(), e);
        }
        portFile = runDir.resolve("admin").resolve(name + ".port");
        RunFiles.replace(portFile, bindAddr.getHostAddress() + ":" + server.getLocalPort());
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

    /** Sends one command to the process named {@code name} on this host (its port file) and returns its answer. */
    public static String ask(Path runDir, String name, String command, int timeoutMillis) throws IOException {
        String address = Files.readString(runDir.resolve("admin").resolve(name + ".port")).strip();
        int colon = address.lastIndexOf(':');
        return ask(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
                command, timeoutMillis);
    }

    /** Sends one command to the admin port at {@code address} and returns its answer. */
    public static String ask(InetSocketAddress address, String command, int timeoutMillis) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(address, timeoutMillis);
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
