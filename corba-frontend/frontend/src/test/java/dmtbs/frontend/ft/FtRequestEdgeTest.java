package dmtbs.frontend.ft;

import dmtbs.booking.Request;
import dmtbs.booking.Result;
import dmtbs.client.Call;
import dmtbs.client.FtRequestClientInitializer;
import dmtbs.client.RequestIdentity;
import dmtbs.client.RetryingCaller;
import dmtbs.corba.DMTBS.BookingService;
import dmtbs.corba.DMTBS.BookingServiceHelper;
import dmtbs.corba.FT.FTRequestServiceContext;
import dmtbs.corba.OrbInitializers;
import dmtbs.frontend.Admission;
import dmtbs.frontend.Backend;
import dmtbs.frontend.BookingServant;
import dmtbs.group.msg.ClientKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.omg.CORBA.LocalObject;
import org.omg.CORBA.ORB;
import org.omg.IOP.FT_REQUEST;
import org.omg.IOP.ServiceContext;
import org.omg.PortableInterceptor.ClientRequestInfo;
import org.omg.PortableInterceptor.ClientRequestInterceptor;
import org.omg.PortableInterceptor.ORBInitInfo;
import org.omg.PortableInterceptor.ORBInitializer;
import org.omg.PortableServer.POA;
import org.omg.PortableServer.POAHelper;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The FT_REQUEST identity across real JacORB ORBs (one JVM, over loopback TCP): the client's
 * interceptor sends it, the front end's reads it, and the servant hands the backend a ClientKey.
 */
class FtRequestEdgeTest {

    private static final Request BOOK = new Request.BookMovieTickets("ATWC0001", "ATWC0001", "ATWM261126", "Avatar", 1);
    /** What the backend was given, one entry per call that reached it (null: no identity). */
    private static final List<ClientKey> received = new CopyOnWriteArrayList<>();

    private static ORB server;
    private static ORB client;
    private static BookingService frontEnd;

    @BeforeAll
    static void startOrbs() throws Exception {
        Properties sp = jacorb();
        sp.setProperty("OAIAddr", "127.0.0.1");
        FtRequestServerInitializer.enable(sp);
        server = ORB.init(new String[0], sp);
        Backend recording = (request, key) -> {
            received.add(key);
            return CompletableFuture.completedFuture(new Result.Done("BOOKED"));
        };
        POA root = POAHelper.narrow(server.resolve_initial_references("RootPOA"));
        org.omg.CORBA.Object ref = root.servant_to_reference(
                new BookingServant(recording, 5_000, new Admission(8), CallerIdentity.of(server), new dmtbs.frontend.FrontEndMetrics("FrontEnd", () -> 0)));
        root.the_POAManager().activate();

        Properties cp = jacorb();
        FtRequestClientInitializer.enable(cp);
        OrbInitializers.enable(cp, RawContext.class);
        client = ORB.init(new String[0], cp);
        frontEnd = BookingServiceHelper.narrow(client.string_to_object(server.object_to_string(ref)));
    }

    @AfterAll
    static void stopOrbs() {
        if (client != null) client.shutdown(true);
        if (server != null) server.shutdown(true);
    }

    @BeforeEach
    void forget() { received.clear(); }

    @Test
    void anIdentitySetOnTheThreadArrivesAsItsClientKey() {
        Call call = new RequestIdentity("branch-7.1", 42, Instant.now().plusSeconds(30)).during(() -> Call.perform(frontEnd, BOOK));
        assertEquals("OK BOOKED", call.text());
        assertEquals(List.of(new ClientKey("branch-7.1", 42)), received);
    }

    @Test
    void theRetryingCallerSendsItsClientIdWithIncreasingRetentionIds() {
        RetryingCaller caller = new RetryingCaller(Duration.ofSeconds(5));
        assertEquals("OK BOOKED", caller.call(frontEnd, BOOK).text());
        assertEquals("OK BOOKED", caller.call(frontEnd, BOOK).text());
        assertEquals(2, received.size());
        ClientKey first = received.get(0), second = received.get(1);
        assertEquals(caller.clientId(), first.client());
        assertEquals(caller.clientId(), second.client());
        assertTrue(second.retention() > first.retention(), first + " then " + second);
        assertEquals(0, caller.retries());
    }

    /** The second call may run on the pooled thread that served the first: the slot must not carry over. */
    @Test
    void aCallWithoutIdentityArrivesWithNone() {
        new RequestIdentity("branch-7.1", 1, Instant.now().plusSeconds(30)).during(() -> Call.perform(frontEnd, BOOK));
        assertEquals("OK BOOKED", Call.perform(frontEnd, BOOK).text());
        assertEquals(2, received.size());
        assertNull(received.get(1));
    }

    /** The standard's wire form written by hand, as another ORB (a C++ client) would send it. */
    @Test
    void aBigEndianEncapsulationWrittenByHandIsRead() {
        byte[] data = {
                0, 0, 0, 0,                      // big-endian, padding to the string's length
                0, 0, 0, 4, 'a', 'b', 'c', 0,    // client_id "abc"
                0, 0, 0, 7,                      // retention_id 7
                0, 0, 0, 0, 0, 0, 0, 9};         // expiration_time, at offset 16 (8-aligned)
        assertEquals("OK BOOKED", RawContext.sending(data, () -> Call.perform(frontEnd, BOOK)).text());
        assertEquals(List.of(new ClientKey("abc", 7)), received);
    }

    static Stream<Arguments> badIdentities() {
        return Stream.of(
                Arguments.of("x".repeat(200), 1, "client_id of 200 characters (at most 64)"),
                Arguments.of("", 1, "empty client_id"),
                Arguments.of("tab\there", 1, "client_id with characters other than printable ASCII"),
                Arguments.of("branch-7.1", -5, "negative retention_id -5"));
    }

    @ParameterizedTest
    @MethodSource("badIdentities")
    void aBadIdentityIsRefusedWithItsReasonAndTheNextCallIsServed(String clientId, int retention, String reason) {
        Call refused = new RequestIdentity(clientId, retention, Instant.now().plusSeconds(30)).during(() -> Call.perform(frontEnd, BOOK));
        assertRefusedBecause(reason, refused);
    }

    static Stream<Arguments> garbledContexts() {
        return Stream.of(
                Arguments.of((Object) new byte[0]),
                Arguments.of((Object) new byte[] {0, 0, 0}),
                // little-endian encapsulation whose client_id claims 2 GB
                Arguments.of((Object) new byte[] {1, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 'a', 0}));
    }

    @ParameterizedTest
    @MethodSource("garbledContexts")
    void undecodableBytesAreRefusedAndTheNextCallIsServed(byte[] data) {
        assertRefusedBecause("not a CDR encapsulation of FT::FTRequestServiceContext", RawContext.sending(data, () -> Call.perform(frontEnd, BOOK)));
    }

    @Test
    void theLimitsAreClientKeys() {
        assertNull(FtRequestServerInterceptor.reasonToRefuse(new FTRequestServiceContext("a".repeat(ClientKey.MAX_CLIENT_LENGTH), 0, 0)));
        assertNull(FtRequestServerInterceptor.reasonToRefuse(new FTRequestServiceContext("!~", Integer.MAX_VALUE, 0)));
        assertEquals("client_id with characters other than printable ASCII (spaces included)",
                FtRequestServerInterceptor.reasonToRefuse(new FTRequestServiceContext("caf\u00e9", 0, 0)));
    }

    private static void assertRefusedBecause(String reason, Call refused) {
        assertEquals(Call.Outcome.ERROR, refused.outcome(), refused.text());
        assertEquals("BAD_PARAM", refused.systemException(), refused.text());
        assertTrue(refused.text().contains("malformed FT_REQUEST service context: " + reason), refused.text());
        assertEquals(List.of(), received, "a refused call never reaches the backend");
        assertEquals("OK BOOKED", Call.perform(frontEnd, BOOK).text(), "the front end serves the next call");
    }

    /** A client initializer of the test's own: sends the bytes it is given as the FT_REQUEST context. */
    public static final class RawContext extends LocalObject implements ORBInitializer {

        private static final ThreadLocal<byte[]> DATA = new ThreadLocal<>();

        static <T> T sending(byte[] data, Supplier<T> call) {
            DATA.set(data);
            try {
                return call.get();
            } finally {
                DATA.remove();
            }
        }

        @Override
        public void pre_init(ORBInitInfo info) {
            try {
                info.add_client_request_interceptor(new Interceptor());
            } catch (org.omg.PortableInterceptor.ORBInitInfoPackage.DuplicateName e) {
                throw new IllegalStateException(e);
            }
        }

        @Override public void post_init(ORBInitInfo info) {}

        private static final class Interceptor extends LocalObject implements ClientRequestInterceptor {
            @Override
            public void send_request(ClientRequestInfo ri) {
                byte[] data = DATA.get();
                if (data != null) ri.add_request_service_context(new ServiceContext(FT_REQUEST.value, Arrays.copyOf(data, data.length)), false);
            }

            @Override public String name() { return "test.raw-FT_REQUEST"; }
            @Override public void destroy() {}
            @Override public void send_poll(ClientRequestInfo ri) {}
            @Override public void receive_reply(ClientRequestInfo ri) {}
            @Override public void receive_exception(ClientRequestInfo ri) {}
            @Override public void receive_other(ClientRequestInfo ri) {}
        }
    }

    private static Properties jacorb() {
        Properties p = new Properties();
        p.setProperty("org.omg.CORBA.ORBClass", "org.jacorb.orb.ORB");
        p.setProperty("org.omg.CORBA.ORBSingletonClass", "org.jacorb.orb.ORBSingleton");
        p.setProperty("jacorb.connection.client.pending_reply_timeout", "10000");
        return p;
    }
}
