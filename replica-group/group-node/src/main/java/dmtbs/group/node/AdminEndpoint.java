package dmtbs.group.node;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A process's operator port: a line-based TCP endpoint through which the launcher asks for status and
 * injects faults. One command per connection: a line in, a text answer out. On one host it listens on
 * 127.0.0.1 at an ephemeral port; on a deployment of several hosts at the host's address and a fixed
 * port ({@link AdminPorts}). Either way the address is written to {@code <run-dir>/admin/<name>.port}
 * for the processes of the same host (a manager pings its replica there).
 *
 * <p>It is reachable from the LAN, so it trusts nothing: with a token ({@link GroupKey#adminToken})
 * every line must start with it ({@code <token> <command>}); a line may be at most
 * {@link #MAX_LINE} bytes and must arrive within {@link #DEADLINE_MILLIS}; connections are served by
 * a few threads at once, so a slow or silent client never holds up a manager's health probe.
 */
public final class AdminEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminEndpoint.class);

    static final int MAX_LINE = 4_096;
    static final int DEADLINE_MILLIS = 2_000;
    private static final int WORKERS = 8, WAITING = 64;

    private final ServerSocket server;
    private final Path portFile;
    private final byte[] token;
    private final ThreadPoolExecutor workers;

    public AdminEndpoint(Path runDir, String name, InetAddress bindAddr, int port, String token, Function<String, String> handler)
            throws IOException {
        server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(bindAddr, port), 64);
        } catch (IOException e) {
            server.close();
            throw new IOException("admin port " + bindAddr.getHostAddress() + ":" + port + " for " + name + ": " + e.getMessage(), e);
        }
        this.token = token == null ? null : token.getBytes(StandardCharsets.US_ASCII);
        portFile = runDir.resolve("admin").resolve(name + ".port");
        RunFiles.replace(portFile, bindAddr.getHostAddress() + ":" + server.getLocalPort());
        workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(WAITING), r -> {
            Thread t = new Thread(r, "admin-" + name);
            t.setDaemon(true);
            return t;
        });
        Thread t = new Thread(() -> serve(handler), "admin-accept-" + name);
        t.setDaemon(true);
        t.start();
    }

    private void serve(Function<String, String> handler) {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) log.debug("admin accept: {}", e.toString());
                continue;
            }
            try {
                workers.execute(() -> answer(s, handler));
            } catch (RejectedExecutionException busy) {
                closeQuietly(s);                            // more waiting than a flood allows: drop it
            }
        }
    }

    private void answer(Socket s, Function<String, String> handler) {
        try (s) {
            s.setSoTimeout(DEADLINE_MILLIS);
            String line = readLine(new java.io.BufferedInputStream(s.getInputStream(), 512), System.nanoTime() + DEADLINE_MILLIS * 1_000_000L);
            String answer;
            if (line == null) {
                answer = "refused: a command is one line of at most " + MAX_LINE + " bytes, within " + DEADLINE_MILLIS + " ms";
            } else {
                String command = authorized(line.strip());
                try {
                    answer = command == null ? "refused: wrong or missing admin token" : handler.apply(command);
                } catch (RuntimeException e) {
                    answer = "error " + e.getMessage();
                }
            }
            PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
            out.println(answer);
        } catch (IOException e) {
            log.debug("admin connection: {}", e.toString());
        }
    }

    /** The command after the token, or null if the token is not there (constant-time comparison). */
    private String authorized(String line) {
        if (token == null) return line;
        int space = line.indexOf(' ');
        byte[] given = (space < 0 ? line : line.substring(0, space)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, token) && space > 0 ? line.substring(space + 1).strip() : null;
    }

    /** One line of at most MAX_LINE bytes before the deadline; null for a longer, unfinished or late one. */
    private static String readLine(InputStream in, long deadlineNanos) throws IOException {
        byte[] buf = new byte[MAX_LINE];
        int n = 0;
        while (System.nanoTime() < deadlineNanos) {
            int b;
            try {
                b = in.read();
            } catch (java.net.SocketTimeoutException e) {
                return null;
            }
            if (b < 0 || b == '\n') return n == 0 && b < 0 ? null : new String(buf, 0, n, StandardCharsets.UTF_8);
            if (n == MAX_LINE) return null;
            buf[n++] = (byte) b;
        }
        return null;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** Sends one command to the process named {@code name} on this host (its port file) and returns its answer. */
    public static String ask(Path runDir, String name, String token, String command, int timeoutMillis) throws IOException {
        String address = Files.readString(runDir.resolve("admin").resolve(name + ".port")).strip();
        int colon = address.lastIndexOf(':');
        return ask(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
                token, command, timeoutMillis);
    }

    /** Sends one command (with the token, if the deployment has one) to the admin port at {@code address} and returns its answer. */
    public static String ask(InetSocketAddress address, String token, String command, int timeoutMillis) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(address, timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
            out.println(token == null ? command : token + " " + command);
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
        workers.shutdownNow();
        Files.deleteIfExists(portFile);
    }
}
