package dmtbs.launcher.lab;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A lab made of real namespaces carries multicast and TCP between its hosts and from the root namespace; a cut host is
 * unreachable until healed; destroy leaves nothing behind, and so does a create that fails half-way. Needs root.
 */
class LabNetworkTest {

    private static final List<String> HOSTS = List.of("host1", "host2", "host3");
    private static final String GROUP = "239.231.0.1";
    private static final int MCAST_PORT = 45231;
    private static final int TCP_PORT = 7000;

    @BeforeAll
    static void needsRootAndNetns() throws Exception {
        assumeTrue(LabNetwork.run(List.of("id", "-u")).trim().equals("0"), "skipped: making network namespaces needs root");
        try {
            LabNetwork.ip("netns", "list");
        } catch (IOException e) {
            assumeTrue(false, "skipped: `ip netns` is unavailable here: " + e.getMessage());
        }
    }

    /** Unique among JVMs running at once: the pid in base 36 (pid_max is 2^22, so at most 5 chars) plus a letter per test. */
    private static String labId(char test) {
        return Long.toString(ProcessHandle.current().pid(), 36) + test;
    }

    private static LabNetwork plan(char test) throws IOException {
        return LabNetwork.plan(labId(test), LabNetwork.freeSubnet((int) (ProcessHandle.current().pid() % 250) + 1), HOSTS);
    }

    @Test
    void hostsTalkMulticastAndTcpAndACutHostIsOffTheNetworkUntilHealed() throws Exception {
        LabNetwork lab = plan('a');
        String a = lab.host("host1").address(), b = lab.host("host2").address();
        try {
            long start = System.nanoTime();
            lab.create();
            System.out.printf("lab %s on 10.231.%d.0/24: create() took %d ms%n", lab.id(), lab.subnet(), millisSince(start));

            assertMulticastFromHost1ReachesHost2And3(lab);

            try (Probe listener = Probe.start(lab, "host2", "tcp-listen", b, Integer.toString(TCP_PORT))) {
                listener.awaitLine("READY", Duration.ofSeconds(15));

                assertTrue(tcpConnect(lab, "host1", b), "host1 reaches host2 over TCP");
                assertEquals("OK " + b, connectFromRoot(b), "the root namespace reaches host2");

                lab.cut("host2");
                assertTrue(lab.isCut("host2"));
                long cutAt = System.nanoTime();
                assertFalse(tcpConnect(lab, "host1", b), "host1 must not reach a cut host2");
                long failedAfter = millisSince(cutAt);
                assertTrue(failedAfter < 10_000, "the failed connect took " + failedAfter + " ms");
                assertThrows(IOException.class, () -> connectFromRoot(b), "nor may the root namespace");
                System.out.printf("cut host2: TCP from host1 failed after %d ms (probe JVM start included)%n", failedAfter);

                lab.heal("host2");
                assertFalse(lab.isCut("host2"));
                long healedAt = System.nanoTime();
                awaitTrue(() -> tcpConnect(lab, "host1", b), Duration.ofSeconds(20), "host1 reaches host2 again after heal");
                System.out.printf("healed host2: TCP from host1 works again after %d ms%n", millisSince(healedAt));
            }
            // heal must restore the multicast route that the link going down took with it.
            assertMulticastFromHost1ReachesHost2And3(lab);
            System.out.printf("multicast and TCP from %s (host1) work, and the root namespace (%s) reaches %s%n", a, lab.rootAddress(), b);
        } finally {
            long start = System.nanoTime();
            List<String> removed = lab.destroy();
            System.out.printf("destroy() took %d ms and removed %s%n", millisSince(start), removed);
        }
        assertNoLeftovers(lab);
        assertEquals(List.of(), lab.destroy(), "a second destroy has nothing to do");
    }

    @Test
    void aCreateThatFailsHalfWayRemovesWhatItMadeButNotWhatWasThere() throws Exception {
        LabNetwork lab = plan('b');
        // host2's namespace already exists: create fails after making the bridge and all of host1.
        String clash = lab.host("host2").namespace();
        try {
            LabNetwork.ip("netns", "add", clash);
            IOException e = assertThrows(IOException.class, lab::create);
            System.out.println("create() failed as it should: " + e.getMessage());
            assertTrue(e.getMessage().startsWith("ip netns add " + clash + " failed (exit 1): "), e.getMessage());
            assertTrue(e.getMessage().contains("File exists"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());

            assertEquals(List.of(clash), labNamespaces(lab), "only the namespace that was there before remains");
            assertEquals(List.of(), labLinks(lab), "no bridge or veth remains");
            assertFalse(LabNetwork.ip("-4", "-o", "addr", "show").contains(lab.rootAddress()), "the bridge address is gone");
        } finally {
            lab.destroy();
        }
        assertNoLeftovers(lab);
    }

    @Test
    void aPlanNamesHostsAndRefusesUnknownOnes() {
        LabNetwork lab = LabNetwork.plan("f00", 17, HOSTS);
        assertEquals(new LabNetwork.Host("host3", "dmtbs-f00-host3", "10.231.17.3"), lab.host("host3"));
        assertEquals("10.231.17.254", lab.rootAddress());
        assertEquals(List.of("ip", "netns", "exec", "dmtbs-f00-host1"), lab.exec("host1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lab.host("host9"));
        assertTrue(e.getMessage().contains("host1, host2, host3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LabNetwork.plan("toolong1", 17, HOSTS));
    }

    private static void assertMulticastFromHost1ReachesHost2And3(LabNetwork lab) throws Exception {
        String a = lab.host("host1").address();
        try (Probe l2 = Probe.start(lab, "host2", "mcast-listen", GROUP, Integer.toString(MCAST_PORT), lab.host("host2").address());
             Probe l3 = Probe.start(lab, "host3", "mcast-listen", GROUP, Integer.toString(MCAST_PORT), lab.host("host3").address())) {
            l2.awaitLine("READY", Duration.ofSeconds(15));
            l3.awaitLine("READY", Duration.ofSeconds(15));
            try (Probe sender = Probe.start(lab, "host1", "mcast-send", GROUP, Integer.toString(MCAST_PORT), a)) {
                assertEquals(0, sender.awaitExit(Duration.ofSeconds(15)), "sender: " + sender.lines);
            }
            String expected = "RECEIVED hello-from-" + a + " FROM " + a;
            l2.awaitLine(expected, Duration.ofSeconds(10));
            l3.awaitLine(expected, Duration.ofSeconds(10));
        }
    }

    /** Runs tcp-connect in a host; true if it connected and got the listener's answer. */
    private static boolean tcpConnect(LabNetwork lab, String from, String to) {
        try (Probe p = Probe.start(lab, from, "tcp-connect", to, Integer.toString(TCP_PORT))) {
            return p.awaitExit(Duration.ofSeconds(15)) == 0;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static String connectFromRoot(String address) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, TCP_PORT), NetProbe.CONNECT_TIMEOUT_MS);
            s.setSoTimeout(NetProbe.CONNECT_TIMEOUT_MS);
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    private static void assertNoLeftovers(LabNetwork lab) throws IOException {
        assertEquals(List.of(), labNamespaces(lab), "ip netns list");
        assertEquals(List.of(), labLinks(lab), "ip -o link");
    }

    private static List<String> labNamespaces(LabNetwork lab) throws IOException {
        return LabNetwork.ip("netns", "list").lines().map(l -> l.split(" ")[0]).filter(n -> n.startsWith("dmtbs-" + lab.id() + "-")).toList();
    }

    /** Lines of {@code ip -o link} that name the lab's bridge or one of its veths. */
    private static List<String> labLinks(LabNetwork lab) throws IOException {
        String ours = ".*: (dmtbs" + lab.id() + "|d" + lab.id() + "[vp]\\d+)[@:].*";
        return LabNetwork.ip("-o", "link").lines().filter(l -> l.matches(ours)).toList();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** Polls a condition until it holds or the deadline passes. */
    private static void awaitTrue(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("not within " + within + ": " + what);
            Thread.sleep(200);
        }
    }

    /** A NetProbe JVM running inside a lab host; its stdout lines are collected as they come. Closing kills it. */
    private static final class Probe implements AutoCloseable {
        final Process process;
        final List<String> lines = new ArrayList<>();
        private final BlockingQueue<String> fresh = new LinkedBlockingQueue<>();

        private Probe(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = process.inputReader(StandardCharsets.UTF_8)) {
                    r.lines().forEach(fresh::add);
                } catch (IOException | RuntimeException ignored) {
                    // The probe was killed: no more lines.
                }
            }, "probe-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        static Probe start(LabNetwork lab, String host, String... args) throws IOException {
            List<String> cmd = new ArrayList<>(lab.exec(host));
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                    "-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true", "-cp", testClasses(), NetProbe.class.getName()));
            cmd.addAll(Arrays.asList(args));
            return new Probe(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        }

        private static String testClasses() {
            try {
                return Path.of(NetProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        void awaitLine(String expected, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (!lines.contains(expected)) {
                String line = fresh.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) fail("no \"" + expected + "\" within " + within + "; got " + lines);
                lines.add(line);
            }
        }

        int awaitExit(Duration within) throws InterruptedException {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) fail("probe still running after " + within);
            fresh.drainTo(lines);
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
