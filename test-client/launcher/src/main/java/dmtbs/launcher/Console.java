package dmtbs.launcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dmtbs.group.node.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bin/dmtbs console}: the live admin view. The terminal shows the status table every 2 s; the
 * web page on 127.0.0.1 is a dashboard (members, timeline, charts) updated by server push
 * ({@code /events}, Server-Sent Events, from {@link ConsoleFeed}); {@code /status.json} is the raw
 * status, {@code /metrics} the Prometheus text, {@code /table} the terminal's table. With
 * {@code --allow-faults} the page has a demo panel ({@link DemoPanel}) whose actions need the
 * deployment's admin token. {@code --once} prints one table and exits.
 *
 * <p>Watching adds nothing to the group: one round of status questions a second, whoever watches,
 * and no ordered message or view change.
 */
public final class Console {
    private Console() {}

    /** At most this many pages watch at once (each holds a connection and a thread). */
    static final int MAX_VIEWERS = 8;

    static int run(Cluster c, List<String> args) throws IOException, InterruptedException {
        boolean once = args.remove("--once");
        boolean allowFaults = args.remove("--allow-faults");
        int port = Dmtbs.takePort(args, "--port", "8050");
        if (!args.isEmpty()) throw new Dmtbs.UsageError("console [--port N] [--once] [--allow-faults]");
        if (once) {
            StatusTable.print(Dmtbs.collectStatus(c), System.out);
            return 0;
        }
        Served served = allowFaults ? serveWithDemoPanel(c, port) : serve(c, port);
        String panel = !allowFaults ? "" : c.adminToken() != null ? "; demo panel on (its actions take the deployment's admin token)"
                : "; demo panel on, token " + served.token();
        try {
            while (true) {
                String table = table(c);
                System.out.print("\033[H\033[2J");
                System.out.println("DMTBS admin console (web page: http://127.0.0.1:" + served.port() + "/" + panel + "; Ctrl-C to leave)");
                System.out.print(table);
                System.out.flush();
                Thread.sleep(2_000);
            }
        } finally {
            served.close();
        }
    }

    /** The running web console: its port, and how to stop it (the server, the status poller, the demo load). */
    public record Served(HttpServer server, ConsolePoller poller, DemoPanel panel, ExecutorService threads, String token) implements AutoCloseable {
        public int port() { return server.getAddress().getPort(); }

        @Override public void close() {
            server.stop(0);
            poller.close();
            if (panel != null) panel.close();
            threads.shutdownNow();
        }
    }

    /** The web console without a demo panel. */
    public static Served serve(Cluster c, int port) throws IOException {
        return serve(c, port, null, null);
    }

    /**
     * The web console with the demo panel: its actions need the deployment's admin token, or, for a
     * system without a group key, a token made now ({@link Served#token}).
     */
    public static Served serveWithDemoPanel(Cluster c, int port) throws IOException {
        String token = c.adminToken();
        if (token == null) {
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            token = HexFormat.of().formatHex(random);
        }
        return serve(c, port, new DemoPanel(c, c.settings().namingUrl()), token);
    }

    /** The web console; {@code panel} null for none, else its actions need {@code token}. */
    static Served serve(Cluster c, int port, DemoPanel panel, String token) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        ExecutorService threads = Executors.newFixedThreadPool(MAX_VIEWERS + 4, r -> {
            Thread t = new Thread(r, "console-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        int bound = server.getAddress().getPort();
        ConsolePoller poller = new ConsolePoller(() -> Dmtbs.collectStatus(c));
        server.createContext("/status.json", ex -> reply(ex, bound, "application/json", () ->
                new Json().put("processes", Dmtbs.collectStatus(c)).toString()));
        ConsoleMetrics metrics = new ConsoleMetrics(() -> Dmtbs.collectStatus(c), (name, command) -> {
            try {
                return c.admin(name, command);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        server.createContext("/metrics", ex -> reply(ex, bound, ConsoleMetrics.contentType(), metrics::scrape));
        server.createContext("/table", ex -> reply(ex, bound, "text/html; charset=utf-8", () -> """
                <!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
                <title>DMTBS status table</title>
                <style>body{font-family:sans-serif;margin:2em} pre{background:#f4f4f4;padding:1em}</style></head>
                <body><h1>DMTBS status table</h1><p>Refreshes every 2 s. The dashboard: <a href="/">/</a></p>
                <pre>%s</pre></body></html>""".formatted(escape(table(c)))));
        server.createContext("/config.json", ex -> reply(ex, bound, "application/json", () ->
                new Json().put("demoPanel", panel != null).put("replicas", Cluster.REPLICAS).toString()));
        AtomicInteger viewers = new AtomicInteger();
        server.createContext("/events", ex -> events(ex, bound, poller, viewers));
        server.createContext("/action", ex -> action(ex, bound, panel, token, poller));
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            String file = path.equals("/") ? "dashboard.html" : path.substring(1);
            if (!List.of("dashboard.html", "dashboard.js", "dashboard.css").contains(file)) {
                send(ex, 404, "text/plain; charset=utf-8", "404 no such page: " + path + "\n");
                return;
            }
            String type = file.endsWith(".js") ? "text/javascript; charset=utf-8" : file.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
            reply(ex, bound, type, () -> asset(file));
        });
        server.start();
        return new Served(server, poller, panel, threads, token);
    }

    /** A page's feed: the latest frame at once, then each new one (about one a second), as Server-Sent Events. */
    private static void events(HttpExchange ex, int port, ConsolePoller poller, AtomicInteger viewers) throws IOException {
        if (!allowed(ex, port)) return;
        if (viewers.incrementAndGet() > MAX_VIEWERS) {
            viewers.decrementAndGet();
            send(ex, 503, "text/plain; charset=utf-8", "503 already " + MAX_VIEWERS + " pages watching\n");
            return;
        }
        try {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                long seen = -1;
                while (true) {
                    ConsolePoller.Frame f = poller.next(seen, 15_000);
                    if (f == null) {
                        out.write(": still here\n\n".getBytes(StandardCharsets.UTF_8));   // keeps proxies and the browser from timing out
                    } else {
                        out.write(("data: " + f.json() + "\n\n").getBytes(StandardCharsets.UTF_8));
                        seen = f.version();
                    }
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException e) {
            // The page went away (or the console is stopping).
        } finally {
            viewers.decrementAndGet();
        }
    }

    /** POST /action with the action as the body and the token in X-DMTBS-Token. */
    private static void action(HttpExchange ex, int port, DemoPanel panel, String token, ConsolePoller poller) throws IOException {
        if (!allowed(ex, port)) return;
        if (panel == null) {
            send(ex, 404, "text/plain; charset=utf-8", "404 the demo panel is off: start the console with --allow-faults\n");
            return;
        }
        if (!ex.getRequestMethod().equals("POST")) {
            send(ex, 405, "text/plain; charset=utf-8", "405 POST an action\n");
            return;
        }
        String given = ex.getRequestHeaders().getFirst("X-DMTBS-Token");
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            send(ex, 403, "text/plain; charset=utf-8", "403 the action needs the deployment's admin token\n");
            return;
        }
        String line;
        try (InputStream in = ex.getRequestBody()) {
            line = new String(in.readNBytes(200), StandardCharsets.UTF_8).strip();
        }
        DemoPanel.Outcome o = panel.act(line);
        poller.action(line, o);
        send(ex, o.ok() ? 200 : 400, "application/json",
                new Json().put("ok", o.ok()).put("command", o.command()).put("result", o.result()).toString());
    }

    private static String asset(String file) throws IOException {
        try (InputStream in = Console.class.getResourceAsStream("/dmtbs/launcher/console/" + file)) {
            if (in == null) throw new IOException("missing asset " + file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
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

    private static boolean allowed(HttpExchange ex, int port) throws IOException {
        if (hostAllowed(ex.getRequestHeaders().getFirst("Host"), port)) return true;
        send(ex, 421, "text/plain; charset=utf-8", "421 this console answers only at 127.0.0.1 or localhost\n");
        return false;
    }

    interface Body { String get() throws IOException; }

    private static void reply(HttpExchange ex, int port, String type, Body body) throws IOException {
        if (allowed(ex, port)) send(ex, 200, type, body.get());
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    private static String escape(String s) { return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"); }

}
