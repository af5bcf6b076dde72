package dmtbs.launcher.lab;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A tiny socket program for {@link LabNetworkTest}, run inside a lab host with {@code ip netns exec}. It prints what
 * happened on stdout ("READY" once listening) and always ends: every wait has a timeout. Exit 0 on success, 1 otherwise.
 * <pre>
 *   mcast-listen GROUP PORT BINDADDR   join GROUP on BINDADDR's interface, print the first datagram
 *   mcast-send   GROUP PORT BINDADDR   send a few datagrams to GROUP from BINDADDR's interface, TTL 1
 *   tcp-listen   ADDR PORT             answer every connection with "OK ADDR" until stdin closes (at most 60 s)
 *   tcp-connect  ADDR PORT             connect (2 s timeout), print the answer
 * </pre>
 */
public final class NetProbe {

    static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int LIFETIME_MS = 60_000;

    public static void main(String[] args) throws Exception {
        // A daemon that ends the JVM whatever a mode is stuck in.
        Thread reaper = new Thread(() -> {
            try {
                Thread.sleep(LIFETIME_MS);
            } catch (InterruptedException e) {
                return;
            }
            System.out.println("LIFETIME EXCEEDED");
            System.exit(1);
        });
        reaper.setDaemon(true);
        reaper.start();
        boolean ok;
        try {
            ok = switch (args[0]) {
                case "mcast-listen" -> mcastListen(InetAddress.getByName(args[1]), Integer.parseInt(args[2]), InetAddress.getByName(args[3]));
                case "mcast-send" -> mcastSend(InetAddress.getByName(args[1]), Integer.parseInt(args[2]), InetAddress.getByName(args[3]));
                case "tcp-listen" -> tcpListen(InetAddress.getByName(args[1]), Integer.parseInt(args[2]));
                case "tcp-connect" -> tcpConnect(args[1], Integer.parseInt(args[2]));
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            };
        } catch (Exception e) {
            System.out.println("FAILED " + e);
            ok = false;
        }
        System.out.flush();
        System.exit(ok ? 0 : 1);
    }

    private static boolean mcastListen(InetAddress group, int port, InetAddress bind) throws Exception {
        // Bound to the wildcard: on Linux a socket bound to a unicast address never sees multicast datagrams.
        try (MulticastSocket s = new MulticastSocket(port)) {
            s.joinGroup(new InetSocketAddress(group, port), NetworkInterface.getByInetAddress(bind));
            s.setSoTimeout(20_000);
            System.out.println("READY");
            DatagramPacket p = new DatagramPacket(new byte[512], 512);
            s.receive(p);
            System.out.println("RECEIVED " + new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8)
                    + " FROM " + p.getAddress().getHostAddress());
            return true;
        }
    }

    private static boolean mcastSend(InetAddress group, int port, InetAddress bind) throws Exception {
        try (MulticastSocket s = new MulticastSocket(new InetSocketAddress(bind, 0))) {
            s.setNetworkInterface(NetworkInterface.getByInetAddress(bind));
            s.setTimeToLive(1);
            byte[] payload = ("hello-from-" + bind.getHostAddress()).getBytes(StandardCharsets.UTF_8);
            // UDP may drop one; a listener takes the first that arrives. The pause paces the repeats, nothing waits on it.
            for (int i = 0; i < 5; i++) {
                s.send(new DatagramPacket(payload, payload.length, group, port));
                Thread.sleep(100);
            }
            System.out.println("SENT 5");
            return true;
        }
    }

    private static boolean tcpListen(InetAddress addr, int port) throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(addr, port));
            System.out.println("READY");
            // Ends when the parent closes our stdin (it no longer needs us), or by the reaper.
            Thread watcher = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) { /* discard */ }
                } catch (Exception ignored) {
                    // Either way, stdin is gone.
                }
                System.exit(0);
            });
            watcher.setDaemon(true);
            watcher.start();
            while (true) {
                try (Socket c = server.accept()) {
                    new PrintWriter(c.getOutputStream(), true, StandardCharsets.UTF_8).println("OK " + addr.getHostAddress());
                }
            }
        }
    }

    private static boolean tcpConnect(String addr, int port) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(addr, port), CONNECT_TIMEOUT_MS);
            s.setSoTimeout(CONNECT_TIMEOUT_MS);
            String answer = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
            System.out.println("CONNECTED " + answer);
            return answer != null && answer.startsWith("OK");
        }
    }
}
