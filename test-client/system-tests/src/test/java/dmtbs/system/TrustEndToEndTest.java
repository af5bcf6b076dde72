package dmtbs.system;

import dmtbs.booking.Request;
import dmtbs.booking.Result;
import dmtbs.client.Call;
import dmtbs.group.msg.Checkpoint;
import dmtbs.group.msg.ClientRequest;
import dmtbs.group.msg.ClientRequests;
import dmtbs.group.msg.Codec;
import dmtbs.group.msg.Heartbeat;
import dmtbs.group.msg.OrderedBatch;
import dmtbs.group.msg.OrderedRequest;
import dmtbs.group.msg.ReplicaResult;
import dmtbs.group.msg.Report;
import dmtbs.group.msg.RequestId;
import dmtbs.group.msg.ResultBatch;
import dmtbs.group.msg.RmMessage;
import dmtbs.group.msg.SyncRequest;
import dmtbs.group.node.GroupKey;
import dmtbs.launcher.Cluster;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.conf.ConfiguratorFactory;
import org.jgroups.conf.ProtocolStackConfigurator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.MulticastSocket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Only the deployment's own processes take part. A stranger with the group's name, multicast address
 * and stack but not its key sends every kind of message that once halted ordering, decided a
 * client's answer or got an honest replica replaced, and garbage datagrams; a member that holds the
 * key but claims roles it does not hold sends the same evidence. Clients keep booking throughout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrustEndToEndTest {

    private SystemUnderTest sut;

    @BeforeAll
    void start() throws Exception { sut = SystemUnderTest.start("trust", 1081, 0); }

    @AfterAll
    void stop() { if (sut != null) sut.close(); }

    /** A channel on this system's group: its stack, name and multicast address, with the key or without it. */
    private JChannel channel(String name, boolean withKey) throws Exception {
        ProtocolStackConfigurator stack = ConfiguratorFactory.getStackConfigurator(sut.settings.jgroupsConfig().toString());
        Map<String, String> transport = stack.getProtocolStack().get(0).getProperties();
        transport.put("mcast_addr", sut.settings.mcastAddr());
        transport.put("mcast_port", Integer.toString(sut.settings.mcastPort()));
        JChannel ch = new JChannel(stack);
        ch.setName(name);
        if (withKey) GroupKey.protect(ch.getProtocolStack(), GroupKey.read(sut.settings.keyFile()));
        return ch;
    }

    /** Every message kind that a member without the right once abused (see the issue on trust). */
    private static List<Object> forgeries() {
        RequestId fe = new RequestId("FrontEnd-1-1", 1_000_000);
        Request book = new Request.BookMovieTickets("ATWA0001", "ATWC0001", "ATWM261126", "Avatar", 1);
        List<Object> m = new ArrayList<>();
        m.add(new Heartbeat(Long.MAX_VALUE, Long.MAX_VALUE / 2, 20_000));
        m.add(new SyncRequest(Long.MAX_VALUE));
        m.add(new OrderedBatch(Long.MAX_VALUE, List.of(new OrderedRequest(1, 20_000, fe, 1, null, book))));
        m.add(new ClientRequests(List.of(new ClientRequest(fe, 1_000_000, null, book), new ClientRequest(
                new RequestId("RM1-audit-1", 1), 1, null, null, new Checkpoint("Rogue")))));
        for (String r : List.of("R1", "R2")) {
            m.add(new ResultBatch(r, "nested-maps", List.of(new ReplicaResult(1, fe, new Result.Refused(dmtbs.booking.RefusalCode.NO_SUCH_SHOW, "")))));
        }
        for (int i = 0; i < 3; i++) m.add(new Report(Report.Kind.MISMATCH, "R3", null, i, "forged"));
        m.add(new RmMessage.Proposal(77, "R3", "WRONG"));
        for (String rm : List.of("RM1", "RM2", "RM3", "RM4")) m.add(new RmMessage.Vote(77, "R3", rm, true));
        return m;
    }

    private Map<String, Long> pids() {
        Map<String, Long> p = new LinkedHashMap<>();
        for (String n : sut.cluster.names()) p.put(n, sut.cluster.pid(n).orElseThrow());
        return p;
    }

    @Test
    @Order(1)
    void aStrangerWithoutTheKeyIsNeverAMemberAndNothingItSendsIsDelivered() throws Exception {
        Map<String, Long> pids = pids();
        long before = Orders.settled(sut);
        long ordered;
        try (Load load = new Load(sut, 2, 1100, 100_000)) {
            load.awaitCalls(50, 60_000);
            int atStart = load.calls.size();
            try (JChannel stranger = channel("Rogue", false); MulticastSocket raw = new MulticastSocket()) {
                stranger.connect(sut.settings.cluster());
                InetAddress group = InetAddress.getByName(sut.settings.mcastAddr());
                SplittableRandom random = new SplittableRandom(18);
                for (int round = 0; round < 5; round++) {
                    for (Object forged : forgeries()) stranger.send(new BytesMessage(null, Codec.encode(forged)));
                    // Garbage and lies straight onto the group's multicast address, under JGroups.
                    for (int i = 0; i < 200; i++) {
                        byte[] b = new byte[1 + random.nextInt(i % 2 == 0 ? 16 : 1400)];
                        for (int j = 0; j < b.length; j++) b[j] = (byte) random.nextInt(256);
                        if (i % 3 == 0 && b.length >= 6) {            // a JGroups version and a length field announcing 1 GB
                            b[0] = 0x14; b[1] = 0x0d; b[2] = 0x7f; b[3] = (byte) 0xff; b[4] = (byte) 0xff; b[5] = (byte) 0xff;
                        }
                        raw.send(new DatagramPacket(b, b.length, group, sut.settings.mcastPort()));
                    }
                    load.awaitCalls(load.calls.size() + 20, 10_000);
                }
                assertEquals(1, stranger.getView().size(), "the stranger found nobody: " + stranger.getView());
            }
            load.awaitCalls(load.calls.size() + 100, 60_000);
            List<Call> calls = load.finish(true);
            assertEquals(List.of(), Load.failures(calls), "every call answered");
            assertTrue(calls.size() > atStart + 200, "clients were served while the stranger sent: " + (calls.size() - atStart));
            ordered = Load.ordered(calls);
        }
        assertEquals(pids, pids(), "no process died or was replaced");
        Orders.assertSameOrderEverywhere(sut, Cluster.REPLICAS, before, ordered);
        for (String n : sut.cluster.names()) {
            if (n.equals(Cluster.NAMING)) continue;
            for (String line : Files.readAllLines(sut.cluster.logFile(n))) {
                assertTrue(!(line.contains(": view ") && line.contains("Rogue")), n + " had the stranger in a view: " + line);
            }
        }
    }

    @Test
    @Order(2)
    void aKeyHolderClaimingRolesItDoesNotHoldIsIgnored() throws Exception {
        Map<String, Long> pids = pids();
        long before = Orders.settled(sut);
        long ordered;
        try (Load load = new Load(sut, 2, 1200, 100_000); JChannel secondR1 = channel("R1", true); JChannel secondFrontEnd = channel("FrontEnd", true)) {
            secondR1.connect(sut.settings.cluster());
            secondFrontEnd.connect(sut.settings.cluster());
            // With the key they are members: the group's view holds two R1 and two FrontEnd now.
            Conditions.awaitTrue(java.time.Duration.ofSeconds(30), "RM3's view holds two R1 and two FrontEnd", () -> {
                String view = sut.cluster.admin("RM3", "status");
                return count(view, "\"R1\"") == 2 && count(view, "\"FrontEnd\"") == 2;
            });
            load.awaitCalls(50, 60_000);
            int atStart = load.calls.size();
            List<Address> members = secondR1.getView().getMembers();
            for (int round = 0; round < 5; round++) {
                for (Object forged : forgeries()) {
                    for (Address to : members) {
                        if (to.equals(secondR1.getAddress()) || to.equals(secondFrontEnd.getAddress())) continue;
                        secondR1.send(new BytesMessage(to, Codec.encode(forged)));
                        secondFrontEnd.send(new BytesMessage(to, Codec.encode(forged)));
                    }
                }
                load.awaitCalls(load.calls.size() + 20, 10_000);
            }
            load.awaitCalls(load.calls.size() + 100, 60_000);
            List<Call> calls = load.finish(true);
            assertEquals(List.of(), Load.failures(calls), "every call answered");
            assertTrue(calls.size() > atStart + 200, "clients were served meanwhile: " + (calls.size() - atStart));
            ordered = Load.ordered(calls);
        }
        assertEquals(pids, pids(), "no replica was replaced on forged evidence, no process died");
        Orders.assertSameOrderEverywhere(sut, Cluster.REPLICAS, before, ordered);
        String rm3 = Files.readString(sut.cluster.logFile("RM3"));
        assertTrue(rm3.contains("ignored Report from FrontEnd, who does not hold the role it speaks for"), "RM3 says what it ignored");
        assertTrue(rm3.contains("ignored Vote from R1"), "RM3 says what it ignored");
    }

    @Test
    @Order(3)
    void theAdminPortsWantTheTokenAndTheDateCannotJumpFarAhead() throws Exception {
        for (String n : sut.cluster.names()) {
            if (n.equals(Cluster.NAMING)) continue;
            String answer = dmtbs.group.node.AdminEndpoint.ask(sut.settings.runDir(), n, null, "fault hollow", 5_000);
            assertEquals("refused: wrong or missing admin token", answer, n);
        }
        assertTrue(sut.cluster.admin("R1", "status").contains("\"mode\":\"HONEST\""), "the command without the token did nothing");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        int code;
        try {
            System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            code = dmtbs.launcher.Dmtbs.run(new String[] {"date", "2099-12-31", "--run-dir", sut.settings.runDir().toString()});
        } finally {
            System.setOut(saved);
        }
        assertEquals(1, code, out.toString());
        assertEquals("refused: 2099-12-31 is more than 31 days after the business date", out.toString().strip());
        try (dmtbs.client.FrontEndConnection fe = sut.connect()) {
            String added = Call.perform(fe.service(), new Request.AddMovieSlots("ATWA0001", "ATWM271126", "Avatar", 10_000)).canonical();
            assertTrue(added.matches("OK (ADDED|UPDATED) ATWM271126 Avatar 10000"), "the business date did not move: " + added);
        }
    }

    @Test
    @Order(4)
    void aGiopHeaderAnnouncingAGigabyteIsRefusedWithoutAllocatingIt() throws Exception {
        Map<String, Long> pids = pids();
        long heapBefore = heapUsed(Cluster.FRONT_END);
        String ior = Files.readString(sut.settings.runDir().resolve("FrontEnd.ior")).strip();
        org.omg.CORBA.ORB orb = org.omg.CORBA.ORB.init(new String[0], dmtbs.frontend.FrontEndMain.orbProperties());
        int frontEndPort;
        try {
            var profile = (org.jacorb.orb.iiop.IIOPProfile) new org.jacorb.orb.ParsedIOR((org.jacorb.orb.ORB) orb, ior).getEffectiveProfile();
            frontEndPort = ((org.jacorb.orb.iiop.IIOPAddress) profile.getAddress()).getPort();
        } finally {
            orb.shutdown(false);
        }
        byte[] lie = {'G', 'I', 'O', 'P', 1, 2, 0, 0, 0x40, 0, 0, 0};        // a request of 1 GiB, big-endian
        for (int port : List.of(sut.settings.namingPort(), frontEndPort)) {
            for (int i = 0; i < 5; i++) {
                try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write(lie);
                    int read;
                    try {
                        read = s.getInputStream().read();
                    } catch (java.net.SocketException reset) {
                        read = -1;
                    }
                    assertEquals(-1, read, "port " + port + " closed the connection");
                }
            }
        }
        assertEquals(pids, pids(), "the naming service and the front end are alive");
        assertTrue(heapUsed(Cluster.FRONT_END) < heapBefore + (256L << 20), "the front end did not allocate the gigabytes it was promised");
        try (dmtbs.client.FrontEndConnection fe = sut.connect()) {
            assertEquals(Call.Outcome.OK, Call.perform(fe.service(), new Request.ListMovieShowsAvailability("ATWA0001", "Avatar")).outcome());
        }
    }

    private long heapUsed(String process) throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"heapUsedBytes\":(\\d+)").matcher(sut.cluster.admin(process, "status"));
        assertTrue(m.find());
        return Long.parseLong(m.group(1));
    }

    private static long count(String s, String part) {
        long n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) n++;
        return n;
    }
}
