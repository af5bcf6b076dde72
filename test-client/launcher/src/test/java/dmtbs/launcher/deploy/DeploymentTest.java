package dmtbs.launcher.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deployment file: the checked-in example reads as documented, and every mistake is one line naming it. */
class DeploymentTest {

    private static final List<String> VALID = List.of(
            "cluster = theatres   # a comment",
            "tcp.port = 7800",
            "mcast.ttl = 2",
            "host.front = 10.0.0.1 NameService FrontEnd",
            "host.seq = 10.0.0.2 Sequencer",
            "host.a = 10.0.0.3 RM1 RM2",
            "host.b = 10.0.0.4 RM3",
            "host.c = 10.0.0.5 RM4");

    @Test
    void theExampleFileIsValid() throws Exception {
        Path example = Path.of(System.getProperty("dmtbs.home", "../..")).resolve("deploy/example.conf");
        Deployment d = Deployment.read(example);
        assertEquals(Deployment.Transport.UDP, d.transport());
        assertEquals(List.of("frontend", "sequencer", "host1", "host2", "host3", "host4"), d.hosts().stream().map(Deployment.Host::name).toList());
        assertEquals(List.of("RM2", "R2"), d.host("host2").processes());
        assertEquals("corbaloc::192.168.10.10:1050/NameService", d.namingUrl());
    }

    @Test
    void placesEveryProcessAndDerivesItsAddresses() {
        Deployment d = Deployment.parse(VALID, "test");
        assertEquals("theatres", d.cluster());
        assertEquals(List.of("RM1", "R1", "RM2", "R2"), d.host("a").processes());
        assertEquals("a", d.hostOf("R2").name());
        // FrontEnd +0, Sequencer +1, RM1..RM4 +2..+5, R1..R4 +6..+9
        assertEquals(new InetSocketAddress("10.0.0.4", 7708), d.adminAddress("R3"));
        assertEquals(new InetSocketAddress("10.0.0.2", 7701), d.adminAddress("Sequencer"));
        assertEquals("10.0.0.1[7800],10.0.0.2[7800],10.0.0.3[7800],10.0.0.4[7800],10.0.0.5[7800]", d.initialHosts());
        assertEquals(d, Deployment.parse(d.render("again").lines().toList(), "rendered"), "render and parse agree");
    }

    @Test
    void theNamingServiceAloneOnAHostIsNoGroupMember() {
        List<String> lines = new ArrayList<>(VALID);
        lines.set(lines.indexOf("host.front = 10.0.0.1 NameService FrontEnd"), "host.front = 10.0.0.1 FrontEnd");
        lines.add("host.names = 10.0.0.9 NameService");
        assertTrue(!Deployment.parse(lines, "test").initialHosts().contains("10.0.0.9"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "nonsense                           | test line 9: expected 'key = value', got 'nonsense'",
            "colour = blue                      | test line 9: unknown key 'colour'",
            "cluster = again                    | test line 9: 'cluster' is set twice",
            "host.d = 10.0.0.6 RM1              | test line 9: RM1 is placed on a already",
            "host.d = 10.0.0.6 R5               | test line 9: unknown role 'R5'",
            "host.d = 10.0.0.300 Sequencer      | test line 9: '10.0.0.300' is not an IPv4 address",
            "host.a = 10.0.0.6 Sequencer        | test line 9: host a is placed twice",
            "host.D = 10.0.0.6 Sequencer        | test line 9: host name 'D' is not lowercase letters",
            "host.d = 10.0.0.6                  | test line 9: expected 'host.d = ADDRESS ROLE…'",
            "mcast.addr = 10.1.2.3              | test: mcast.addr '10.1.2.3' is not an IPv4 multicast address",
            "mcast.port = 70000                 | test: mcast.port is a whole number from 1 to 65535, not '70000'",
            "naming.port = 0                    | test: naming.port is a whole number from 1 to 65535, not '0'",
            "admin.port = 65530                 | test: admin.port leaves no room for 10 ports",
            "transport = carrier-pigeon         | test: transport is udp or tcp, not 'carrier-pigeon'",
            "date = 2026-02-30                  | test: date '2026-02-30' is not YYYY-MM-DD",
    })
    void aMistakeIsOneLineNamingIt(String extra, String expected) {
        List<String> lines = new ArrayList<>(VALID);
        lines.add(extra);
        Deployment.BadDeployment e = assertThrows(Deployment.BadDeployment.class, () -> Deployment.parse(lines, "test"));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }

    @Test
    void aRoleNobodyRunsIsNamed() {
        List<String> lines = new ArrayList<>(VALID);
        lines.remove("host.c = 10.0.0.5 RM4");
        assertEquals("test: no host runs RM4 (every role is placed once)",
                assertThrows(Deployment.BadDeployment.class, () -> Deployment.parse(lines, "test")).getMessage());
    }

    @Test
    void anUnknownHostNamesTheKnownOnes() {
        assertEquals("no host 'host9' in the deployment (hosts: front, seq, a, b, c)",
                assertThrows(Deployment.BadDeployment.class, () -> Deployment.parse(VALID, "test").host("host9")).getMessage());
    }
}
