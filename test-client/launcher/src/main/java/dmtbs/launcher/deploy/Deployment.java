package dmtbs.launcher.deploy;

import dmtbs.corba.NamingUrls;
import dmtbs.group.node.AdminPorts;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A deployment file (see {@code deploy/example.conf}): which host runs which roles, at which address,
 * and the group transport. The same file serves every host. Parsing is pure and strict: any problem
 * is one {@link BadDeployment} line naming the file's line and the cause.
 */
public record Deployment(String cluster, Transport transport, String mcastAddr, int mcastPort, int mcastTtl,
                         int tcpPort, int tcpPortRange, int namingPort, int frontEndPort, int adminBase,
                         LocalDate date, Path key, List<Host> hosts) {

    /** Roles a deployment places; a manager RMn brings its replica Rn to the same host. */
    public static final List<String> ROLES = List.of("NameService", "FrontEnd", "Sequencer", "RM1", "RM2", "RM3", "RM4");
    /**
     * Roles a deployment may place, each on another host than its first: a second front end, and a
     * second naming service, so that clients still find a front end while one host is down.
     */
    public static final List<String> SECOND_ROLES = List.of("NameService2", "FrontEnd2");

    public enum Transport { UDP, TCP }

    /** One machine of the deployment: its name, its address on the LAN, the roles it runs (file order). */
    public record Host(String name, String address, List<String> roles) {
        /** The processes this host runs: its roles, each manager followed by its replica. */
        public List<String> processes() { return withReplicas(roles); }
    }

    /** A deployment file that cannot be used, with the reason on one line. */
    public static final class BadDeployment extends IllegalArgumentException {
        public BadDeployment(String message) { super(message); }
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    public static Deployment read(Path file) throws IOException {
        try {
            Deployment d = parse(Files.readAllLines(file), file.toString());
            // A relative key path is relative to the deployment file, wherever the command runs.
            Path key = file.toAbsolutePath().getParent().resolve(d.key).normalize();
            return new Deployment(d.cluster, d.transport, d.mcastAddr, d.mcastPort, d.mcastTtl, d.tcpPort, d.tcpPortRange,
                    d.namingPort, d.frontEndPort, d.adminBase, d.date, key, d.hosts);
        } catch (NoSuchFileException e) {
            throw new BadDeployment("no deployment file " + file);
        }
    }

    /** Parses the lines of a deployment file; {@code source} names it in errors. */
    public static Deployment parse(List<String> lines, String source) {
        Map<String, String> settings = new LinkedHashMap<>();
        List<Host> hosts = new ArrayList<>();
        Map<String, String> placed = new LinkedHashMap<>();          // role -> host
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1);
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash);
            line = line.strip();
            if (line.isEmpty()) continue;
            String where = source + " line " + n + ": ";
            int eq = line.indexOf('=');
            if (eq < 0) throw new BadDeployment(where + "expected 'key = value', got '" + line + "'");
            String key = line.substring(0, eq).strip(), value = line.substring(eq + 1).strip();
            if (key.startsWith("host.")) {
                hosts.add(host(key.substring(5), value, placed, hosts, where));
            } else if (!DEFAULTS.containsKey(key)) {
                throw new BadDeployment(where + "unknown key '" + key + "' (known: " + String.join(", ", DEFAULTS.keySet()) + ", host.NAME)");
            } else if (settings.put(key, value) != null) {
                throw new BadDeployment(where + "'" + key + "' is set twice");
            }
        }
        for (String role : ROLES) {
            if (!placed.containsKey(role)) throw new BadDeployment(source + ": no host runs " + role + " (every role is placed once)");
        }
        for (String second : SECOND_ROLES) {
            String first = second.substring(0, second.length() - 1);
            if (placed.containsKey(second) && placed.get(second).equals(placed.get(first))) {
                throw new BadDeployment(source + ": " + second + " runs on host " + placed.get(second) + " with " + first
                        + " (a second one is for when the first one's host is down, and they would share a port)");
            }
        }
        Map<String, String> s = new LinkedHashMap<>(DEFAULTS);
        s.putAll(settings);
        Transport transport = switch (s.get("transport")) {
            case "udp" -> Transport.UDP;
            case "tcp" -> Transport.TCP;
            default -> throw new BadDeployment(source + ": transport is udp or tcp, not '" + s.get("transport") + "'");
        };
        String mcast = s.get("mcast.addr");
        if (!IPV4.matcher(mcast).matches() || Integer.parseInt(mcast.substring(0, mcast.indexOf('.'))) / 16 != 14) {
            throw new BadDeployment(source + ": mcast.addr '" + mcast + "' is not an IPv4 multicast address (224.0.0.0-239.255.255.255)");
        }
        String date = s.get("date");
        Deployment d = new Deployment(s.get("cluster"), transport, mcast, port(s, "mcast.port", source),
                number(s, "mcast.ttl", 0, 255, source), port(s, "tcp.port", source), number(s, "tcp.port_range", 0, 64, source),
                port(s, "naming.port", source), port(s, "frontend.port", source), port(s, "admin.port", source),
                date.isEmpty() ? null : date(date, source), Path.of(s.get("key")), List.copyOf(hosts));
        if (AdminPorts.last(d.adminBase) > 65535) throw new BadDeployment(source + ": admin.port leaves no room for " + AdminPorts.NAMES.size() + " ports");
        return d;
    }

    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cluster", "dmtbs");
        m.put("transport", "udp");
        m.put("mcast.addr", "228.6.7.9");
        m.put("mcast.port", "45700");
        m.put("mcast.ttl", "1");
        m.put("tcp.port", "7800");
        m.put("tcp.port_range", "4");
        m.put("naming.port", "1050");
        m.put("frontend.port", "1051");
        m.put("admin.port", "7700");
        m.put("date", "");
        m.put("key", "group.key");
        return m;
    }

    private static Host host(String name, String value, Map<String, String> placed, List<Host> hosts, String where) {
        if (!NAME.matcher(name).matches()) throw new BadDeployment(where + "host name '" + name + "' is not lowercase letters, digits and '-'");
        if (hosts.stream().anyMatch(h -> h.name.equals(name))) throw new BadDeployment(where + "host " + name + " is placed twice");
        String[] words = value.split("\\s+");
        if (words.length < 2) throw new BadDeployment(where + "expected 'host." + name + " = ADDRESS ROLE…'");
        if (!IPV4.matcher(words[0]).matches()) throw new BadDeployment(where + "'" + words[0] + "' is not an IPv4 address");
        Set<String> roles = new LinkedHashSet<>();
        for (int i = 1; i < words.length; i++) {
            String role = words[i];
            if (!ROLES.contains(role) && !SECOND_ROLES.contains(role)) {
                throw new BadDeployment(where + "unknown role '" + role + "' (roles: " + String.join(" ", ROLES) + "; optional: "
                        + String.join(" ", SECOND_ROLES) + ")");
            }
            String other = placed.putIfAbsent(role, name);
            if (other != null) throw new BadDeployment(where + role + " is placed on " + other + " already");
            roles.add(role);
        }
        return new Host(name, words[0], List.copyOf(roles));
    }

    private static int port(Map<String, String> s, String key, String source) { return number(s, key, 1, 65535, source); }

    private static int number(Map<String, String> s, String key, int min, int max, String source) {
        try {
            int v = Integer.parseInt(s.get(key));
            if (v >= min && v <= max) return v;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new BadDeployment(source + ": " + key + " is a whole number from " + min + " to " + max + ", not '" + s.get(key) + "'");
    }

    private static LocalDate date(String v, String source) {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new BadDeployment(source + ": date '" + v + "' is not YYYY-MM-DD");
        }
    }

    /** The host named {@code name}; an error naming the deployment's hosts if there is none. */
    public Host host(String name) {
        return find(name).orElseThrow(() -> new BadDeployment("no host '" + name + "' in the deployment (hosts: "
                + String.join(", ", hosts.stream().map(Host::name).toList()) + ")"));
    }

    public Optional<Host> find(String name) { return hosts.stream().filter(h -> h.name.equals(name)).findFirst(); }

    /** The host that runs process {@code name} (a replica runs where its manager does). */
    public Host hostOf(String process) {
        return hosts.stream().filter(h -> h.processes().contains(process)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no process named " + process + " in the deployment"));
    }

    /** Every process of the deployment, in start order. */
    public List<String> processes() {
        List<String> roles = new ArrayList<>(ROLES);
        for (String second : SECOND_ROLES) if (hosts.stream().anyMatch(h -> h.roles.contains(second))) roles.add(second);
        return withReplicas(roles);
    }

    /** Roles as processes: a manager RMn is followed by its replica Rn. */
    static List<String> withReplicas(List<String> roles) {
        List<String> p = new ArrayList<>();
        for (String r : roles) {
            p.add(r);
            if (r.startsWith("RM")) p.add("R" + r.substring(2));
        }
        return p;
    }

    public InetSocketAddress adminAddress(String process) {
        return new InetSocketAddress(hostOf(process).address, AdminPorts.port(adminBase, process));
    }

    /** The addresses of the naming services, the first one's first. */
    public List<String> namingAddresses() {
        return processes().stream().filter(p -> p.startsWith("NameService")).map(p -> hostOf(p).address).toList();
    }

    /** The URL that clients use: every naming service, asked in turn. */
    public String namingUrl() { return NamingUrls.join(namingAddresses(), namingPort, "NameService"); }

    /** TCPPING's member list: every host that runs a group member (a naming service is not one), ADDR[PORT]. */
    public String initialHosts() {
        return String.join(",", hosts.stream().filter(h -> h.roles.stream().anyMatch(r -> !r.startsWith("NameService")))
                .map(h -> h.address + "[" + tcpPort + "]").distinct().toList());
    }

    /** The file's text for this deployment (the lab writes its own). */
    public String render(String comment) {
        StringBuilder b = new StringBuilder();
        for (String line : comment.split("\n")) b.append("# ").append(line).append('\n');
        b.append("cluster = ").append(cluster).append('\n')
                .append("transport = ").append(transport.name().toLowerCase()).append('\n')
                .append("mcast.addr = ").append(mcastAddr).append('\n')
                .append("mcast.port = ").append(mcastPort).append('\n')
                .append("mcast.ttl = ").append(mcastTtl).append('\n')
                .append("tcp.port = ").append(tcpPort).append('\n')
                .append("tcp.port_range = ").append(tcpPortRange).append('\n')
                .append("naming.port = ").append(namingPort).append('\n')
                .append("frontend.port = ").append(frontEndPort).append('\n')
                .append("admin.port = ").append(adminBase).append('\n');
        if (date != null) b.append("date = ").append(date).append('\n');
        b.append("key = ").append(key).append('\n');
        for (Host h : hosts) b.append("host.").append(h.name).append(" = ").append(h.address).append(' ')
                .append(String.join(" ", h.roles)).append('\n');
        return b.toString();
    }
}
