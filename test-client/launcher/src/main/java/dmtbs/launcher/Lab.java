package dmtbs.launcher;

import dmtbs.group.node.GroupKey;
import dmtbs.group.node.JavaCommand;
import dmtbs.launcher.deploy.Deployment;
import dmtbs.launcher.lab.LabNetwork;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/dmtbs lab …}: the LAN deployment on hosts made of network namespaces on this machine
 * ({@link LabNetwork}): {@code frontend} (naming service and front end), {@code sequencer},
 * {@code host1}…{@code host4} (RMn with Rn), {@code frontend2} (the second naming service and
 * front end, which clients use while {@code frontend} is down) and the client hosts {@code branch-atw},
 * {@code branch-ver}, {@code branch-out}. Every host is started by {@code bin/dmtbs host} run inside
 * its namespace, the code path of a real LAN, from a deployment file the lab writes into its run
 * directory. Each host's files live in {@code <run-dir>/hosts/<host>}; the run directory's
 * {@code lab.properties} names the lab's network, so {@code lab down} can remove it even after a
 * start that failed half-way.
 */
final class Lab {

    static final List<String> SERVER_HOSTS = List.of("frontend", "sequencer", "host1", "host2", "host3", "host4", "frontend2");
    static final List<String> CLIENT_HOSTS = List.of("branch-atw", "branch-ver", "branch-out");
    private static final String STATE = "lab.properties";
    /** The lab's run directory, for bin/dmtbs commands run on a lab host. */
    static final String RUN_DIR_VARIABLE = "DMTBS_RUN_DIR";
    private static final Duration HOST_START = Duration.ofSeconds(120);

    private Lab() {}

    static boolean isLab(Path runDir) { return Files.exists(runDir.resolve(STATE)); }

    static int command(Path home, Path runDir, List<String> args, PrintStream out) throws IOException, InterruptedException {
        String usage = "lab up [--date D] [--transport udp|tcp] | exec HOST -- COMMAND… | cut HOST | heal HOST | delay MS [--loss PCT] | down";
        if (args.isEmpty()) throw new Dmtbs.UsageError(usage);
        String sub = args.remove(0);
        if (sub.equals("up")) {
            String date = Dmtbs.take(args, "--date", null);
            String transport = Dmtbs.take(args, "--transport", "udp");
            if (!args.isEmpty() || !List.of("udp", "tcp").contains(transport)) throw new Dmtbs.UsageError("lab up [--date YYYY-MM-DD] [--transport udp|tcp]");
            return up(home, runDir, date == null ? null : Dmtbs.parseDate(date), transport, out);
        }
        if (sub.equals("down")) {
            if (!args.isEmpty()) throw new Dmtbs.UsageError("lab down");
            return down(home, runDir, out);
        }
        switch (sub) {
            case "exec" -> {
                if (args.size() < 3 || !args.get(1).equals("--")) throw new Dmtbs.UsageError("lab exec HOST -- COMMAND…");
                List<String> cmd = new ArrayList<>(network(runDir).exec(args.get(0)));
                cmd.addAll(args.subList(2, args.size()));
                ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
                pb.environment().put(RUN_DIR_VARIABLE, runDir.toString());
                return pb.start().waitFor();
            }
            case "cut", "heal" -> {
                if (args.size() != 1) throw new Dmtbs.UsageError("lab " + sub + " HOST");
                LabNetwork net = network(runDir);
                if (sub.equals("cut")) net.cut(args.get(0));
                else net.heal(args.get(0));
                out.println((sub.equals("cut") ? "cut " : "healed ") + args.get(0) + " (" + net.host(args.get(0)).address() + ")");
                return 0;
            }
            case "delay" -> {
                double loss = Dmtbs.takeNumber(args, "--loss", "0");
                if (args.size() != 1 || loss < 0 || loss > 100) throw new Dmtbs.UsageError("lab delay MS [--loss PCT 0..100]");
                int ms;
                try {
                    ms = Integer.parseInt(args.get(0));
                } catch (NumberFormatException e) {
                    ms = -1;
                }
                if (ms < 0 || ms > 2_000) throw new Dmtbs.UsageError("lab delay MS: a whole number of ms from 0 to 2000, not '" + args.get(0) + "'");
                return delay(cluster(home, runDir), ms, loss / 100, out);
            }
            default -> throw new Dmtbs.UsageError(usage);
        }
    }

    /** Creates the lab's network, starts every server host through {@code bin/dmtbs host}, waits until the service answers. */
    static int up(Path home, Path runDir, LocalDate date, String transport, PrintStream out) throws IOException, InterruptedException {
        if (isLab(runDir)) {
            throw new IllegalStateException("a lab was started in " + runDir + "; run bin/dmtbs lab down --run-dir " + runDir + " first");
        }
        long t0 = System.nanoTime();
        String id = String.format("%04x", runDir.toString().hashCode() & 0xffff);
        List<String> hosts = new ArrayList<>(SERVER_HOSTS);
        hosts.addAll(CLIENT_HOSTS);
        LabNetwork net = LabNetwork.plan(id, LabNetwork.freeSubnet(1 + Integer.parseInt(id, 16) % 250), hosts);
        Files.createDirectories(runDir);
        saveState(runDir, net, transport);                   // first, so that lab down finds whatever follows
        try {
            net.create();
            Path key = runDir.resolve(SystemSettings.KEY_FILE);
            GroupKey.create(key);
            Deployment d = deployment(net, transport, date, key);
            Path file = runDir.resolve(HostCommand.DEPLOYMENT_FILE);
            Files.writeString(file, d.render("""
                    The deployment of the lab in this directory, written by bin/dmtbs lab up: one host a network
                    namespace on bridge %s, subnet 10.231.%d.0/24 (this machine is .%s on the bridge).""".formatted(
                    "dmtbs" + id, net.subnet(), net.rootAddress().substring(net.rootAddress().lastIndexOf('.') + 1))));
            SystemSettings.forHost(home, runDir, d, "frontend").save();     // so that client, status… find the naming service
            // The sequencer's host first (the first member orders), then the replica hosts and the front
            // end's side by side: the front end holds its calls until the group is there.
            startHosts(home, runDir, net, file, List.of("sequencer"));
            startHosts(home, runDir, net, file, List.of("host1", "host2", "host3", "host4", "frontend", "frontend2"));
            cluster(home, runDir).awaitReady(Duration.ofSeconds(90));
            out.printf("DMTBS lab is up in %.1f s (%s, run dir %s)%n", (System.nanoTime() - t0) / 1e9, transport, runDir);
            out.println("naming: " + d.namingUrl());
            out.println("client host: " + CLIENT_HOSTS.get(0));
            for (LabNetwork.Host h : net.hosts()) {
                out.printf("  %-11s %-15s %s%n", h.name(), h.address(), d.find(h.name()).map(x -> String.join(" ", x.processes())).orElse("(client)"));
            }
            out.println("try:  bin/dmtbs lab exec --run-dir " + runDir + " branch-atw -- bin/dmtbs client --user ATWA0001 list Avatar");
            out.println("stop: bin/dmtbs lab down --run-dir " + runDir);
            return 0;
        } catch (IOException | RuntimeException e) {
            out.println("error: " + e.getMessage());
            down(home, runDir, out);
            return 1;
        }
    }

    /** The lab's deployment: one role per host, addresses from the lab's subnet. */
    static Deployment deployment(LabNetwork net, String transport, LocalDate date, Path key) {
        List<String> lines = new ArrayList<>(List.of(
                "cluster = dmtbs-lab-" + net.id(),
                "transport = " + transport,
                "key = " + key.toAbsolutePath(),
                "mcast.addr = 228.7." + net.subnet() + ".1",
                "mcast.ttl = 1"));
        if (date != null) lines.add("date = " + date);
        List<String> roles = List.of("NameService FrontEnd", "Sequencer", "RM1", "RM2", "RM3", "RM4", "NameService2 FrontEnd2");
        for (int i = 0; i < SERVER_HOSTS.size(); i++) {
            String h = SERVER_HOSTS.get(i);
            lines.add("host." + h + " = " + net.host(h).address() + " " + roles.get(i));
        }
        return Deployment.parse(lines, "lab deployment");
    }

    /** Runs {@code bin/dmtbs host NAME} in each host's namespace at once and waits for all. */
    private static void startHosts(Path home, Path runDir, LabNetwork net, Path file, List<String> names)
            throws IOException, InterruptedException {
        List<Process> started = new ArrayList<>();
        Path logs = runDir.resolve("logs");
        Files.createDirectories(logs);
        for (String name : names) {
            List<String> cmd = new ArrayList<>(net.exec(name));
            cmd.addAll(JavaCommand.start("256m"));
            cmd.addAll(List.of("-Djava.net.preferIPv4Stack=true", "-Ddmtbs.home=" + home, "-cp", Dmtbs.classpath(),
                    Dmtbs.class.getName(), "host", name, "--config", file.toString(), "--run-dir", hostDir(runDir, name).toString()));
            started.add(new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("host-" + name + ".out").toFile())).start());
        }
        for (int i = 0; i < names.size(); i++) {
            Process p = started.get(i);
            if (!p.waitFor(HOST_START.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("host " + names.get(i) + " did not start within " + HOST_START.toSeconds() + " s");
            }
            if (p.exitValue() != 0) {
                List<String> out = Files.readAllLines(logs.resolve("host-" + names.get(i) + ".out"));
                String why = out.stream().filter(l -> l.startsWith("error:")).findFirst().orElse(out.isEmpty() ? "no output" : out.get(out.size() - 1));
                throw new IllegalStateException("host " + names.get(i) + " failed: " + why);
            }
        }
    }

    static Path hostDir(Path runDir, String host) { return runDir.resolve("hosts").resolve(host); }

    /** Every process of the lab; each one's files under its host's directory. */
    static Cluster cluster(Path home, Path runDir) throws IOException {
        Deployment d = Deployment.read(runDir.resolve(HostCommand.DEPLOYMENT_FILE));
        SystemSettings s = SystemSettings.forHost(home, runDir, d, d.hostOf(Cluster.NAMING).name());
        return new Cluster(s, Dmtbs.classpath(), d, name -> hostDir(runDir, d.hostOf(name).name()));
    }

    /** Stops every process of every lab host (by PID), then removes the network, whatever state it is in. */
    static int down(Path home, Path runDir, PrintStream out) throws IOException {
        if (!isLab(runDir)) {
            out.println("no lab in " + runDir);
            return 0;
        }
        // No deployment file: the start failed before any host was started.
        List<String> stopped = Files.exists(runDir.resolve(HostCommand.DEPLOYMENT_FILE)) ? cluster(home, runDir).stopAll() : List.of();
        List<String> removed = network(runDir).destroy();             // LabNetwork logs what it removed
        Files.delete(runDir.resolve(STATE));
        out.println("stopped " + (stopped.isEmpty() ? "nothing" : String.join(", ", stopped)) + "; removed " + removed.size()
                + " namespaces and links");
        return 0;
    }

    /** Sets the latency and loss of every running group member (members started later do not get it). */
    private static int delay(Cluster c, int ms, double loss, PrintStream out) {
        int failed = 0;
        for (String name : c.names()) {
            if (Cluster.isNaming(name)) continue;
            try {
                String answer = c.admin(name, "netem " + ms + " " + loss);
                if (!answer.startsWith("ok")) throw new IOException(answer);
            } catch (IOException e) {
                out.println("warning: " + name + ": " + e.getMessage());
                failed++;
            }
        }
        out.println("every group member now sends each message " + ms + " ms late and loses " + loss * 100
                + "% (inside the group stack: this kernel has no netem; the CORBA hop is not delayed)");
        return failed == 0 ? 0 : 1;
    }

    private static void saveState(Path runDir, LabNetwork net, String transport) throws IOException {
        Properties p = new Properties();
        p.setProperty("id", net.id());
        p.setProperty("subnet", Integer.toString(net.subnet()));
        p.setProperty("transport", transport);
        p.setProperty("hosts", String.join(" ", net.hosts().stream().map(LabNetwork.Host::name).toList()));
        try (Writer w = Files.newBufferedWriter(runDir.resolve(STATE))) {
            p.store(w, "a lab made by bin/dmtbs lab up");
        }
    }

    static LabNetwork network(Path runDir) throws IOException {
        if (!isLab(runDir)) throw new IllegalStateException("no lab in " + runDir + " (bin/dmtbs lab up --run-dir " + runDir + ")");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(runDir.resolve(STATE))) {
            p.load(r);
        }
        return LabNetwork.plan(p.getProperty("id"), Integer.parseInt(p.getProperty("subnet")), List.of(p.getProperty("hosts").split(" ")));
    }
}
