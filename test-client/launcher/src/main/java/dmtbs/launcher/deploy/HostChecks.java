package dmtbs.launcher.deploy;

import dmtbs.group.node.AdminPorts;
import dmtbs.group.node.GroupKey;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What must hold on a machine before it starts a deployment host's roles, each found wrong as one line
 * naming the cause: the machine has the host's address, the ports its processes listen on are free,
 * and no other group uses the deployment's multicast address. A process that failed to bind later
 * would only say so in its log.
 */
public final class HostChecks {

    private HostChecks() {}

    /** The problems found; empty when the host can start here. */
    public static List<String> problems(Deployment d, Deployment.Host host) {
        List<String> problems = new ArrayList<>();
        InetAddress addr;
        try {
            addr = InetAddress.getByName(host.address());
            if (NetworkInterface.getByInetAddress(addr) == null) {
                problems.add("this machine has no address " + host.address() + " (host " + host.name()
                        + " of the deployment): run it on that host, or correct its address in the deployment file");
                return problems;
            }
        } catch (IOException e) {
            problems.add("cannot check address " + host.address() + ": " + e.getMessage());
            return problems;
        }
        List<String> processes = host.processes();
        // A host runs at most one of each (the deployment places the second ones elsewhere).
        if (processes.stream().anyMatch(p -> p.startsWith("NameService"))) free(addr, d.namingPort(), "the naming service (naming.port)", problems);
        if (processes.stream().anyMatch(p -> p.startsWith("FrontEnd"))) free(addr, d.frontEndPort(), "the front end (frontend.port)", problems);
        for (String p : processes) {
            if (AdminPorts.NAMES.contains(p)) free(addr, AdminPorts.port(d.adminBase(), p), p + "'s admin port (admin.port)", problems);
        }
        if (d.transport() == Deployment.Transport.TCP) {
            long members = processes.stream().filter(p -> !p.startsWith("NameService")).count();
            long freePorts = 0;
            for (int port = d.tcpPort(); port <= d.tcpPort() + d.tcpPortRange(); port++) if (isFree(addr, port)) freePorts++;
            if (freePorts < members) {
                problems.add("only " + freePorts + " of the group ports " + d.tcpPort() + "-" + (d.tcpPort() + d.tcpPortRange())
                        + " on " + host.address() + " are free, and this host runs " + members + " group members (tcp.port, tcp.port_range)");
            }
        }
        try {
            GroupKey.read(d.key());
        } catch (IOException e) {
            problems.add(e.getMessage());
        }
        if (d.transport() == Deployment.Transport.UDP) foreignGroup(d, addr, LISTEN_MILLIS).ifPresent(problems::add);
        return problems;
    }

    /** Long enough to hear a running group: every member multicasts a heartbeat each second (FD_ALL3). */
    static final int LISTEN_MILLIS = 2_500;

    /**
     * Another deployment's group on this deployment's multicast address and port would cross-talk
     * with it (JGroups drops each other's messages, with a warning in a log nobody reads): listen a
     * moment before starting. Every datagram of a JGroups group carries its cluster name, so one
     * without this deployment's name comes from another group.
     */
    static Optional<String> foreignGroup(Deployment d, InetAddress addr, int listenMillis) {
        byte[] ours = d.cluster().getBytes(StandardCharsets.US_ASCII);
        InetSocketAddress group = new InetSocketAddress(d.mcastAddr(), d.mcastPort());
        try (MulticastSocket socket = new MulticastSocket(d.mcastPort())) {
            socket.joinGroup(group, NetworkInterface.getByInetAddress(addr));
            byte[] buf = new byte[65_536];
            long deadline = System.nanoTime() + listenMillis * 1_000_000L;
            while (true) {
                int left = (int) ((deadline - System.nanoTime()) / 1_000_000);
                if (left <= 0) return Optional.empty();
                socket.setSoTimeout(left);
                DatagramPacket packet = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(packet);
                } catch (java.net.SocketTimeoutException e) {
                    return Optional.empty();
                }
                if (!contains(buf, packet.getLength(), ours)) {
                    return Optional.of("multicast " + d.mcastAddr() + ":" + d.mcastPort() + " already carries another group's traffic (from "
                            + packet.getAddress().getHostAddress() + ", not cluster '" + d.cluster()
                            + "'): give this deployment its own mcast.addr and mcast.port");
                }
            }
        } catch (IOException e) {
            return Optional.of("cannot listen on multicast " + d.mcastAddr() + ":" + d.mcastPort() + " at " + addr.getHostAddress() + ": " + e.getMessage());
        }
    }

    private static boolean contains(byte[] data, int length, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= length; i++) {
            for (int j = 0; j < part.length; j++) if (data[i + j] != part[j]) continue outer;
            return true;
        }
        return false;
    }

    private static void free(InetAddress addr, int port, String what, List<String> problems) {
        if (!isFree(addr, port)) problems.add("port " + port + " on " + addr.getHostAddress() + " is in use; it is " + what);
    }

    private static boolean isFree(InetAddress addr, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(addr, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
