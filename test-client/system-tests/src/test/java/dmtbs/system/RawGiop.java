package dmtbs.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * GIOP 1.2 written by hand, for what no ORB sends: strings that are not UTF-8 although the request
 * says they are, messages cut short, headers announcing more than the server takes, and bytes that
 * are no GIOP at all. Big-endian; alignment counts from the start of the message, header included.
 */
final class RawGiop {

    static final int REPLY = 1;
    static final int CLOSE_CONNECTION = 5;
    static final int MESSAGE_ERROR = 6;
    /** The connection ended (closed or reset) without an answer. */
    static final int ENDED = -1;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private RawGiop() {}

    /**
     * A request for {@code operation} on the object with {@code objectKey}, whose arguments are CDR
     * strings given as raw bytes, under a code set context that declares them UTF-8.
     */
    static byte[] request(int requestId, byte[] objectKey, String operation, byte[]... stringArguments) {
        RawGiop m = new RawGiop();
        m.octets('G', 'I', 'O', 'P', 1, 2, 0, 0, 0, 0, 0, 0);    // version 1.2, big-endian, Request; size below
        m.ulong(requestId);
        m.octets(3, 0, 0, 0);                                    // response expected; reserved
        m.align(2);
        m.octets(0, 0);                                          // TargetAddress: KeyAddr
        m.sequence(objectKey);
        m.string(operation.getBytes(StandardCharsets.US_ASCII));
        m.ulong(1);                                              // one service context: CodeSets
        m.ulong(1);
        m.sequence(new byte[] {0, 0, 0, 0, 0x05, 0x01, 0x00, 0x01, 0x00, 0x01, 0x01, 0x09}); // UTF-8, UTF-16
        m.align(8);                                              // the body starts 8-aligned in GIOP 1.2
        for (byte[] s : stringArguments) m.string(s);
        byte[] b = m.out.toByteArray();
        int size = b.length - 12;
        b[8] = (byte) (size >>> 24);
        b[9] = (byte) (size >>> 16);
        b[10] = (byte) (size >>> 8);
        b[11] = (byte) size;
        return b;
    }

    /** A header for a Request of {@code size} bytes, and nothing else. */
    static byte[] header(int size) {
        return new byte[] {'G', 'I', 'O', 'P', 1, 2, 0, 0, (byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size};
    }

    /**
     * Sends {@code message} on a new connection and reads the first message back: its GIOP type
     * ({@link #REPLY}, {@link #MESSAGE_ERROR}, …) or {@link #ENDED}. With {@code hangUp}, the sending
     * side is shut after the message, as a client that gives up half-way does. Fails on a server that
     * neither answers nor hangs up within the timeout.
     */
    static int exchange(InetSocketAddress to, byte[] message, boolean hangUp, int timeoutMillis) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(to, timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            s.getOutputStream().write(message);
            s.getOutputStream().flush();
            if (hangUp) s.shutdownOutput();
            InputStream in = s.getInputStream();
            byte[] header = new byte[12];
            try {
                if (in.readNBytes(header, 0, 12) < 12) return ENDED;
            } catch (SocketTimeoutException e) {
                throw new AssertionError(to + " neither answered nor hung up within " + timeoutMillis + " ms");
            } catch (SocketException reset) {
                return ENDED;
            }
            if (header[0] != 'G' || header[1] != 'I' || header[2] != 'O' || header[3] != 'P') {
                throw new AssertionError(to + " answered with something that is not GIOP");
            }
            return header[7];
        }
    }

    private void octets(int... bytes) { for (int b : bytes) out.write(b); }

    private void align(int n) { while (out.size() % n != 0) out.write(0); }

    private void ulong(int v) {
        align(4);
        octets(v >>> 24 & 0xff, v >>> 16 & 0xff, v >>> 8 & 0xff, v & 0xff);
    }

    private void sequence(byte[] b) {
        ulong(b.length);
        out.writeBytes(b);
    }

    /** A CDR string: its length with the terminating NUL, its bytes, the NUL. */
    private void string(byte[] b) {
        ulong(b.length + 1);
        out.writeBytes(b);
        out.write(0);
    }
}
