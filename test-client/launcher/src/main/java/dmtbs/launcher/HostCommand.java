package dmtbs.launcher;

import dmtbs.launcher.deploy.Deployment;
import dmtbs.launcher.deploy.HostChecks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/dmtbs host NAME --config FILE [--join]}: starts exactly the roles the deployment file
 * places on host NAME, on this machine, and returns when each answers. The deployment is written into
 * the run directory, so that later commands there ({@code status}, {@code down}) know it.
 * With {@code --join} the managers start their replicas as replacements that catch up from the running
 * group (a host restarted into a running deployment); without it they start empty (a new deployment).
 */
final class HostCommand {

    static final String DEPLOYMENT_FILE = "deployment.conf";

    private HostCommand() {}

    static int run(Path home, Path runDir, String hostName, Path config, boolean join, PrintStream out)
            throws IOException, InterruptedException {
        Deployment d = Deployment.read(config);
        Deployment.Host host = d.host(hostName);
        List<String> problems = HostChecks.problems(d, host);
        if (!problems.isEmpty()) {
            problems.forEach(p -> out.println("error: " + p));
            return 1;
        }
        Cluster c = cluster(home, runDir, d, host);
        List<String> running = c.names().stream().filter(n -> c.local(n) && c.alive(n)).toList();
        if (!running.isEmpty()) {
            throw new IllegalStateException("host " + hostName + " already runs in " + runDir + " (" + String.join(", ", running)
                    + "); run bin/dmtbs down --run-dir " + runDir + " first");
        }
        c.settings().save();
        c.forgetDeadProcesses();
        // Written anew rather than copied: paths in it (the key) are made absolute.
        Files.writeString(runDir.resolve(DEPLOYMENT_FILE), d.render("The deployment of host " + hostName + ", from " + config.toAbsolutePath()));
        long t0 = System.nanoTime();
        try {
            start(c, host, join, Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            out.println("error: " + e.getMessage());
            out.println("stopping what was started: " + String.join(", ", c.stopAll()));
            return 1;
        }
        out.printf("host %s (%s) is up in %.1f s: %s (run dir %s)%n", hostName, host.address(), (System.nanoTime() - t0) / 1e9,
                String.join(" ", host.processes()), runDir);
        out.println("  naming service: " + d.namingUrl());
        return 0;
    }

    /** The cluster as seen from host {@code host}: every process of the deployment, this host's files in {@code runDir}. */
    static Cluster cluster(Path home, Path runDir, Deployment d, Deployment.Host host) {
        SystemSettings s = SystemSettings.forHost(home, runDir, d, host.name());
        return new Cluster(s, Dmtbs.classpath(), d, name -> host.processes().contains(name) ? s.runDir() : null);
    }

    private static void start(Cluster c, Deployment.Host host, boolean join, Duration timeout) throws IOException, InterruptedException {
        List<String> started = new ArrayList<>();
        for (String role : host.roles()) {
            switch (role) {
                case Cluster.NAMING, Cluster.NAMING_2 -> c.startNaming(role);
                case Cluster.SEQUENCER -> c.startSequencer();
                case Cluster.FRONT_END, Cluster.FRONT_END_2 -> c.startFrontEnd(role);
                default -> c.startReplicaManager(role, !join);
            }
            started.add(role);
            // The first member orders: the sequencer waits until it has joined before others follow.
            if (role.equals(Cluster.SEQUENCER)) c.awaitAdmin(role, "\"view\"", timeout);
        }
        for (String p : host.processes()) {
            if (Cluster.isNaming(p)) awaitNaming(c, p, timeout);
            else c.awaitAdmin(p, "\"view\"", timeout);
        }
    }

    private static void awaitNaming(Cluster c, String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!c.namingAnswers(name)) {
            if (!c.alive(name)) throw new IllegalStateException(name + " exited during start-up; see " + c.logFile(name));
            if (System.nanoTime() > deadline) throw new IllegalStateException("the naming service did not listen within " + timeout.toSeconds() + " s");
            Thread.sleep(100);
        }
    }
}
