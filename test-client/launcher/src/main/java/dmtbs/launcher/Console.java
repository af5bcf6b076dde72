package dmtbs.launcher;

import com.sun.net.httpserver.HttpServer;
import dmtbs.group.node.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code bin/dmtbs console}: the live admin view. The terminal shows the status table (group view,
 * sequencer, each replica's implementation, last applied sequence number, digest, mismatch counts,
 * replacement history) every 2 s; the same view is a web page on 127.0.0.1 (JSON at
 * {@code /status.json}, Prometheus metrics at {@code /metrics}). {@code --once} prints one table and exits.
 */
public final class Console {
    private Console() {}

    static int run(Cluster c, List<String> args) throws IOException, InterruptedException {
        boolean once = args.remove("--once");
        int port = Dmtbs.takePort(args, "--port", "8050");
        if (!args.isEmpty()) throw new Dmtbs.UsageError("console [--port N] [--once]");
        if (once) {
            StatusTable.print(Dmtbs.collectStatus(c), System.out);
            return 0;
        }
        HttpServer server = serve(c, port);
        try {
            while (true) {
                String table = table(c);
                System.out.print("\033[H\033[2J");
                System.out.println("DMTBS admin console (web page: http://127.0.0.1:" + server.getAddress().getPort() + "/; Ctrl-C to leave)");
                System.out.print(table);
                System.out.flush();
                Thread.sleep(2_000);
            }
        } finally {
            server.stop(0);
        }
    }

    /** Serves the view as an HTML page that refreshes itself, and as JSON. */
    public static HttpServer serve(Cluster c, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8);
        int bound = server.getAddress().getPort();
        server.createContext("/status.json", ex -> reply(ex, bound, "application/json",
                new Json().put("processes", Dmtbs.collectStatus(c)).toString()));
        ConsoleMetrics metrics = new ConsoleMetrics(() -> Dmtbs.collectStatus(c), (name, command) -> {
            try {
                return c.admin(name, command);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        server.createContext("/metrics", ex -> reply(ex, bound, ConsoleMetrics.contentType(), metrics.scrape()));
        server.createContext("/", ex -> reply(ex, bound, "text/html; charset=utf-8", """
                <!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
                <title>DMTBS admin console</title>
                <style>body{font-family:sans-serif;margin:2em} pre{background:#f4f4f4;padding:1em}</style></head>
                <body><h1>DMTBS admin console</h1><p>Refreshes every 2 s. JSON: <a href="/status.json">/status.json</a></p>
                <pre>%s</pre></body></html>""".formatted(escape(table(c)))));
        server.start();
        return server;
    }

    private static String table(Cluster c) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StatusTable.print(Dmtbs.collectStatus(c), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * A page that answers any Host header can be read by any web site a browser on this machine visits,
     * through DNS rebinding: only names of this machine's loopback, at the console's port, are served.
     */
    static boolean hostAllowed(String host, int port) {
        return host != null && List.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port).contains(host.strip().toLowerCase());
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, int port, String type, String body) throws IOException {
        if (!hostAllowed(ex.getRequestHeaders().getFirst("Host"), port)) {
            byte[] b = "421 this console answers only at 127.0.0.1 or localhost\n".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(421, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
            return;
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(200, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    private static String escape(String s) { return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"); }
}
