package dmtbs.group.node;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

/**
 * Where a process finds its group and its run directory. Read from system properties so that every
 * process of one system (and every test) gets the same values from the launcher:
 * {@code dmtbs.cluster}, {@code dmtbs.config} (the JGroups XML), {@code dmtbs.run_dir},
 * {@code dmtbs.date} (a pinned business date), {@code dmtbs.discard} (an injected loss rate),
 * {@code dmtbs.replica_quorum} (how many replicas R1..R4 a sequencer's view must hold before it
 * orders anything; 3 of 4 by default, so that at most one side of a partition orders),
 * {@code dmtbs.bind_addr} (this host's address: the group transport, the admin port and CORBA listen
 * there), {@code dmtbs.admin_port} (the deployment's first admin port, 0 for ephemeral ones, see
 * {@link AdminPorts}), {@code dmtbs.host} (the host's name in the deployment, shown in status) and
 * {@code dmtbs.key_file} (the group key, {@link GroupKey}; none: the group is open to any process
 * that reaches it, for experiments only).
 */
public record GroupConfig(String cluster, String jgroupsConfig, Path runDir, LocalDate pinnedDate, double discardRate,
                          int replicaQuorum, String bindAddr, int adminBase, String host, Path keyFile) {

    public static final String LOOPBACK = "127.0.0.1";

    /** One host, loopback, ephemeral admin ports, no group key: a unit test's group. */
    public GroupConfig(String cluster, String jgroupsConfig, Path runDir, LocalDate pinnedDate, double discardRate,
                       int replicaQuorum) {
        this(cluster, jgroupsConfig, runDir, pinnedDate, discardRate, replicaQuorum, LOOPBACK, 0, "localhost", null);
    }

    public static GroupConfig fromSystemProperties() {
        return from(Map.copyOf(System.getProperties().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> e.getKey().toString(), e -> e.getValue().toString()))));
    }

    static GroupConfig from(Map<String, String> p) {
        String date = p.getOrDefault("dmtbs.date", "");
        return new GroupConfig(
                p.getOrDefault("dmtbs.cluster", "dmtbs"),
                p.getOrDefault("dmtbs.config", "jgroups-udp.xml"),
                Path.of(p.getOrDefault("dmtbs.run_dir", "run")),
                date.isBlank() ? null : LocalDate.parse(date),
                Double.parseDouble(p.getOrDefault("dmtbs.discard", "0")),
                Integer.parseInt(p.getOrDefault("dmtbs.replica_quorum", "3")),
                p.getOrDefault("dmtbs.bind_addr", LOOPBACK),
                Integer.parseInt(p.getOrDefault("dmtbs.admin_port", "0")),
                p.getOrDefault("dmtbs.host", "localhost"),
                p.getOrDefault("dmtbs.key_file", "").isBlank() ? null : Path.of(p.get("dmtbs.key_file")));
    }
}
