package dmtbs.group.msg;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Output;
import dmtbs.booking.Request;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bytes from the network that lie: a length field announcing far more than the message holds, a
 * nesting bomb, random garbage. Each fails to decode with a {@link KryoException} (or another
 * runtime exception), at once and without allocating what the length field says: never an
 * OutOfMemoryError or a StackOverflowError, which would take the receiving thread or JVM down.
 */
class HostileBytesTest {

    /** Kryo writes a registered class as its ID + 2. */
    private static Output withClass(int registrationId) {
        Output out = new Output(16, -1);
        out.writeVarInt(registrationId + 2, true);
        return out;
    }

    private static KryoException refused(Output out) {
        byte[] bytes = out.toBytes();
        long heapBefore = usedHeap();
        KryoException e = assertThrows(KryoException.class, () -> Codec.decode(bytes, 0, bytes.length));
        assertTrue(usedHeap() - heapBefore < 64L << 20, "nothing large was allocated");
        return e;
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    @Test
    void aListAnnouncingTwoHundredMillionElements() {
        Output out = withClass(20);                       // ArrayList
        out.writeVarInt(200_000_000, true);
        assertTrue(refused(out).getMessage().contains("a length of 200000000 with 0 bytes left"));
    }

    @Test
    void aStringAnnouncingOneGigabyte() {
        Output out = withClass(60);                       // RequestId(String frontEnd, long n)
        out.writeVarInt(1 << 30, true);
        assertTrue(refused(out).getMessage().contains("a string of " + ((1 << 30) - 1) + " bytes with 0 bytes left"));
    }

    @Test
    void aBatchWhoseRequestAnnouncesOneGigabyte() {
        Output out = withClass(64);                       // OrderedBatch: epoch, count, then each request's length and bytes
        out.writeVarLong(1, false);
        out.writeVarInt(1, true);
        out.writeVarInt(1 << 30, true);
        refused(out);
    }

    @Test
    void aNestingBomb() {
        Output out = new Output(64, -1);
        for (int i = 0; i < 100_000; i++) {
            out.writeVarInt(20 + 2, true);               // a list …
            out.writeVarInt(1, true);                    // … of one element, which is a list …
        }
        refused(out);
    }

    @Test
    void anEnumNameThatIsNoConstant() {
        byte[] good = Codec.encode(new Report(Report.Kind.MISMATCH, "R1", "0000-0001", 3, "FrontEnd"));
        String text = new String(good, java.nio.charset.StandardCharsets.ISO_8859_1).replace("MISMATCH", "MISMATCX");
        byte[] bad = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThrows(KryoException.class, () -> Codec.decode(bad, 0, bad.length));
    }

    @Test
    void randomGarbageAndTruncatedMessagesNeverEscapeAsErrors() {
        RequestId id = new RequestId("FrontEnd-1", 1);
        org.jgroups.util.UUID member = org.jgroups.util.UUID.randomUUID();
        Request book = new Request.BookMovieTickets("ATWC0001", "ATWC0001", "ATWM261126", "Avatar", 2);
        List<byte[]> goods = List.of(
                Codec.encode(new ClientRequests(List.of(new ClientRequest(id, 1, member, book)))),
                Codec.encode(new OrderedBatch(3, List.of(new OrderedRequest(1, 20_000, id, 1, member, book)))),
                Codec.encode(new ResultBatch("R1", "nested-maps", List.of(new ReplicaResult(1, id, new dmtbs.booking.Result.Shows(
                        List.of(new dmtbs.booking.Result.ShowAvailability("ATWM261126", "Avatar", 3))))))),
                Codec.encode(List.of("a", "list", "of", "strings")));
        byte[] good = goods.get(0);
        SplittableRandom random = new SplittableRandom(42);
        int refused = 0;
        for (int i = 0; i < 40_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[1 + random.nextInt(64)];
                for (int j = 0; j < b.length; j++) b[j] = (byte) random.nextInt(256);
            } else {
                b = goods.get(random.nextInt(goods.size())).clone();
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);   // one byte flipped
                if (random.nextBoolean()) b = java.util.Arrays.copyOf(b, random.nextInt(b.length));
            }
            try {
                Codec.decode(b, 0, b.length);
            } catch (RuntimeException e) {
                refused++;                                  // what the group shell counts and drops
            }
        }
        assertTrue(refused > 20_000, "most garbage is refused: " + refused);
        assertEquals(Codec.decode(good, 0, good.length), Codec.decode(good, 0, good.length), "good bytes still decode");
    }
}
