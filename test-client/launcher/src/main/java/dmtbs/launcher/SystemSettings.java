package dmtbs.launcher;

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
 * Everything that tells one running system from another on this machine: its run directory, group
 * (cluster name, multicast address and port, derived from the cluster name so that side-by-side
 * systems never cross-talk), naming port and pinned date. Saved in {@code <run-dir>/system.properties}
 * so every later command addresses the same system.
 */
public record SystemSettings(Path runDir, String cluster, int namingPort, LocalDate date, String mcastAddr,
                             int mcastPort, Path jgroupsConfig, double discard) {

    public static SystemSettings of(Path home, Path runDir, String cluster, int namingPort, LocalDate date, double discard) {
        int h = cluster.hashCode() & 0x7fffffff;
        String mcastAddr = "228.6." + (h % 250) + "." + (1 + (h / 250) % 250);
        int mcastPort = 46_000 + (h % 4_000);
        return new SystemSettings(runDir.toAbsolutePath(), cluster, namingPort, date, mcastAddr, mcastPort,
                home.resolve("jgroups-udp.xml").toAbsolutePath(), discard);
    }

    public String namingUrl() { return "corbaloc::127.0.0.1:" + namingPort + "/NameService"; }

    /** The -D options every group process of this system gets. */
    public List<String> jvmProperties() {
        List<String> p = new ArrayList<>();
        p.add("-Djava.net.preferIPv4Stack=true");
        p.add("-Ddmtbs.cluster=" + cluster);
        p.add("-Ddmtbs.config=" + jgroupsConfig);
        p.add("-Ddmtbs.run_dir=" + runDir);
        p.add("-Ddmtbs.mcast_addr=" + mcastAddr);
        p.add("-Ddmtbs.mcast_port=" + mcastPort);
        if (date != null) p.add("-Ddmtbs.date=" + date);
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
        Files.createDirectories(runDir);
        try (Writer w = Files.newBufferedWriter(file())) {
            p.store(w, "DMTBS system started by bin/dmtbs up");
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
        return new SystemSettings(runDir.toAbsolutePath(), p.getProperty("cluster"), Integer.parseInt(p.getProperty("namingPort")),
                date.isEmpty() ? null : LocalDate.parse(date), p.getProperty("mcastAddr"),
                Integer.parseInt(p.getProperty("mcastPort")), Path.of(p.getProperty("jgroupsConfig")),
                Double.parseDouble(p.getProperty("discard", "0")));
    }
}
