package dmtbs.launcher.lab;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A "lab" of hosts made of network namespaces on this one machine, joined by a Linux bridge: each host
 * has its own {@code eth0} and address on 10.231.&lt;subnet&gt;.0/24, and multicast works between them.
 * A thin shell around {@code ip}; needs root. Every name carries the lab's id, so several labs run side
 * by side and leftovers of a crashed run can be found and removed by {@link #destroy()}.
 */
public final class LabNetwork {

    /** One lab host: its name (e.g. "host1"), its namespace name, its IPv4 address on the lab's /24. */
    public record Host(String name, String namespace, String address) {}

    private static final Logger log = LoggerFactory.getLogger(LabNetwork.class);
    private static final long TIMEOUT_SECONDS = 10;
    private static final Pattern ID = Pattern.compile("[a-z0-9]{1,6}");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** The root namespace's address on the bridge; hosts take .1 upwards, so at most 253 of them. */
    private static final int ROOT_OCTET = 254;
    /** Drains commands' pipes; its own threads, because blocking reads would starve the (often 1-thread) common pool. */
    private static final ExecutorService PIPES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lab-network-pipe");
        t.setDaemon(true);
        return t;
    });

    private final String id;
    private final int subnet;
    private final List<Host> hosts;

    private LabNetwork(String id, int subnet, List<Host> hosts) {
        this.id = id;
        this.subnet = subnet;
        this.hosts = hosts;
    }

    /**
     * Plans (does not create) a lab: id is a short lowercase hex/alnum string (&lt;= 6 chars) derived by the caller from its
     * run dir; hostNames in order get addresses .1, .2, ... of subnet 10.231.&lt;subnet&gt;.0/24; the root namespace gets .254
     * on the bridge.
     */
    public static LabNetwork plan(String id, int subnet, List<String> hostNames) {
        // Interface names are at most 15 chars: "dmtbs" + id must leave room, and so must "d" + id + "v" + index.
        if (!ID.matcher(id).matches()) throw new IllegalArgumentException("lab id must be 1-6 of [a-z0-9]: " + id);
        if (subnet < 1 || subnet > 250) throw new IllegalArgumentException("subnet must be in 1..250: " + subnet);
        if (hostNames.isEmpty() || hostNames.size() >= ROOT_OCTET)
            throw new IllegalArgumentException("a lab has 1.." + (ROOT_OCTET - 1) + " hosts: " + hostNames.size());
        if (new HashSet<>(hostNames).size() != hostNames.size()) throw new IllegalArgumentException("duplicate host names: " + hostNames);
        List<Host> hosts = new ArrayList<>();
        for (String name : hostNames) {
            if (!HOST_NAME.matcher(name).matches()) throw new IllegalArgumentException("bad host name: " + name);
            hosts.add(new Host(name, "dmtbs-" + id + "-" + name, "10.231." + subnet + "." + (hosts.size() + 1)));
        }
        return new LabNetwork(id, subnet, List.copyOf(hosts));
    }

    /**
     * A free subnet index in 1..250, starting at {@code preferred} and probing upward (wrapping), one that no interface of
     * the root namespace already has an address in (parse {@code ip -4 -o addr show}).
     */
    public static int freeSubnet(int preferred) throws IOException {
        List<String> used = rootAddresses();
        int start = Math.floorMod(preferred - 1, 250);
        for (int i = 0; i < 250; i++) {
            int candidate = (start + i) % 250 + 1;
            if (inUse(used, candidate) == null) return candidate;
        }
        throw new IOException("no free subnet in 10.231.1-250.0/24");
    }

    public String id() { return id; }

    public int subnet() { return subnet; }

    public List<Host> hosts() { return hosts; }

    public Host host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown host " + name + " in lab " + id + "; known: " + hosts.stream().map(Host::name).collect(Collectors.joining(", "))));
    }

    /** 10.231.&lt;subnet&gt;.254, the root namespace's address on the bridge. */
    public String rootAddress() { return "10.231." + subnet + "." + ROOT_OCTET; }

    String bridge() { return "dmtbs" + id; }

    /** The root-side end of host's veth. */
    String rootVeth(Host host) { return "d" + id + "v" + (hosts.indexOf(host) + 1); }

    /**
     * Creates bridge, namespaces, veth pairs, addresses, multicast routes. On any failure removes whatever it made and throws
     * IOException with one line naming the failed command and its stderr.
     */
    public void create() throws IOException {
        long start = System.nanoTime();
        // Two labs on one subnet would give the root namespace two routes to it: refuse rather than half work.
        String holder = inUse(rootAddresses(), subnet);
        if (holder != null) throw new IOException("10.231." + subnet + ".0/24 is already in use by " + holder);
        // Undo steps for what this call made, newest first; what already existed (a clash) is left alone.
        Deque<List<String>> undo = new ArrayDeque<>();
        try {
            String br = bridge();
            ip("link", "add", br, "type", "bridge");
            undo.push(List.of("link", "del", br));
            // Snooping would drop multicast to ports that sent no IGMP report; nothing here runs an IGMP querier.
            ip("link", "set", br, "type", "bridge", "mcast_snooping", "0");
            ip("addr", "add", rootAddress() + "/24", "dev", br);
            ip("link", "set", br, "up");
            for (Host h : hosts) {
                String ns = h.namespace(), root = rootVeth(h), peer = "d" + id + "p" + (hosts.indexOf(h) + 1);
                ip("netns", "add", ns);
                undo.push(List.of("netns", "del", ns));
                ip("link", "add", root, "type", "veth", "peer", "name", peer);
                undo.push(List.of("link", "del", root)); // takes the peer with it, wherever it is by then
                // A temporary peer name, because "eth0" already exists in the root namespace.
                ip("link", "set", peer, "netns", ns);
                ip("-n", ns, "link", "set", peer, "name", "eth0");
                ip("-n", ns, "link", "set", "lo", "up");
                ip("-n", ns, "addr", "add", h.address() + "/24", "dev", "eth0");
                ip("-n", ns, "link", "set", "eth0", "up");
                multicastRoute(h);
                ip("link", "set", root, "master", br);
                ip("link", "set", root, "up");
            }
        } catch (IOException e) {
            for (List<String> step : undo) {
                try {
                    ip(step.toArray(String[]::new));
                } catch (IOException cleanup) {
                    log.warn("lab {}: cleaning up after a failed create: {}", id, cleanup.getMessage());
                }
            }
            throw e;
        }
        log.info("lab {}: created {} hosts on 10.231.{}.0/24 in {} ms", id, hosts.size(), subnet, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Removes every namespace, veth and the bridge this lab's id names, even when only part of it exists (after a failed
     * start). Never throws for "does not exist". Returns the list of things removed.
     */
    public List<String> destroy() {
        // Found by name, not by plan, so leftovers of an earlier run with this id go too. Links go first: a namespace that
        // still holds a process outlives "ip netns del", and so would a veth inside it.
        Pattern ours = Pattern.compile(Pattern.quote(bridge()) + "|d" + id + "[vp]\\d+");
        List<String> removed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try {
            for (String link : linkNames()) {
                if (ours.matcher(link).matches()) remove(removed, failures, "link " + link, "link", "del", link);
            }
            for (String ns : namespaces()) {
                if (ns.startsWith("dmtbs-" + id + "-")) remove(removed, failures, "netns " + ns, "netns", "del", ns);
            }
        } catch (IOException e) {
            failures.add(e.getMessage());
        }
        if (!failures.isEmpty()) throw new UncheckedIOException(new IOException("lab " + id + ": " + String.join("; ", failures)));
        if (!removed.isEmpty()) log.info("lab {}: removed {}", id, removed);
        return removed;
    }

    /** Takes a host off the network (its veth link down, both ends). */
    public void cut(String host) throws IOException {
        Host h = host(host);
        ip("link", "set", rootVeth(h), "down");
        ip("-n", h.namespace(), "link", "set", "eth0", "down");
    }

    /** Brings a cut host back. */
    public void heal(String host) throws IOException {
        Host h = host(host);
        ip("-n", h.namespace(), "link", "set", "eth0", "up");
        ip("link", "set", rootVeth(h), "up");
        // The kernel dropped the multicast route with the link (the /24 route it re-adds by itself).
        multicastRoute(h);
    }

    /** True if either end of the host's veth is administratively down. */
    public boolean isCut(String host) throws IOException {
        Host h = host(host);
        return !isUp(ip("-o", "link", "show", "dev", rootVeth(h))) || !isUp(ip("-n", h.namespace(), "-o", "link", "show", "dev", "eth0"));
    }

    /** The command prefix that runs a command in a host: ["ip","netns","exec", namespace]. */
    public List<String> exec(String host) {
        return List.of("ip", "netns", "exec", host(host).namespace());
    }

    private void multicastRoute(Host h) throws IOException {
        // Without it a namespace has no route for multicast at all ("Network is unreachable" on send).
        ip("-n", h.namespace(), "route", "replace", "224.0.0.0/4", "dev", "eth0");
    }

    private static boolean isUp(String oneLineLink) {
        int open = oneLineLink.indexOf('<'), close = oneLineLink.indexOf('>');
        return open >= 0 && close > open && List.of(oneLineLink.substring(open + 1, close).split(",")).contains("UP");
    }

    private static void remove(List<String> removed, List<String> failures, String what, String... args) {
        try {
            ip(args);
            removed.add(what);
        } catch (IOException e) {
            // Gone meanwhile (a veth goes with its peer's namespace): that is what we wanted.
            String m = e.getMessage();
            if (!m.contains("Cannot find device") && !m.contains("No such file")) failures.add(m);
        }
    }

    /** "lo", "eth0", "dabcv1" ... of the root namespace; veths are listed as "name@peer", so the suffix is cut. */
    private static List<String> linkNames() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : ip("-o", "link", "show").split("\n")) {
            String[] f = line.split(": ", 3);
            if (f.length >= 2) names.add(f[1].split("@")[0].trim());
        }
        return names;
    }

    /** "ip netns list" prints "name (id: 3)" once a namespace has an id, plain "name" before. */
    private static List<String> namespaces() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : ip("netns", "list").split("\n")) {
            if (!line.isBlank()) names.add(line.trim().split("\\s+")[0]);
        }
        return names;
    }

    /** "eth0 192.0.2.2/24" ... for every IPv4 address of the root namespace. */
    private static List<String> rootAddresses() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : ip("-4", "-o", "addr", "show").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[2].equals("inet")) out.add(f[1] + " " + f[3]);
        }
        return out;
    }

    /** The "interface address" that already has an address in 10.231.subnet.0/24, or null. */
    private static String inUse(List<String> rootAddresses, int subnet) {
        String prefix = " 10.231." + subnet + ".";
        return rootAddresses.stream().filter(a -> a.contains(prefix)).findFirst().orElse(null);
    }

    static String ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** Runs a command to its end (at most 10 s) and returns its stdout; IOException naming it and its stderr otherwise. */
    static String run(List<String> cmd) throws IOException {
        String line = String.join(" ", cmd);
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        // Both pipes are drained aside so a chatty command cannot block on a full one while we wait.
        CompletableFuture<String> out = drain(p.getInputStream()), err = drain(p.getErrorStream());
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(line + " timed out after " + TIMEOUT_SECONDS + " s");
            }
            String stderr = err.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).strip().replace("\n", "; ");
            if (p.exitValue() != 0) throw new IOException(line + " failed (exit " + p.exitValue() + "): " + stderr);
            return out.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(line + " interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(line + ": cannot read its output: " + e, e);
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, PIPES);
    }
}
