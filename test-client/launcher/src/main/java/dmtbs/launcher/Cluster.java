package dmtbs.launcher;

import dmtbs.client.FrontEndConnection;
import dmtbs.frontend.FrontEndMain;
import dmtbs.group.node.AdminEndpoint;
import dmtbs.group.node.GroupKey;
import dmtbs.group.node.JavaCommand;
import dmtbs.group.node.RunFiles;
import dmtbs.launcher.deploy.Deployment;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Starts, inspects, faults and stops the processes of one system, by PID (PID files in
 * {@code <run-dir>/pids}). Used by {@code bin/dmtbs} and by the end-to-end tests alike. On one machine
 * every process is local; on a deployment of several hosts ({@link Deployment}) every process is
 * known from the deployment file and reached at its host's admin address, and only those whose files
 * are on this machine ({@code runDirOf}) can be killed or signalled.
 */
public final class Cluster implements AutoCloseable {

    /** Replica hosts and the implementation each runs: diversity by construction. */
    public static final List<String> REPLICAS = List.of("R1", "R2", "R3", "R4");
    public static final List<String> MANAGERS = List.of("RM1", "RM2", "RM3", "RM4");
    public static final List<String> IMPLEMENTATIONS = List.of("nested-maps", "sorted-index", "event-log", "relational");
    public static final String NAMING = "NameService", SEQUENCER = "Sequencer", FRONT_END = "FrontEnd";
    /** The second front end and naming service, on another host than the first (optional). */
    public static final String NAMING_2 = "NameService2", FRONT_END_2 = "FrontEnd2";

    public static boolean isNaming(String name) { return name.equals(NAMING) || name.equals(NAMING_2); }

    public static boolean isFrontEnd(String name) { return name.equals(FRONT_END) || name.equals(FRONT_END_2); }

    private final SystemSettings settings;
    private final String classpath;
    /** Null on one machine. */
    private final Deployment deployment;
    /** Where a process's run files are on this machine; null for a process of another machine. */
    private final Function<String, Path> runDirOf;

    public Cluster(SystemSettings settings, String classpath) {
        this(settings, classpath, null, name -> settings.runDir());
    }

    public Cluster(SystemSettings settings, String classpath, Deployment deployment, Function<String, Path> runDirOf) {
        this.settings = settings;
        this.classpath = classpath;
        this.deployment = deployment;
        this.runDirOf = runDirOf;
    }

    /** The host a process runs on: its deployment host, or this machine. */
    public String hostOf(String name) {
        return deployment == null ? settings.network().host() : deployment.hostOf(name).name();
    }

    public SystemSettings settings() { return settings; }

    /**
     * Starts the whole system and waits until the front end answers through all four replicas. The
     * replica managers start the replicas.
     */
    /**
     * Starts a system of its own (a benchmark's, chaos's) with nothing kept from an earlier one in the
     * same run directory: the replicas would otherwise resume a foreign history.
     */
    public void startEmpty(Duration timeout) throws IOException, InterruptedException {
        RunFiles.deleteTree(settings.runDir().resolve("data"));
        // The request logs are history too: an old system's sequence numbers must not mix with the new one's.
        for (String r : REPLICAS) Files.deleteIfExists(requestLog(r));
        startAll(timeout);
    }

    /** The request log of replica {@code name}, every incarnation's lines (booking-rules.md §7). */
    public Path requestLog(String name) { return logFile(name).resolveSibling(name + "-requests.log"); }

    public void startAll(Duration timeout) throws IOException, InterruptedException {
        settings.save();
        if (settings.keyFile() != null && GroupKey.create(settings.keyFile())) {
            System.out.println("created the group key " + settings.keyFile() + " (readable by its owner only)");
        }
        forgetDeadProcesses();
        startNaming();
        startSequencer();
        // The first member is the coordinator, hence the sequencer: the others join only after it. It
        // takes the role once three replicas have joined (no quorum, no epoch), so what is awaited
        // here is its view, with itself the coordinator.
        awaitAdmin(SEQUENCER, "\"coordinator\":\"" + SEQUENCER + "\"", timeout);
        for (String rm : MANAGERS) startReplicaManager(rm, true);
        startFrontEnd(FRONT_END);
        awaitReady(timeout);
    }

    /**
     * PID files left by processes that are gone (the machine restarted, the launcher was killed) would
     * read as start-up failures: forget them. Live ones stay, and {@link #start} refuses to double them.
     */
    void forgetDeadProcesses() throws IOException {
        for (String n : names()) {
            if (local(n) && !alive(n)) Files.deleteIfExists(pidFile(n));
        }
    }

    public void startNaming() throws IOException { startNaming(NAMING); }

    /** Starts the naming service {@code name} (NameService, or NameService2 on another host) on this host. */
    public void startNaming(String name) throws IOException {
        // The naming service persists its contexts (_nsdb_root) into db_dir, by default the working directory.
        Path db = settings.runDir().resolve("naming");
        Files.createDirectories(db);
        List<String> props = new ArrayList<>(List.of(
                "-Dorg.omg.CORBA.ORBClass=org.jacorb.orb.ORB", "-Dorg.omg.CORBA.ORBSingletonClass=org.jacorb.orb.ORBSingleton",
                "-DOAIAddr=" + settings.network().bindAddr(), "-DOAPort=" + settings.namingPort(), "-Djacorb.naming.db_dir=" + db.toAbsolutePath()));
        FrontEndMain.GIOP_GUARD.forEach((k, v) -> props.add("-D" + k + "=" + v));
        startKept(name, "org.jacorb.naming.NameServer", List.of(), props, "96m");
    }

    public void startSequencer() throws IOException {
        start(SEQUENCER, "dmtbs.sequencer.process.SequencerMain", List.of(SEQUENCER), settings.jvmProperties(), "128m");
    }

    /** Starts replica manager RMi, which starts (fresh) or adopts replica Ri. */
    public void startReplicaManager(String rm, boolean freshSystem) throws IOException {
        int i = MANAGERS.indexOf(rm);
        List<String> args = new ArrayList<>(List.of(rm, REPLICAS.get(i), IMPLEMENTATIONS.get(i)));
        if (freshSystem) args.add("--fresh");
        start(rm, "dmtbs.rm.RmMain", args, settings.jvmProperties(), "128m");
    }

    /**
     * Starts front end {@code name} (FrontEnd, or FrontEnd2 on another host) on this host; it binds
     * itself in every naming service of the system.
     */
    public void startFrontEnd(String name, String... extraArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("--name", name, "--naming", settings.namingUrl()));
        args.addAll(List.of(extraArgs));
        List<String> props = new ArrayList<>(settings.jvmProperties());
        props.add("-Ddmtbs.corba_port=" + settings.frontEndPort());
        startKept(name, "dmtbs.frontend.FrontEndMain", args, props, "256m");
    }

    /**
     * Starts a process under a {@link Keeper} that starts it again when it dies: the front end and the
     * naming service, which no manager watches. Returns once the process's PID file names it.
     */
    private void startKept(String name, String mainClass, List<String> args, List<String> jvmProps, String heap) throws IOException {
        if (alive(name)) throw new IllegalStateException(name + " is already running (pid " + pid(name).orElseThrow() + ")");
        Path logs = settings.runDir().resolve("logs");
        Files.createDirectories(logs);
        Files.deleteIfExists(pidFile(name));
        List<String> cmd = new ArrayList<>(JavaCommand.start("24m"));
        cmd.addAll(List.of("-cp", classpath, Keeper.class.getName(), pidFile(name).toString(), logs.resolve(name + ".log").toString()));
        cmd.addAll(command(mainClass, args, jvmProps, heap));
        Process keeper = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".keeper.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        RunFiles.replace(keeperPidFile(name), Long.toString(keeper.pid()));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (!alive(name)) {
            if (!keeper.isAlive()) throw new IllegalStateException("the keeper of " + name + " exited; see " + logs.resolve(name + ".keeper.log"));
            if (System.nanoTime() > deadline) throw new IllegalStateException(name + " was not started by its keeper within 30 s");
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    /** The command line of one of the system's JVMs. */
    private List<String> command(String mainClass, List<String> args, List<String> jvmProps, String heap) {
        List<String> cmd = new ArrayList<>(JavaCommand.start(heap));
        // Passed on as a property too, so the managers give the extra options to the replicas they start.
        String extra = System.getProperty(JavaCommand.EXTRA_OPTIONS, "");
        if (!extra.isBlank()) cmd.add("-D" + JavaCommand.EXTRA_OPTIONS + "=" + extra);
        cmd.addAll(jvmProps);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /** Starts one JVM in the background, output appended to {@code <run-dir>/logs/<name>.log}. */
    public long start(String name, String mainClass, List<String> args, List<String> jvmProps, String heap) throws IOException {
        if (alive(name)) throw new IllegalStateException(name + " is already running (pid " + pid(name).orElseThrow() + ")");
        Path logs = settings.runDir().resolve("logs");
        Files.createDirectories(logs);
        Process p = new ProcessBuilder(command(mainClass, args, jvmProps, heap))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        RunFiles.replace(pidFile(name), Long.toString(p.pid()));
        return p.pid();
    }

    /**
     * Waits until every front end sees every replica in its view and a call goes through the whole
     * path from each.
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> frontEnds = names().stream().filter(Cluster::isFrontEnd).toList();
        String last = "nothing answered yet";
        while (System.nanoTime() < deadline) {
            for (String n : names()) {
                if (local(n) && !alive(n)) throw exitedDuringStartUp(n);
            }
            try {
                last = "";
                for (String f : frontEnds) {
                    String status = admin(f, "status");
                    if (!REPLICAS.stream().allMatch(r -> status.contains("\"" + r + "\""))) last = f + " view: " + status;
                }
                if (last.isEmpty()) {
                    try (FrontEndConnection fe = FrontEndConnection.open(settings.namingUrl(), FRONT_END, 15_000)) {
                        if (fe.frontEnds() < frontEnds.size()) {
                            last = fe.frontEnds() + " of " + frontEnds.size() + " front ends bound";
                        } else {
                            for (var service : fe.all()) service.listMovieShowsAvailability("ATWA0001", "Avatar");
                            return;
                        }
                    }
                }
            } catch (Exception e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the system did not become ready within " + timeout.toSeconds() + " s (" + last + ")");
    }

    /** Waits until the process's status answer contains {@code text}. */
    public void awaitAdmin(String name, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            // A replica's PID file appears when its manager has started it.
            if (pid(name).isPresent() && !alive(name)) throw exitedDuringStartUp(name);
            try {
                last = admin(name, "status");
                if (last.contains(text)) return;
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " did not report " + text + " within " + timeout.toSeconds() + " s: " + last);
    }

    /** Whether naming service {@code name} accepts connections at its address (it has no admin port). */
    public boolean namingAnswers(String name) {
        String host = deployment == null ? settings.namingHosts().get(0) : deployment.hostOf(name).address();
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(host, settings.namingPort()), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until the front end is bound and answers (any backend). */
    public void awaitFrontEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (FrontEndConnection fe = FrontEndConnection.open(settings.namingUrl(), FRONT_END, 15_000)) {
                fe.service().listMovieShowsAvailability("ATWA0001", "Avatar");
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("the front end did not answer: " + e);
                Thread.sleep(250);
            }
        }
    }

    /**
     * Says why on one line, as a build's summary shows only that: the log's last error (or last line)
     * and, for a replica, whether its manager replaced it.
     */
    private IllegalStateException exitedDuringStartUp(String name) {
        String why = lastLine(name, l -> l.contains("ERROR") || l.contains("Exception"));
        int i = REPLICAS.indexOf(name);
        if (i >= 0) why += "; " + MANAGERS.get(i) + ": " + lastLine(MANAGERS.get(i), l -> l.contains("replacing " + name));
        return new IllegalStateException(name + " exited during start-up (" + why + "); see " + logFile(name));
    }

    /** The last line of a process's log that matches, else its last line; shortened. */
    private String lastLine(String name, java.util.function.Predicate<String> wanted) {
        try (Stream<String> lines = Files.lines(logFile(name))) {
            List<String> all = lines.filter(l -> !l.isBlank()).toList();
            String line = all.stream().filter(wanted).reduce((a, b) -> b)
                    .orElse(all.isEmpty() ? "empty log" : all.get(all.size() - 1)).strip();
            return line.length() > 200 ? line.substring(0, 200) + "…" : line;
        } catch (java.nio.file.NoSuchFileException e) {
            return "no log";
        } catch (IOException | java.io.UncheckedIOException e) {
            return e.toString();
        }
    }

    public Path pidDir() { return settings.runDir().resolve("pids"); }

    /** The PID file of a process on this machine (null for one of another machine). */
    private Path pidFile(String name) {
        Path dir = runDirOf.apply(name);
        return dir == null ? null : dir.resolve("pids").resolve(name + ".pid");
    }

    private Path keeperPidFile(String name) { return pidFile(name).resolveSibling(name + ".keeper.pid"); }

    /**
     * Every JVM of this system on this machine: its processes, their keepers and what they started
     * (the replicas, the managers' warm spares). A power cut kills all of them at once.
     */
    public List<ProcessHandle> processTree() {
        java.util.Set<ProcessHandle> all = new java.util.LinkedHashSet<>();
        for (String n : names()) {
            if (!local(n)) continue;
            for (Path f : List.of(pidFile(n), keeperPidFile(n))) {
                RunFiles.readPid(f).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).ifPresent(h -> {
                    all.add(h);
                    h.descendants().forEach(all::add);
                });
            }
        }
        return List.copyOf(all);
    }

    /**
     * A power cut: every JVM of the system on this machine ({@link #processTree}) killed with one
     * kill -9. Returns how many there were, once none is left.
     */
    public int powerCut() throws IOException, InterruptedException {
        List<ProcessHandle> all = processTree();
        List<String> cmd = new ArrayList<>(List.of("kill", "-9"));
        all.forEach(p -> cmd.add(Long.toString(p.pid())));
        // Its status is not checked: one may have exited already. What counts is that none is left.
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        all.forEach(Cluster::awaitExit);
        return all.size();
    }

    public Path logFile(String name) {
        Path dir = runDirOf.apply(name);
        return (dir == null ? settings.runDir() : dir).resolve("logs").resolve(name + ".log");
    }

    /** Whether this machine has the process's files (it can kill it, read its log). */
    public boolean local(String name) { return pidFile(name) != null; }

    /**
     * The processes of this system: on a deployment every one it places; on one machine those started
     * in this run directory (PID files present).
     */
    public List<String> names() {
        // In start order, whatever their source: stopAll goes backwards, managers before their replicas.
        if (deployment != null) return deployment.processes().stream().sorted(Cluster::startOrder).toList();
        if (!Files.isDirectory(pidDir())) return List.of();
        try (Stream<Path> files = Files.list(pidDir())) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".pid") && !f.endsWith(".keeper.pid"))
                    .map(f -> f.substring(0, f.length() - 4)).sorted(Cluster::startOrder).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static int startOrder(String a, String b) {
        // Stopping goes backwards: the managers stop before their replicas, so none is restarted.
        List<String> order = List.of(NAMING, NAMING_2, SEQUENCER, "R1", "R2", "R3", "R4", "RM1", "RM2", "RM3", "RM4", FRONT_END, FRONT_END_2);
        int ia = order.indexOf(a), ib = order.indexOf(b);
        return ia >= 0 && ib >= 0 ? Integer.compare(ia, ib) : a.compareTo(b);
    }

    public Optional<Long> pid(String name) {
        Path f = pidFile(name);
        return f == null ? Optional.empty() : RunFiles.readPid(f);
    }

    public boolean alive(String name) {
        return pid(name).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

    /** kill -9: the process gets no chance to say goodbye. */
    public void kill(String name) {
        ProcessHandle h = handle(name);
        h.destroyForcibly();
        awaitExit(h);
    }

    /** SIGSTOP / SIGCONT: a frozen process keeps its sockets but answers nothing. */
    public void signal(String name, String signal) throws IOException, InterruptedException {
        long pid = pid(name).orElseThrow(() -> new IllegalArgumentException("no process named " + name));
        Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (p.waitFor() != 0) throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
    }

    /**
     * Moves the business date: one process (the sequencer, or the next that answers) orders the change
     * and answers once the order took it or refused it. Returns that answer.
     */
    public String orderDate(LocalDate date) throws IOException {
        IOException unanswered = new IOException("no process of " + settings.runDir() + " answered");
        for (String name : names()) {
            if (isNaming(name) || (local(name) && !alive(name))) continue;
            try {
                return admin(name, "date " + date);
            } catch (IOException e) {
                unanswered = new IOException(name + " did not answer (" + e.getMessage() + "), nor did any process before it");
            }
        }
        throw unanswered;
    }

    /** Sends an admin command to a process and returns its answer. */
    public String admin(String name, String command) throws IOException {
        if (deployment != null) return AdminEndpoint.ask(deployment.adminAddress(name), adminToken(), command, 5_000);
        return AdminEndpoint.ask(runDirOf.apply(name), name, adminToken(), command, 5_000);
    }

    private String adminToken;

    /** The deployment's admin token, from its group key (none for a system without one). */
    public synchronized String adminToken() throws IOException {
        if (adminToken == null && settings.keyFile() != null) adminToken = GroupKey.adminToken(settings.keyFile());
        return adminToken;
    }

    /** Stops one process (its keeper first, if it has one): SIGTERM, then SIGKILL after 5 s. A frozen process is thawed first. */
    public void stop(String name) {
        if (local(name)) {
            Optional<ProcessHandle> keeper = RunFiles.readPid(keeperPidFile(name)).flatMap(ProcessHandle::of);
            if (keeper.isPresent() && keeper.get().isAlive()) {
                keeper.get().destroy();                 // it stops its process, and does not start it again
                try {
                    keeper.get().onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    keeper.get().destroyForcibly();
                    awaitExit(keeper.get());
                }
            }
            try {
                Files.deleteIfExists(keeperPidFile(name));
            } catch (IOException ignored) {
                // a pointer only
            }
        }
        Optional<ProcessHandle> h = pid(name).flatMap(ProcessHandle::of);
        if (h.isPresent() && h.get().isAlive()) {
            try {
                new ProcessBuilder("kill", "-CONT", Long.toString(h.get().pid())).start().waitFor();
            } catch (IOException | InterruptedException ignored) {
                // best effort: a process that cannot be thawed is killed below
            }
            h.get().destroy();
            try {
                h.get().onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                h.get().destroyForcibly();
                awaitExit(h.get());
            }
        }
        try {
            if (local(name)) Files.deleteIfExists(pidFile(name));
        } catch (IOException ignored) {
            // the PID file is only a pointer; a stale one is harmless (its process is gone)
        }
    }

    /**
     * Stops every process of this system, newest first; returns their names. Stops go in phases (the
     * front end, the managers, the replicas, the sequencer, the naming service), each phase's
     * processes at once: the managers are gone before any replica stops, so none is restarted, and a
     * system stops in the time of five graceful exits instead of eleven (23 s measured for a lab).
     */
    public List<String> stopAll() {
        List<String> names = new ArrayList<>(names().stream().filter(n -> pid(n).isPresent()).toList());
        java.util.Collections.reverse(names);
        java.util.TreeMap<Integer, List<String>> phases = new java.util.TreeMap<>();
        for (String n : names) phases.computeIfAbsent(stopPhase(n), k -> new ArrayList<>()).add(n);
        for (List<String> phase : phases.values()) {
            List<Thread> stopping = new ArrayList<>();
            List<RuntimeException> failed = java.util.Collections.synchronizedList(new ArrayList<>());
            for (String n : phase) {
                Thread t = new Thread(() -> {
                    try {
                        stop(n);
                    } catch (RuntimeException e) {
                        failed.add(e);
                    }
                }, "stop-" + n);
                t.start();
                stopping.add(t);
            }
            for (Thread t : stopping) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while stopping " + phase, e);
                }
            }
            if (!failed.isEmpty()) throw failed.get(0);
        }
        return names;
    }

    private static int stopPhase(String name) {
        if (isFrontEnd(name)) return 0;
        if (name.startsWith("RM")) return 1;
        if (name.equals(SEQUENCER)) return 3;
        if (isNaming(name)) return 4;
        return 2;                                     // replicas, and anything else a test started
    }

    private ProcessHandle handle(String name) {
        return pid(name).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new IllegalArgumentException(name + " is not running"));
    }

    private static void awaitExit(ProcessHandle h) {
        try {
            h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("process " + h.pid() + " did not exit", e);
        }
    }

    @Override public void close() { stopAll(); }
}
