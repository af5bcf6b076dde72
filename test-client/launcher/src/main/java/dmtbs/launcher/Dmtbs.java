package dmtbs.launcher;

import dmtbs.client.BranchClient;
import dmtbs.group.node.GroupKey;
import dmtbs.group.node.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bin/dmtbs}: the one launcher for people, scripts and tests (booking-rules.md §8). Every command takes
 * {@code --run-dir DIR} (default {@code run/} in the project) to address one system. Exit codes:
 * 0 done, 1 failed, 2 usage (client: 3 Refused, 4 Unavailable).
 */
public final class Dmtbs {

    private static final String USAGE = """
            usage: bin/dmtbs <command> [--run-dir DIR] …
              up [--date YYYY-MM-DD] [--naming-port N] [--cluster NAME]   start the whole system on this machine,
                 resuming the bookings kept in the run dir; [--fresh [--yes]] deletes them first
              down                                  stop exactly what up started
              status [--json]                       group view, sequencer, replicas
              client [--user ID] [OPERATION ARGS…]  the branch client (interactive without an operation)
              kill <process>                        kill -9 (R1..R4, Sequencer, FrontEnd, …)
              fault <kind> <replica>                byzantine | heal | freeze | thaw | corrupt | drop <fraction>
              date YYYY-MM-DD                       move the pinned business date forward
              bench [--seconds S] [--warmup S] [--clients N]  replicated vs unreplicated throughput, latency
              bench recovery [--replica R2]         kill a replica under load: detection, agreement, catch-up
              bench yardstick [--seconds S] [--warmup S] [--clients N]  jgroups-raft alone, the yardstick
              bench lab [--transport udp|tcp] [--delay MS] [--loss PCT]  loopback against the lab of namespace hosts
              bench durable [--seconds S] [--warmup S] [--clients N]  durable vs not; resuming 10,000 shows after a power cut
              chaos [--seconds S] [--seed N]        faults under load on a system of its own, then the verdict
                    [--lab [--transport udp|tcp]]       … on a lab of namespace hosts, with host cuts among the faults
              console [--port N] [--once]           the live admin view, in the terminal and as a web page
              host NAME --config FILE [--join]      start the roles a deployment file places on host NAME (a LAN)
              key FILE                              a new group key for a deployment (only holders take part)
              lab up [--date D] [--transport udp|tcp]   the deployment on hosts made of network namespaces here
              lab exec HOST -- COMMAND…             run a command on one lab host
              lab cut HOST | lab heal HOST          take a lab host off the network, bring it back
              lab delay MS [--loss PCT]             latency and loss between lab hosts (inside the group stack)
              lab down                              stop the lab's processes, remove its namespaces and bridge""";

    private final Path home;
    private final Path runDir;
    private final List<String> args;

    private Dmtbs(Path home, Path runDir, List<String> args) {
        this.home = home;
        this.runDir = runDir;
        this.args = args;
    }

    public static void main(String[] argv) {
        System.exit(run(argv));
    }

    public static int run(String[] argv) {
        List<String> all = Arrays.asList(argv);
        // What follows "--" is another command's (lab exec): its options are not ours.
        int end = all.contains("--") ? all.indexOf("--") : all.size();
        List<String> args = new ArrayList<>(all.subList(0, end));
        try {
            Path home = Path.of(take(args, "--home", System.getProperty("dmtbs.home", "."))).toAbsolutePath().normalize();
            // A command run on a lab host (lab exec) addresses that lab unless it says otherwise.
            String defaultRunDir = System.getenv().getOrDefault(Lab.RUN_DIR_VARIABLE, home.resolve("run").toString());
            Path runDir = Path.of(take(args, "--run-dir", defaultRunDir)).toAbsolutePath().normalize();
            args.addAll(all.subList(end, all.size()));
            if (args.isEmpty()) return usage(null);
            String command = args.remove(0);
            return new Dmtbs(home, runDir, args).dispatch(command);
        } catch (UsageError e) {
            return usage(e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            System.out.println("error: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int dispatch(String command) throws IOException, InterruptedException {
        return switch (command) {
            case "up" -> up();
            case "down" -> down();
            case "status" -> status();
            case "client" -> client();
            case "kill" -> kill();
            case "fault" -> fault();
            case "date" -> date();
            case "bench" -> args.isEmpty() ? Bench.run(home, runDir, args) : switch (args.get(0)) {
                case "recovery" -> RecoveryBench.run(home, runDir, args.subList(1, args.size()));
                case "yardstick" -> Bench.yardstickAlone(home, runDir, args.subList(1, args.size()));
                case "lab" -> LabBench.run(home, runDir, args.subList(1, args.size()));
                case "durable" -> DurabilityBench.run(home, runDir, args.subList(1, args.size()));
                default -> Bench.run(home, runDir, args);
            };
            case "chaos" -> Chaos.run(home, runDir, args, System.out);
            case "console" -> Console.run(attached(), args);
            case "host" -> host();
            case "key" -> key();
            case "lab" -> Lab.command(home, runDir, args, System.out);
            case "help", "--help", "-h" -> usage(null);
            default -> usage("unknown command '" + command + "'");
        };
    }

    private int up() throws IOException, InterruptedException {
        boolean fresh = args.remove("--fresh");
        boolean yes = args.remove("--yes");
        SystemSettings existing = SystemSettings.load(runDir);
        Path data = runDir.resolve("data");
        boolean resuming = !fresh && hasFiles(data);
        // Resuming, what is not given again comes from the stopped system: its group, port and pinned date.
        boolean inherit = resuming && existing != null;
        String dateArg = take(args, "--date", null);
        LocalDate date = dateArg != null ? parseDate(dateArg) : inherit ? existing.date() : null;
        int namingPort = takePort(args, "--naming-port", inherit ? Integer.toString(existing.namingPort()) : "1050");
        String cluster = take(args, "--cluster", inherit ? existing.cluster() : "dmtbs-" + Math.abs(runDir.toString().hashCode()));
        double discard = takeNumber(args, "--discard", "0");
        noMore();
        if (existing != null) {
            Cluster old = new Cluster(existing, classpath());
            List<String> running = old.names().stream().filter(old::alive).toList();
            if (!running.isEmpty()) {
                throw new IllegalStateException("a system is already running in " + runDir + " (" + String.join(", ", running)
                        + "); run bin/dmtbs down first, or use another --run-dir");
            }
        }
        if (fresh && hasFiles(data)) {
            if (!confirmed(yes, "up --fresh deletes the bookings kept in " + data)) {
                System.out.println("nothing deleted, nothing started");
                return 1;
            }
            dmtbs.group.node.RunFiles.deleteTree(data);
            System.out.println("deleted the bookings kept in " + data);
        }
        SystemSettings s = SystemSettings.of(home, runDir, cluster, namingPort, date, discard);
        Cluster c = new Cluster(s, classpath());
        long t0 = System.nanoTime();
        try {
            c.startAll(Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            System.out.println("error: " + e.getMessage());
            System.out.println("stopping what was started: " + String.join(", ", c.stopAll()));
            return 1;
        }
        System.out.printf("DMTBS is up in %.1f s (cluster %s, run dir %s)%n", (System.nanoTime() - t0) / 1e9, cluster, runDir);
        if (resuming) {
            for (String r : Cluster.REPLICAS) {
                Object restored = JsonReader.object(c.admin(r, "status")).get("restoredFrom");
                System.out.println("  resumed " + r + " from " + (restored == null ? "?" : restored));
            }
        }
        System.out.println("  naming service: " + s.namingUrl() + "  (FrontEnd bound; IOR in " + runDir.resolve("FrontEnd.ior") + ")");
        System.out.println("  processes:      " + String.join(" ", c.names()) + "  (logs in " + runDir.resolve("logs") + ")");
        System.out.println("  business date:  " + (date == null ? "today in America/Montreal" : date + " (pinned)"));
        System.out.println("try:  bin/dmtbs client --user ATWA0001 list Avatar");
        System.out.println("      bin/dmtbs client              (interactive branch client)");
        System.out.println("      bin/dmtbs status");
        System.out.println("stop: bin/dmtbs down");
        return 0;
    }

    private static boolean hasFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        try (var files = Files.walk(dir)) {
            return files.anyMatch(Files::isRegularFile);
        }
    }

    /** A destructive step goes ahead with --yes, or after a "y" typed at a terminal; never by default. */
    private static boolean confirmed(boolean yes, String what) {
        if (yes) return true;
        java.io.Console console = System.console();
        if (console == null) throw new IllegalStateException(what + ": add --yes to confirm");
        String answer = console.readLine("%s. Go ahead? [y/N] ", what);
        return answer != null && answer.strip().equalsIgnoreCase("y");
    }

    private int host() throws IOException, InterruptedException {
        String config = take(args, "--config", null);
        boolean join = args.remove("--join");
        if (config == null || args.size() != 1) throw new UsageError("host NAME --config FILE [--join]");
        return HostCommand.run(home, runDir, args.get(0), Path.of(config), join, System.out);
    }

    /** {@code key FILE}: a new group key for a deployment on several hosts (copy the file to each). */
    private int key() throws IOException {
        Path file = Path.of(one("key FILE"));
        if (!GroupKey.create(file)) throw new IllegalStateException(file + " exists already; a deployment keeps its key (remove it first to make a new one)");
        System.out.println("created the group key " + file.toAbsolutePath() + " (readable by its owner only): copy it to every host, "
                + "keep it that way, and name it in the deployment file (key = …)");
        return 0;
    }

    private int down() throws IOException {
        noMore();
        if (Lab.isLab(runDir)) return Lab.down(home, runDir, System.out);
        Cluster c = attached();
        List<String> stopped = c.stopAll();
        System.out.println(stopped.isEmpty() ? "nothing was running in " + runDir : "stopped " + String.join(", ", stopped));
        return 0;
    }

    private int status() throws IOException {
        boolean json = args.remove("--json");
        noMore();
        List<Object> processes = collectStatus(attached());
        if (json) {
            System.out.println(new Json().put("runDir", runDir.toString()).put("processes", processes));
        } else {
            StatusTable.print(processes, System.out);
        }
        return 0;
    }

    /**
     * Every process of the system: its own status answer, or why there is none. A process of another
     * host is known only by its answer; the naming service, which has no admin port, by its port.
     */
    static List<Object> collectStatus(Cluster c) {
        List<Object> processes = new ArrayList<>();
        for (String name : c.names()) {
            Map<String, Object> p;
            if (c.local(name) && !c.alive(name)) {
                p = new java.util.LinkedHashMap<>(Map.of("name", name, "state", "dead", "host", c.hostOf(name)));
            } else if (Cluster.isNaming(name)) {
                p = new java.util.LinkedHashMap<>(Map.of("name", name, "state", c.namingAnswers(name) ? "running" : "not answering",
                        "host", c.hostOf(name)));
            } else {
                try {
                    p = JsonReader.object(c.admin(name, "status"));
                    p.put("state", "running");
                } catch (Exception e) {
                    p = new java.util.LinkedHashMap<>(Map.of("name", name, "state", "not answering", "host", c.hostOf(name)));
                }
            }
            Optional<Long> pid = c.pid(name);
            if (!p.containsKey("pid") && pid.isPresent()) p.put("pid", pid.get());
            processes.add(p);
        }
        return processes;
    }

    private int client() throws IOException {
        SystemSettings s = SystemSettings.load(runDir);
        if (s == null) throw new IllegalStateException("no system was started in " + runDir + " (bin/dmtbs up)");
        List<String> a = new ArrayList<>(List.of("--naming", s.namingUrl(), "--log-dir", runDir.resolve("clients").toString()));
        a.addAll(args);
        return BranchClient.run(a.toArray(String[]::new), System.out);
    }

    private int kill() throws IOException {
        String name = one("kill <process>");
        Cluster c = attached();
        long pid = c.pid(name).orElseThrow(() -> new IllegalArgumentException("no process named " + name + " in " + runDir));
        c.kill(name);
        System.out.println("killed " + name + " (kill -9 " + pid + ")");
        return 0;
    }

    private int fault() throws IOException, InterruptedException {
        if (args.isEmpty()) throw new UsageError("fault <byzantine|heal|freeze|thaw|corrupt|drop <fraction>> <replica>");
        String kind = args.remove(0);
        String fraction = kind.equals("drop") && !args.isEmpty() ? args.remove(0) : null;
        String name = one("fault " + kind + (kind.equals("drop") ? " <fraction>" : "") + " <replica>");
        Cluster c = attached();
        if (!c.alive(name)) throw new IllegalArgumentException(name + " is not running in " + runDir);
        String answer = switch (kind) {
            case "byzantine", "heal", "corrupt" -> c.admin(name, "fault " + kind);
            case "freeze" -> { c.signal(name, "STOP"); yield "froze " + name + " (SIGSTOP)"; }
            case "thaw" -> { c.signal(name, "CONT"); yield "thawed " + name + " (SIGCONT)"; }
            case "drop" -> {
                if (fraction == null) throw new UsageError("fault drop <fraction 0..1> <replica>");
                double f = parseNumber("fault drop", fraction);
                if (f < 0 || f > 1) throw new UsageError("fault drop: the fraction is between 0 and 1");
                yield c.admin(name, "drop " + f);
            }
            default -> throw new UsageError("unknown fault '" + kind + "'");
        };
        System.out.println(answer);
        return answer.startsWith("ok") || !answer.contains("unknown") ? 0 : 1;
    }

    private int date() throws IOException {
        LocalDate date = parseDate(one("date YYYY-MM-DD"));
        String answer = attached().orderDate(date);
        System.out.println(answer.startsWith("ok ") ? answer.substring(3) : answer);
        return answer.startsWith("ok ") ? 0 : 1;
    }

    /**
     * The system started in the run directory: by {@code up} (one machine), by {@code host} (this
     * host's processes; every other one through the deployment file) or by {@code lab up} (every
     * lab host's files under this directory).
     */
    private Cluster attached() throws IOException { return attach(home, runDir); }

    /** The system started in {@code runDir} (see {@link #attached}); for tests and tools that drive it. */
    public static Cluster attach(Path home, Path runDir) throws IOException {
        if (Lab.isLab(runDir)) return Lab.cluster(home, runDir);
        SystemSettings s = SystemSettings.load(runDir);
        if (s == null) throw new IllegalStateException("no system was started in " + runDir + " (bin/dmtbs up)");
        Path deployment = runDir.resolve(HostCommand.DEPLOYMENT_FILE);
        if (Files.exists(deployment)) {
            dmtbs.launcher.deploy.Deployment d = dmtbs.launcher.deploy.Deployment.read(deployment);
            return HostCommand.cluster(home, runDir, d, d.host(s.network().host()));
        }
        return new Cluster(s, classpath());
    }

    static String classpath() { return System.getProperty("java.class.path"); }

    private String one(String usage) {
        if (args.size() != 1) throw new UsageError(usage);
        return args.remove(0);
    }

    private void noMore() {
        if (!args.isEmpty()) throw new UsageError("unexpected argument '" + args.get(0) + "'");
    }

    static String take(List<String> args, String flag, String dflt) {
        int i = args.indexOf(flag);
        if (i < 0) return dflt;
        if (i + 1 >= args.size()) throw new UsageError(flag + " needs a value");
        String v = args.get(i + 1);
        args.subList(i, i + 2).clear();
        return v;
    }

    static LocalDate parseDate(String s) {
        if (s == null) return null;
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new UsageError("'" + s + "' is not a date YYYY-MM-DD");
        }
    }

    static int takePort(List<String> args, String flag, String dflt) {
        return parsePort(take(args, flag, dflt));
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p < 1 || p > 65535) throw new NumberFormatException();
            return p;
        } catch (NumberFormatException e) {
            throw new UsageError("'" + s + "' is not a port number");
        }
    }

    private static int usage(String problem) {
        if (problem != null) System.out.println(problem);
        System.out.println(USAGE);
        return 2;
    }

    /** A numeric option: a usage error, not a stack trace or a bare NumberFormatException, if it is not a number. */
    static double takeNumber(List<String> args, String flag, String dflt) {
        return parseNumber(flag, take(args, flag, dflt));
    }

    private static double parseNumber(String what, String v) {
        try {
            double d = Double.parseDouble(v);
            if (Double.isNaN(d) || Double.isInfinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new UsageError(what + ": '" + v + "' is not a number");
        }
    }

    static int takeInt(List<String> args, String flag, String dflt) {
        long v = takeLong(args, flag, dflt);
        if (v != (int) v) throw new UsageError(flag + ": " + v + " is out of range");
        return (int) v;
    }

    static long takeLong(List<String> args, String flag, String dflt) {
        String v = take(args, flag, dflt);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageError(flag + ": '" + v + "' is not a whole number");
        }
    }

    static final class UsageError extends RuntimeException {
        UsageError(String message) { super(message); }
    }
}
