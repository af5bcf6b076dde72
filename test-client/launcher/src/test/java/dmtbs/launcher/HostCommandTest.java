package dmtbs.launcher;

import org.jgroups.JChannel;
import org.jgroups.protocols.PING;
import org.jgroups.protocols.UDP;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/dmtbs host} refuses, before it starts anything, a host the file does not name, an
 * address this machine does not have, a port in use and a multicast address another group uses: one
 * line naming the cause, exit code 1.
 */
class HostCommandTest {

    @TempDir Path dir;

    private static final String MCAST = "228.9." + (ProcessHandle.current().pid() % 250) + ".7";
    private static final int MCAST_PORT = 47_000 + (int) (ProcessHandle.current().pid() % 1_000);

    private Path deployment(String frontEndAddress, int namingPort) throws Exception {
        Path f = dir.resolve("d.conf");
        dmtbs.group.node.GroupKey.create(dir.resolve("group.key"));
        Files.writeString(f, """
                cluster = host-command-test
                mcast.addr = %s
                mcast.port = %d
                naming.port = %d
                host.frontend = %s NameService FrontEnd
                host.sequencer = 127.0.0.1 Sequencer
                host.host1 = 127.0.0.1 RM1
                host.host2 = 127.0.0.1 RM2
                host.host3 = 127.0.0.1 RM3
                host.host4 = 127.0.0.1 RM4
                """.formatted(MCAST, MCAST_PORT, namingPort, frontEndAddress));
        return f;
    }

    private String run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = Dmtbs.run(args);
        } finally {
            System.setOut(saved);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, printed);
        assertFalse(printed.contains("Exception"), printed);
        assertEquals(1, printed.strip().lines().count(), "one line: " + printed);
        assertFalse(Files.exists(dir.resolve("run").resolve("pids")), "nothing was started");
        return printed;
    }

    @Test
    void aHostTheFileDoesNotName() throws Exception {
        String out = run("host", "host9", "--config", deployment("127.0.0.1", 1050).toString(), "--run-dir", dir.resolve("run").toString());
        assertTrue(out.startsWith("error: no host 'host9' in the deployment (hosts: frontend, sequencer, host1"), out);
    }

    @Test
    void anAddressThisMachineDoesNotHave() throws Exception {
        // 192.0.2.0/24 is reserved for documentation: no machine has it.
        String out = run("host", "frontend", "--config", deployment("192.0.2.7", 1050).toString(), "--run-dir", dir.resolve("run").toString());
        assertTrue(out.startsWith("error: this machine has no address 192.0.2.7 (host frontend of the deployment)"), out);
    }

    @Test
    void aPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            String out = run("host", "frontend", "--config", deployment("127.0.0.1", taken.getLocalPort()).toString(),
                    "--run-dir", dir.resolve("run").toString());
            assertEquals("error: port " + taken.getLocalPort() + " on 127.0.0.1 is in use; it is the naming service (naming.port)", out.strip());
        }
    }

    @Test
    void anotherGroupOnTheSameMulticastAddress() throws Exception {
        UDP udp = new UDP();
        udp.setBindAddress(InetAddress.getLoopbackAddress());
        udp.setMulticastAddress(InetAddress.getByName(MCAST));
        udp.setMulticastPort(MCAST_PORT);
        try (JChannel other = new JChannel(udp, new PING(), new NAKACK2(), new UNICAST3(), new STABLE(), new GMS())) {
            other.connect("another-deployment");
            AtomicBoolean done = new AtomicBoolean();
            Thread chatter = new Thread(() -> {
                while (!done.get()) {
                    try {
                        other.send(null, "hello");
                        Thread.sleep(100);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            chatter.start();
            try {
                String out = run("host", "sequencer", "--config", deployment("127.0.0.1", 1050).toString(), "--run-dir", dir.resolve("run").toString());
                assertTrue(out.startsWith("error: multicast " + MCAST + ":" + MCAST_PORT + " already carries another group's traffic (from 127.0.0.1, "
                        + "not cluster 'host-command-test')"), out);
            } finally {
                done.set(true);
                chatter.join(5_000);
            }
        }
    }

    @Test
    void aGroupKeyOthersCanRead() throws Exception {
        Path config = deployment("127.0.0.1", 1050);
        Files.setPosixFilePermissions(dir.resolve("group.key"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        String out = run("host", "sequencer", "--config", config.toString(), "--run-dir", dir.resolve("run").toString());
        assertEquals("error: the group key " + dir.resolve("group.key") + " can be read by others (rw-r--r--): chmod 600 it", out.strip());
    }

    @Test
    void aMissingFile() {
        String out = run("host", "frontend", "--config", dir.resolve("nope.conf").toString(), "--run-dir", dir.resolve("run").toString());
        assertEquals("error: no deployment file " + dir.resolve("nope.conf"), out.strip());
    }
}
