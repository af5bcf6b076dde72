package dmtbs.replica.durable;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * How one record lies in a log segment: its payload's length (4 bytes), the CRC32C of the payload
 * (4 bytes), the payload. A segment is records back to back; reading stops at the first record that
 * is cut short (a write the machine did not finish) or fails its checksum (a damaged disk block),
 * and everything from there on is invalid. Pure: bytes in, records out.
 */
public final class RecordFrame {

    static final int HEADER = 8;
    /** Larger than any ordered request; a length field above it is damage, not a record. */
    static final int MAX_PAYLOAD = 1 << 20;

    private RecordFrame() {}

    /** The record for {@code payload}, header included. */
    public static byte[] frame(byte[] payload) {
        if (payload.length > MAX_PAYLOAD) throw new IllegalArgumentException("a record of " + payload.length + " bytes");
        ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length);
        b.putInt(payload.length).putInt(crc(payload, 0, payload.length)).put(payload);
        return b.array();
    }

    /**
     * The valid records at the start of {@code bytes}. {@code validLength} is where they end;
     * {@code problem} says why reading stopped before the end of the bytes, or is null.
     */
    public record Scan(List<byte[]> payloads, int validLength, String problem) {}

    public static Scan scan(byte[] bytes) {
        List<byte[]> payloads = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            int at = b.position();
            if (b.remaining() < HEADER) return new Scan(payloads, at, "a record header cut short at byte " + at);
            int length = b.getInt();
            int crc = b.getInt();
            if (length < 0 || length > MAX_PAYLOAD) return new Scan(payloads, at, "an impossible record length " + length + " at byte " + at);
            if (b.remaining() < length) return new Scan(payloads, at, "a record cut short at byte " + at);
            byte[] payload = new byte[length];
            b.get(payload);
            if (crc(payload, 0, length) != crc) return new Scan(payloads, at, "a record failing its checksum at byte " + at);
            payloads.add(payload);
        }
        return new Scan(payloads, bytes.length, null);
    }

    static int crc(byte[] bytes, int from, int length) {
        CRC32C c = new CRC32C();
        c.update(bytes, from, length);
        return (int) c.getValue();
    }
}
