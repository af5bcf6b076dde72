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
            "admin.port = 65530                 | test: admin.port leaves no room for 11 ports",
            "host.d = 10.0.0.6 FrontEnd2 FrontEnd2 | test line 9: FrontEnd2 is placed on d already",
            "host.d = 10.0.0.6 FrontEnd3        | test line 9: unknown role 'FrontEnd3' (roles: NameService FrontEnd Sequencer RM1 RM2 RM3 RM4; optional: NameService2 FrontEnd2)",
            "host.front = 10.0.0.6 Sequencer    | test line 9: host front is placed twice",
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
    void aSecondFrontEndAndNamingServiceRunOnAnotherHostAndClientsAreToldOfBoth() {
        List<String> lines = new ArrayList<>(VALID);
        lines.add("host.front2 = 10.0.0.6 NameService2 FrontEnd2");
        Deployment d = Deployment.parse(lines, "test");
        assertEquals("corbaloc::10.0.0.1:1050,:10.0.0.6:1050/NameService", d.namingUrl());
        assertEquals(List.of("NameService", "NameService2"), d.processes().stream().filter(p -> p.startsWith("Name")).toList());
        assertTrue(d.processes().contains("FrontEnd2"));
        // The other processes keep their admin ports; the second front end has the next one.
        assertEquals(new InetSocketAddress("10.0.0.6", 7710), d.adminAddress("FrontEnd2"));
        assertEquals(new InetSocketAddress("10.0.0.4", 7708), d.adminAddress("R3"));
        assertTrue(d.initialHosts().contains("10.0.0.6[7800]"), "the second front end is a group member");
        assertEquals(d, Deployment.parse(d.render("again").lines().toList(), "rendered"), "render and parse agree");
        assertTrue(!Deployment.parse(VALID, "test").processes().contains("FrontEnd2"), "optional");
    }

    @Test
    void aSecondOneOnTheFirstOnesHostIsRefused() {
        List<String> lines = new ArrayList<>(VALID);
        lines.set(lines.indexOf("host.front = 10.0.0.1 NameService FrontEnd"), "host.front = 10.0.0.1 NameService FrontEnd FrontEnd2");
        String why = assertThrows(Deployment.BadDeployment.class, () -> Deployment.parse(lines, "test")).getMessage();
        assertEquals("test: FrontEnd2 runs on host front with FrontEnd (a second one is for when the first one's host is down,"
                + " and they would share a port)", why);
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
