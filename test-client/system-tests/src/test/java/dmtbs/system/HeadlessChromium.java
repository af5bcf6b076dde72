package dmtbs.system;

import dmtbs.group.node.Json;
import dmtbs.launcher.JsonReader;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Debian's Chromium, headless, driven through the DevTools protocol over the JDK's own WebSocket
 * client: open a page, run JavaScript in it (to read its DOM or click), take a screenshot. It is
 * installed by {@code install-chromium.sh} when missing, started with a profile of its own, and
 * stopped by PID with every process it started.
 */
final class HeadlessChromium implements AutoCloseable {

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<Map<String, Object>>> waiting = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    static HeadlessChromium start(Path profile) throws Exception {
        String binary = install();
        Files.createDirectories(profile);
        Process p = new ProcessBuilder(binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,1100",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            Conditions.awaitTrue(Duration.ofSeconds(30), "Chromium's DevTools port", () -> Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2);
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
            HttpClient http = HttpClient.newHttpClient();
            String pages = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String url = JsonReader.list(pages).stream().map(o -> (Map<?, ?>) o).filter(m -> "page".equals(m.get("type")))
                    .map(m -> String.valueOf(m.get("webSocketDebuggerUrl"))).findFirst().orElseThrow();
            HeadlessChromium[] self = new HeadlessChromium[1];
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(url), new WebSocket.Listener() {
                private final StringBuilder message = new StringBuilder();

                @Override public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    message.append(data);
                    if (last) {
                        Map<String, Object> m = JsonReader.object(message.toString());
                        message.setLength(0);
                        if (m.get("id") instanceof Number id && self[0] != null) {
                            CompletableFuture<Map<String, Object>> f = self[0].waiting.remove(id.longValue());
                            if (f != null) f.complete(m);
                        }
                    }
                    w.request(1);
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
            self[0] = new HeadlessChromium(p, profile, ws);
            return self[0];
        } catch (Exception | AssertionError e) {
            stopTree(p);
            throw e;
        }
    }

    private static String install() throws IOException, InterruptedException {
        if (Files.isExecutable(Path.of("/usr/bin/chromium"))) return "/usr/bin/chromium";
        Process p = new ProcessBuilder("bash", Path.of("install-chromium.sh").toAbsolutePath().toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) throw new IOException("install-chromium.sh failed (exit " + p.exitValue() + ")");
        return out;
    }

    /** One DevTools command and its result. */
    @SuppressWarnings("unchecked")
    Map<String, Object> send(String method, Map<String, Object> params) throws Exception {
        long id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        socket.sendText(Json.of(Map.of("id", id, "method", method, "params", params)), true).get(30, TimeUnit.SECONDS);
        Map<String, Object> m = answer.get(60, TimeUnit.SECONDS);
        if (m.get("error") != null) throw new IllegalStateException(method + ": " + m.get("error"));
        return (Map<String, Object>) m.get("result");
    }

    /** Opens {@code url} and waits until the page has loaded. */
    void open(String url) throws Exception {
        send("Page.navigate", Map.of("url", url));
        Conditions.awaitTrue(Duration.ofSeconds(30), "the page " + url + " loaded", () ->
                Boolean.TRUE.equals(eval("document.readyState === 'complete' && location.href === " + Json.quote(url))));
    }

    /** Runs {@code js} in the page (awaiting a promise it returns) and gives its value. */
    @SuppressWarnings("unchecked")
    Object eval(String js) throws Exception {
        Map<String, Object> r = send("Runtime.evaluate", Map.of("expression", js, "returnByValue", true, "awaitPromise", true));
        if (r.get("exceptionDetails") != null) throw new IllegalStateException("in the page: " + r.get("exceptionDetails"));
        return ((Map<String, Object>) r.get("result")).get("value");
    }

    void screenshot(Path file) throws Exception {
        String png = (String) send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true)).get("data");
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(png));
    }

    @Override public void close() throws IOException {
        socket.abort();
        stopTree(process);
    }

    /** Chromium's helpers (renderer, GPU, zygote) first, then Chromium itself, by PID. */
    private static void stopTree(Process p) {
        List<ProcessHandle> all = p.toHandle().descendants().toList();
        all.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
