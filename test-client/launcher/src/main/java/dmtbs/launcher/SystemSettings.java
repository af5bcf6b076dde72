package dmtbs.launcher;

import dmtbs.corba.NamingUrls;
import dmtbs.launcher.deploy.Deployment;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Everything that tells one running system from another: its run directory, group (cluster name,
 * multicast address and port, derived from the cluster name so that side-by-side systems on one
 * machine never cross-talk), naming port, pinned date, and where this host sits on the network.
 * Saved in {@code <run-dir>/system.properties} so every later command addresses the same system.
 */
public record SystemSettings(Path runDir, String cluster, int namingPort, LocalDate date, String mcastAddr,
                             int mcastPort, Path jgroupsConfig, double discard, Network network, Path keyFile) {

    /** The group key of a system on one machine: made by its first start, in its run directory. */
    public static final String KEY_FILE = "group.key";

    /**
     * This host's place in the deployment: its name, the address every socket binds to, the multicast
     * hop count, TCP member discovery, the first fixed admin port (0: ephemeral), the front end's CORBA
     * port (0: ephemeral) and the naming services' hosts (comma-separated, the first one's first).
     */
    public record Network(String host, String bindAddr, int ipTtl, String initialHosts, int tcpPort, int tcpPortRange,
                          int adminBase, int frontEndPort, String namingHost) {
        /** One machine: everything on loopback, multicasts never leave it, ports chosen by the system. */
        public static final Network LOOPBACK = new Network("localhost", "127.0.0.1", 0, "", 0, 0, 0, 0, "127.0.0.1");
    }

    public static SystemSettings of(Path home, Path runDir, String cluster, int namingPort, LocalDate date, double discard) {
        int h = cluster.hashCode() & 0x7fffffff;
        String mcastAddr = "228.6." + (h % 250) + "." + (1 + (h / 250) % 250);
        int mcastPort = 46_000 + (h % 4_000);
        return new SystemSettings(runDir.toAbsolutePath(), cluster, namingPort, date, mcastAddr, mcastPort,
                home.resolve("jgroups-udp.xml").toAbsolutePath(), discard, Network.LOOPBACK, runDir.toAbsolutePath().resolve(KEY_FILE));
    }

    /**
     * The front end's CORBA port: the deployment's, or on one machine the naming port + 1000. Fixed,
     * so that a restarted front end answers at the address its object reference names.
     */
    public int frontEndPort() { return network.frontEndPort() > 0 ? network.frontEndPort() : namingPort + 1_000; }

    /** The same system without a group key: any process that reaches the group may take part (to measure what the key costs). */
    public SystemSettings withoutKey() {
        return new SystemSettings(runDir, cluster, namingPort, date, mcastAddr, mcastPort, jgroupsConfig, discard, network, null);
    }

    /** The settings of host {@code hostName} of a deployment, its files in {@code runDir}. */
    public static SystemSettings forHost(Path home, Path runDir, Deployment d, String hostName) {
        Deployment.Host host = d.host(hostName);
        boolean tcp = d.transport() == Deployment.Transport.TCP;
        Network n = new Network(host.name(), host.address(), d.mcastTtl(), tcp ? d.initialHosts() : "", tcp ? d.tcpPort() : 0,
                d.tcpPortRange(), d.adminBase(), d.frontEndPort(), String.join(",", d.namingAddresses()));
        return new SystemSettings(runDir.toAbsolutePath(), d.cluster(), d.namingPort(), d.date(), d.mcastAddr(), d.mcastPort(),
                home.resolve(tcp ? "jgroups-tcp.xml" : "jgroups-udp.xml").toAbsolutePath(), 0, n, d.key());
    }

    /** The naming services' URL: one address, or on a deployment with a second naming service both. */
    public String namingUrl() { return NamingUrls.join(namingHosts(), namingPort, "NameService"); }

    public List<String> namingHosts() { return List.of(network.namingHost().split(",")); }

    /** The -D options every group process of this system gets. */
    public List<String> jvmProperties() {
        List<String> p = new ArrayList<>();
        p.add("-Djava.net.preferIPv4Stack=true");
        p.add("-Ddmtbs.cluster=" + cluster);
        p.add("-Ddmtbs.config=" + jgroupsConfig);
        p.add("-Ddmtbs.run_dir=" + runDir);
        p.add("-Ddmtbs.mcast_addr=" + mcastAddr);
        p.add("-Ddmtbs.mcast_port=" + mcastPort);
        p.add("-Ddmtbs.host=" + network.host());
        p.add("-Ddmtbs.bind_addr=" + network.bindAddr());
        p.add("-Ddmtbs.ip_ttl=" + network.ipTtl());
        if (network.adminBase() > 0) p.add("-Ddmtbs.admin_port=" + network.adminBase());
        if (network.tcpPort() > 0) {
            p.add("-Ddmtbs.tcp_port=" + network.tcpPort());
            p.add("-Ddmtbs.tcp_port_range=" + network.tcpPortRange());
            p.add("-Ddmtbs.initial_hosts=" + network.initialHosts());
        }
        if (date != null) p.add("-Ddmtbs.date=" + date);
        if (keyFile != null) p.add("-Ddmtbs.key_file=" + keyFile);
        if (discard > 0) p.add("-Ddmtbs.discard=" + discard);
        return p;
    }

    public Path file() { return runDir.resolve("system.properties"); }

    public void save() throws IOException {
        Properties p = new Properties();
        p.setProperty("cluster", cluster);
        p.setProperty("namingPort", Integer.toString(namingPort));
        p.setProperty("date", date == null ? "" : date.toString());
        p.setProperty("mcastAddr", mcastAddr);
        p.setProperty("mcastPort", Integer.toString(mcastPort));
        p.setProperty("jgroupsConfig", jgroupsConfig.toString());
        p.setProperty("discard", Double.toString(discard));
        p.setProperty("host", network.host());
        p.setProperty("bindAddr", network.bindAddr());
        p.setProperty("ipTtl", Integer.toString(network.ipTtl()));
        p.setProperty("initialHosts", network.initialHosts());
        p.setProperty("tcpPort", Integer.toString(network.tcpPort()));
        p.setProperty("tcpPortRange", Integer.toString(network.tcpPortRange()));
        p.setProperty("adminBase", Integer.toString(network.adminBase()));
        p.setProperty("frontEndPort", Integer.toString(network.frontEndPort()));
        p.setProperty("namingHost", network.namingHost());
        p.setProperty("keyFile", keyFile == null ? "" : keyFile.toString());
        Files.createDirectories(runDir);
        try (Writer w = Files.newBufferedWriter(file())) {
            p.store(w, "DMTBS system started by bin/dmtbs");
        }
    }

    /** The settings of the system running in {@code runDir}, or null if none was started there. */
    public static SystemSettings load(Path runDir) throws IOException {
        Path f = runDir.resolve("system.properties");
        if (!Files.exists(f)) return null;
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f)) {
            p.load(r);
        }
        String date = p.getProperty("date", "");
        Network l = Network.LOOPBACK;
        Network n = new Network(p.getProperty("host", l.host()), p.getProperty("bindAddr", l.bindAddr()),
                Integer.parseInt(p.getProperty("ipTtl", "0")), p.getProperty("initialHosts", ""),
                Integer.parseInt(p.getProperty("tcpPort", "0")), Integer.parseInt(p.getProperty("tcpPortRange", "0")),
                Integer.parseInt(p.getProperty("adminBase", "0")), Integer.parseInt(p.getProperty("frontEndPort", "0")),
                p.getProperty("namingHost", l.namingHost()));
        return new SystemSettings(runDir.toAbsolutePath(), p.getProperty("cluster"), Integer.parseInt(p.getProperty("namingPort")),
                date.isEmpty() ? null : LocalDate.parse(date), p.getProperty("mcastAddr"),
                Integer.parseInt(p.getProperty("mcastPort")), Path.of(p.getProperty("jgroupsConfig")),
                Double.parseDouble(p.getProperty("discard", "0")), n,
                p.getProperty("keyFile", "").isEmpty() ? null : Path.of(p.getProperty("keyFile")));
    }
}
