package dmtbs.launcher;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * What one message between two processes costs on this machine: a small UDP datagram bounced
 * between the bench's JVM and an echo JVM on loopback (send, the kernel wakes the blocked receiver,
 * receive). Every hop of the replicated path costs at least this, before any work, so the bench
 * prints it next to its figures: on a VM whose idle cores halt, waking a thread on another core is
 * far dearer than the work a hop carries.
 */
final class HopCost {

    /** CPU of both processes per hop (µs), and wall time per hop (µs). */
    record Figures(double cpuMicros, double wallMicros) {
        @Override public String toString() {
            return String.format(Locale.ROOT, "%.0f µs CPU (both processes) and %.0f µs wall time per message", cpuMicros, wallMicros);
        }
    }

    static final String ECHO = "HopEcho";
    private static final byte[] BYE = new byte[0];
    private static final int TIMEOUT_MILLIS = 10_000;

    private HopCost() {}

    /** Starts an echo JVM under {@code cluster} (stopped before returning) and bounces {@code roundTrips} datagrams off it. */
    static Figures measure(Cluster cluster, int roundTrips) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            long echoPid = cluster.start(ECHO, HopCost.class.getName(),
                    List.of("echo", Integer.toString(socket.getLocalPort())), List.of(), "32m");
            try {
                DatagramPacket in = new DatagramPacket(new byte[64], 64);
                socket.receive(in);                                   // the echo's hello: its address
                SocketAddress echo = in.getSocketAddress();
                byte[] payload = new byte[100];                       // about one small request
                bounce(socket, echo, payload, in, roundTrips / 4);   // JIT warm-up on both sides
                List<Long> pids = List.of(ProcessHandle.current().pid(), echoPid);
                OptionalLong cpuBefore = CpuMeter.cpuNanos(pids);
                long start = System.nanoTime();
                bounce(socket, echo, payload, in, roundTrips);
                long wall = System.nanoTime() - start;
                OptionalLong cpuAfter = CpuMeter.cpuNanos(pids);
                socket.send(new DatagramPacket(BYE, 0, echo));
                double hops = 2.0 * roundTrips;
                double cpu = cpuBefore.isPresent() && cpuAfter.isPresent() ? (cpuAfter.getAsLong() - cpuBefore.getAsLong()) / 1e3 / hops : Double.NaN;
                return new Figures(cpu, wall / 1e3 / hops);
            } finally {
                cluster.stop(ECHO);
            }
        }
    }

    private static void bounce(DatagramSocket socket, SocketAddress echo, byte[] payload, DatagramPacket in, int times) throws IOException {
        for (int i = 0; i < times; i++) {
            socket.send(new DatagramPacket(payload, payload.length, echo));
            socket.receive(in);
        }
    }

    /** The echo JVM: {@code echo <port>}; sends back every datagram until an empty one, or silence for 10 s. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !args[0].equals("echo")) {
            System.err.println("usage: HopCost echo <port of the measuring process on 127.0.0.1>");
            System.exit(2);
        }
        InetSocketAddress measurer = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1]));
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.send(new DatagramPacket(new byte[] {1}, 1, measurer));
            DatagramPacket in = new DatagramPacket(new byte[1_500], 1_500);
            while (true) {
                socket.receive(in);
                if (in.getLength() == 0) return;
                socket.send(new DatagramPacket(in.getData(), in.getLength(), in.getSocketAddress()));
            }
        } catch (SocketTimeoutException e) {
            // the measuring process went away: nothing left to echo
        }
    }
}
