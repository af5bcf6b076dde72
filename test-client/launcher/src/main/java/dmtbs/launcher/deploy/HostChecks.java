package dmtbs.launcher.deploy;

import dmtbs.group.node.AdminPorts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * What must hold on a machine before it starts a deployment host's roles, each found wrong as one line
 * naming the cause: the machine has the host's address, and the ports its processes listen on are
 * free. A process that failed to bind later would only say so in its log.
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
        if (processes.contains("NameService")) free(addr, d.namingPort(), "the naming service (naming.port)", problems);
        if (processes.contains("FrontEnd")) free(addr, d.frontEndPort(), "the front end (frontend.port)", problems);
        for (String p : processes) {
            if (AdminPorts.NAMES.contains(p)) free(addr, AdminPorts.port(d.adminBase(), p), p + "'s admin port (admin.port)", problems);
        }
        if (d.transport() == Deployment.Transport.TCP) {
            long members = processes.stream().filter(p -> !p.equals("NameService")).count();
            long freePorts = 0;
            for (int port = d.tcpPort(); port <= d.tcpPort() + d.tcpPortRange(); port++) if (isFree(addr, port)) freePorts++;
            if (freePorts < members) {
                problems.add("only " + freePorts + " of the group ports " + d.tcpPort() + "-" + (d.tcpPort() + d.tcpPortRange())
                        + " on " + host.address() + " are free, and this host runs " + members + " group members (tcp.port, tcp.port_range)");
            }
        }
        return problems;
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
