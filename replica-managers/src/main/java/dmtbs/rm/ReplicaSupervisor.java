package dmtbs.rm;

import dmtbs.group.node.AdminEndpoint;
import dmtbs.group.node.JavaCommand;
import dmtbs.group.node.NodeProcess;
import dmtbs.group.node.RunFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The replica JVM of one host: started (fresh, or as a replacement that recovers its state), adopted
 * when a restarted manager finds it still running, checked, and killed. Its PID file is the one the
 * launcher uses, so operators address the replica by name whoever started it.
 */
final class ReplicaSupervisor {

    private static final Logger log = LoggerFactory.getLogger(ReplicaSupervisor.class);

    private final String replica;
    private final String implementation;
    private final Path runDir;
    private final String adminToken;
    private volatile ProcessHandle process;
    /** A warm spare replica JVM, ready to be activated as the replacement. */
    private volatile Process spare;
    private volatile long startedAtMillis;
    /** A replica just started is still joining and catching up: late answers are no evidence yet. */
    static final long START_GRACE_MILLIS = 15_000;
    /**
     * How long a live, running replica may take to answer a ping before it counts as hung. The ping
     * waits for the delivery lock, which a replica holds while it hashes its state at a checkpoint
     * (up to ~1 s for a large state) and through its collector's pauses; with 1 s, a healthy replica
     * starved of CPU (a profiler attached, 2 cores) failed the ping and was replaced. SIGSTOP and
     * kill -9 do not wait for this: they are seen in /proc and by the process's exit.
     */
    static final int PING_PATIENCE_MILLIS = 3_000;

    ReplicaSupervisor(String replica, String implementation, Path runDir, String adminToken) {
        this.adminToken = adminToken;
        this.replica = replica;
        this.implementation = implementation;
        this.runDir = runDir;
    }

    /** The replica already running from before this manager (re)started, if any. */
    Optional<ProcessHandle> running() {
        return RunFiles.readPid(pidFile()).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().map(c -> c.contains(marker() + " ")).orElse(false));
    }

    /**
     * Names the replica's JVM near the front of its command line: the JDK reads at most 4,096 bytes
     * of it ({@code ProcessHandle.Info.commandLine}), and the classpath alone outgrew that, so a
     * manager back from a crash no longer recognised its running replica and started a second one.
     */
    private String marker() { return "-Ddmtbs.replica_process=" + replica; }

    void adopt(ProcessHandle h, Consumer<ProcessHandle> onExit) {
        process = h;
        h.onExit().thenAccept(onExit);
        log.info("adopted running replica {} (pid {})", replica, h.pid());
    }

    /**
     * Starts the replica JVM with this manager's group settings; {@code recover}: as a replacement,
     * by activating the warm spare when there is one (no JVM start on the critical path).
     */
    ProcessHandle start(boolean recover, Consumer<ProcessHandle> onExit) throws IOException {
        Process s = spare;
        spare = null;
        if (recover && s != null && s.isAlive()) {
            s.getOutputStream().write("activate\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            Files.deleteIfExists(runDir.resolve("admin").resolve(replica + ".port"));
            RunFiles.replace(pidFile(), Long.toString(s.pid()));
            startedAtMillis = System.currentTimeMillis();
            process = s.toHandle();
            process.onExit().thenAccept(onExit);
            log.info("activated the warm spare of {} (pid {}) as the replacement", replica, s.pid());
            return process;
        }
        return launch(recover ? "--recover" : null, onExit);
    }

    /** Starts a warm spare for the next replacement (it waits, idle, for its activation). */
    void prepareSpare() {
        try {
            Process old = spare;
            if (old != null && old.isAlive()) return;
            List<String> cmd = command("--standby");
            spare = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(runDir.resolve("logs").resolve(replica + ".log").toFile()))
                    .start();
            log.info("warm spare for {} ready to start, pid {}", replica, spare.pid());
        } catch (IOException e) {
            log.warn("no warm spare for {}: {}", replica, e.toString());
        }
    }

    /** The spare dies with its manager (its input closes); this is for an orderly stop. */
    void dropSpare() {
        Process s = spare;
        if (s != null) s.destroyForcibly();
    }

    private List<String> command(String mode) {
        List<String> cmd = new ArrayList<>(JavaCommand.start("256m"));
        cmd.add(marker());
        System.getProperties().forEach((k, v) -> {
            String key = k.toString();
            if (key.startsWith("dmtbs.") || key.equals("java.net.preferIPv4Stack")) cmd.add("-D" + key + "=" + v);
        });
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dmtbs.replica.ReplicaMain");
        cmd.add(replica);
        cmd.add(implementation);
        if (mode != null) cmd.add(mode);
        return cmd;
    }

    private ProcessHandle launch(String mode, Consumer<ProcessHandle> onExit) throws IOException {
        List<String> cmd = command(mode);
        boolean recover = mode != null;
        Path logs = runDir.resolve("logs");
        Files.createDirectories(logs);
        Files.deleteIfExists(runDir.resolve("admin").resolve(replica + ".port"));   // the old process's, if any
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(replica + ".log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        RunFiles.replace(pidFile(), Long.toString(p.pid()));
        startedAtMillis = System.currentTimeMillis();
        process = p.toHandle();
        process.onExit().thenAccept(onExit);
        log.info("started replica {} ({}{}) pid {}", replica, implementation, recover ? ", recovering" : "", p.pid());
        return process;
    }

    /** kill -9 and wait: a frozen process dies too, so it can never come back under the same name. */
    void kill() {
        ProcessHandle h = process;
        if (h == null || !h.isAlive()) return;
        h.destroyForcibly();
        try {
            h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("replica {} (pid {}) did not exit after kill -9", replica, h.pid());
        }
    }

    /**
     * Is the replica alive and answering? Dead, stopped (SIGSTOP: state T) or silent on its admin
     * port for {@link #PING_PATIENCE_MILLIS} all count as crashed; merely slow does not.
     */
    boolean answering() {
        ProcessHandle h = process;
        if (h == null || !h.isAlive()) return false;
        if (System.currentTimeMillis() - startedAtMillis < START_GRACE_MILLIS && !stopped(h)) return true;
        if (stopped(h)) return false;
        try {
            return NodeProcess.pongDelivered(AdminEndpoint.ask(runDir, replica, adminToken, "ping", PING_PATIENCE_MILLIS), replica) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGSTOP'ed (state T in /proc): frozen. Without /proc, only the admin port can tell. */
    private static boolean stopped(ProcessHandle h) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'T' || state == 't';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    Optional<Long> pid() { return Optional.ofNullable(process).map(ProcessHandle::pid); }

    boolean alive() { return process != null && process.isAlive(); }

    /** False until the replica was first started or adopted: before that, its absence is no crash. */
    boolean started() { return process != null; }

    private Path pidFile() { return runDir.resolve("pids").resolve(replica + ".pid"); }
}
