package dmtbs.launcher;

import dmtbs.catalog.RandomWorkload;
import dmtbs.client.FrontEndConnection;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The console's demo panel: the faults of {@code bin/dmtbs kill} and {@code bin/dmtbs fault}, killing
 * the member that orders, and a load of N clients, one action per line ({@code kill R2},
 * {@code byzantine R3}, {@code freeze R1}, {@code thaw R1}, {@code heal R1}, {@code corrupt R4},
 * {@code kill-sequencer}, {@code load 8}, {@code load stop}). Each answers with the command that
 * does the same from a shell and what happened. Only the console started with {@code --allow-faults}
 * has one, and it takes only calls that carry the deployment's admin token.
 */
final class DemoPanel implements AutoCloseable {

    record Outcome(boolean ok, String command, String result) {}

    static final int MAX_CLIENTS = 64;

    private final Cluster cluster;
    private final String namingUrl;
    private final List<Thread> load = new ArrayList<>();
    private final AtomicBoolean loadStop = new AtomicBoolean();
    private final AtomicLong loadCalls = new AtomicLong();

    DemoPanel(Cluster cluster, String namingUrl) {
        this.cluster = cluster;
        this.namingUrl = namingUrl;
    }

    synchronized Outcome act(String line) {
        String[] w = line.strip().split(" +");
        try {
            return switch (w[0]) {
                case "kill" -> replica(w, "kill", r -> {
                    long pid = cluster.pid(r).orElseThrow(() -> new IllegalStateException(r + " is not running"));
                    cluster.kill(r);
                    return "killed " + r + " (kill -9 " + pid + ")";
                });
                case "byzantine", "heal", "corrupt" -> replica(w, "fault " + w[0], r -> cluster.admin(r, "fault " + w[0]));
                case "freeze" -> replica(w, "fault freeze", r -> {
                    cluster.signal(r, "STOP");
                    return "froze " + r + " (SIGSTOP)";
                });
                case "thaw" -> replica(w, "fault thaw", r -> {
                    cluster.signal(r, "CONT");
                    return "thawed " + r + " (SIGCONT)";
                });
                case "kill-sequencer" -> killOrderer();
                case "load" -> load(w);
                default -> new Outcome(false, "", "unknown action '" + w[0] + "'");
            };
        } catch (IOException | RuntimeException e) {
            return new Outcome(false, "", w[0] + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, "", "interrupted");
        }
    }

    interface Action { String on(String replica) throws IOException, InterruptedException; }

    private Outcome replica(String[] w, String command, Action action) throws IOException, InterruptedException {
        if (w.length != 2 || !Cluster.REPLICAS.contains(w[1])) return new Outcome(false, "", w[0] + " needs a replica: one of " + Cluster.REPLICAS);
        String result = action.on(w[1]);
        return new Outcome(!result.startsWith("unknown"), "bin/dmtbs " + command + " " + w[1], result);
    }

    /** kill -9 of the member whose status says it orders; a manager is started again (nobody else would), and adopts its replica. */
    private Outcome killOrderer() throws IOException {
        for (String n : cluster.names()) {
            if (Cluster.isNaming(n) || !cluster.alive(n)) continue;
            String status;
            try {
                status = cluster.admin(n, "status");
            } catch (IOException e) {
                continue;
            }
            if (!status.contains("\"sequencer\":true")) continue;
            long pid = cluster.pid(n).orElse(-1L);
            cluster.kill(n);
            if (n.startsWith("RM")) cluster.startReplicaManager(n, false);
            return new Outcome(true, "bin/dmtbs kill " + n, "killed " + n + ", the member that ordered (kill -9 " + pid + ")"
                    + (n.startsWith("RM") ? "; started it again" : ""));
        }
        return new Outcome(false, "", "no member reports that it orders");
    }

    private Outcome load(String[] w) {
        if (w.length == 2 && w[1].equals("stop")) {
            int n = stopLoad();
            return new Outcome(true, "", "stopped the load of " + n + " clients after " + loadCalls.get() + " calls");
        }
        int n;
        try {
            n = w.length == 2 ? Integer.parseInt(w[1]) : -1;
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > MAX_CLIENTS) return new Outcome(false, "", "load needs a number of clients from 1 to " + MAX_CLIENTS + ", or stop");
        stopLoad();
        LocalDate today = businessDate();
        loadStop.set(false);
        loadCalls.set(0);
        for (int i = 0; i < n; i++) {
            long seed = 9_000 + i;
            Thread t = new Thread(() -> {
                RandomWorkload workload = RandomWorkload.atFixedDate(seed, 2, 7, today);
                try (FrontEndConnection fe = FrontEndConnection.open(namingUrl, Cluster.FRONT_END, 20_000)) {
                    while (!loadStop.get()) {
                        fe.call(workload.next().request());
                        loadCalls.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    // The front end is gone for longer than the client's retries: this client stops.
                }
            }, "demo-load-" + i);
            t.setDaemon(true);
            load.add(t);
            t.start();
        }
        return new Outcome(true, "(no shell command: the console's own clients)", "started " + n
                + " clients of the mixed workload on the business date " + today);
    }

    private int stopLoad() {
        loadStop.set(true);
        int n = load.size();
        for (Thread t : load) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        load.clear();
        return n;
    }

    private LocalDate businessDate() {
        for (String n : cluster.names()) {
            if (Cluster.isNaming(n)) continue;
            try {
                Object d = JsonReader.object(cluster.admin(n, "status")).get("businessDate");
                if (d != null) return LocalDate.parse(d.toString());
            } catch (IOException | RuntimeException e) {
                // try the next one
            }
        }
        return LocalDate.now();
    }

    @Override public synchronized void close() { stopLoad(); }
}
