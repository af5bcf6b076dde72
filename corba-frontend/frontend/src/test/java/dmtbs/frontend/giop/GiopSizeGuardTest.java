package dmtbs.frontend.giop;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A GIOP header announcing more than the bound fails the read before its last byte is handed on. */
class GiopSizeGuardTest {

    private static byte[] header(long size, boolean littleEndian) {
        byte[] h = {'G', 'I', 'O', 'P', 1, 2, (byte) (littleEndian ? 1 : 0), 0, 0, 0, 0, 0};
        for (int i = 0; i < 4; i++) {
            byte b = (byte) (size >>> (8 * (3 - i)));
            h[littleEndian ? 11 - i : 8 + i] = b;
        }
        return h;
    }

    private static byte[] message(int size, boolean littleEndian) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(size, littleEndian));
        for (int i = 0; i < size; i++) out.write(i);
        return out.toByteArray();
    }

    private static byte[] readAll(InputStream in, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[chunk];
        int n;
        while ((n = in.read(buf, 0, chunk)) > 0) out.write(buf, 0, n);
        return out.toByteArray();
    }

    @Test
    void messagesWithinTheBoundPassUnchangedWhateverTheReadSizes() throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(message(100, false));
        stream.writeBytes(message(1_000, true));
        stream.writeBytes(message(0, false));
        byte[] all = stream.toByteArray();
        for (int chunk : new int[] {1, 5, 12, 13, 4_096}) {
            assertArrayEquals(all, readAll(new GiopSizeGuard(new ByteArrayInputStream(all), 1_000), chunk), "read " + chunk + " at a time");
        }
    }

    @Test
    void aHeaderAnnouncingAGigabyteIsRefusedBeforeItsLastByte() {
        for (boolean le : new boolean[] {false, true}) {
            byte[] bytes = header(1L << 30, le);
            GiopSizeGuard guard = new GiopSizeGuard(new ByteArrayInputStream(bytes), 4 << 20);
            byte[] buf = new byte[12];
            IOException e = assertThrows(IOException.class, () -> {
                int got = 0;
                while (got < 12) got += guard.read(buf, got, 12 - got);
            });
            assertTrue(e.getMessage().contains("a GIOP message of 1073741824 bytes: refused"), e.getMessage());
        }
    }

    @Test
    void theSecondMessageIsCheckedToo() throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(message(10, false));
        stream.writeBytes(header(5_000, false));
        GiopSizeGuard guard = new GiopSizeGuard(new ByteArrayInputStream(stream.toByteArray()), 1_000);
        byte[] first = new byte[22];
        assertEquals(12, guard.read(first, 0, 22), "a read stops at the header's end");
        assertEquals(10, guard.read(first, 12, 10));
        IOException e = assertThrows(IOException.class, () -> readAll(guard, 64));
        assertTrue(e.getMessage().contains("5000 bytes: refused"), e.getMessage());
    }

    @Test
    void bytesThatAreNoGiopAtAll() {
        GiopSizeGuard guard = new GiopSizeGuard(new ByteArrayInputStream("GET / HTTP/1.1\r\n\r\n".getBytes()), 1_000);
        assertThrows(IOException.class, () -> readAll(guard, 64));
    }
}
