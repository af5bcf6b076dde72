package dmtbs.frontend.giop;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a GIOP connection in front of JacORB and refuses a message whose header announces more than
 * a bound, before JacORB sees the header. JacORB allocates the announced size at once (no property
 * caps it; PITFALLS.md): 12 bytes announcing 1 GB took a server's heap to 1 GB. Here the header is
 * checked as its last byte arrives, and the read fails instead; JacORB then closes the connection.
 * Bytes that are no GIOP header at all fail the same way.
 *
 * <p>A GIOP message is a 12-byte header ("GIOP", version, flags with the byte order in bit 0, type,
 * body size) and the body; fragments are messages of their own. This stream follows those boundaries.
 */
public final class GiopSizeGuard extends FilterInputStream {

    static final int HEADER = 12;

    private final int maxBody;
    private final byte[] header = new byte[HEADER];
    private int headerRead;
    private long bodyLeft;

    public GiopSizeGuard(InputStream in, int maxBody) {
        super(in);
        this.maxBody = maxBody;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (bodyLeft > 0) {
            int n = in.read(b, off, (int) Math.min(len, bodyLeft));
            if (n > 0) bodyLeft -= n;
            return n;
        }
        // Within a header: hand out at most its remaining bytes, and check it before the last one goes.
        int n = in.read(b, off, Math.min(len, HEADER - headerRead));
        if (n <= 0) return n;
        System.arraycopy(b, off, header, headerRead, n);
        headerRead += n;
        if (headerRead == HEADER) {
            headerRead = 0;
            bodyLeft = bodySize();
        }
        return n;
    }

    private long bodySize() throws IOException {
        if (header[0] != 'G' || header[1] != 'I' || header[2] != 'O' || header[3] != 'P') {
            throw new IOException("not a GIOP message: refused");
        }
        boolean littleEndian = (header[6] & 1) != 0;
        long size = 0;
        for (int i = 0; i < 4; i++) {
            int byteAt = littleEndian ? header[11 - i] : header[8 + i];
            size = (size << 8) | (byteAt & 0xff);
        }
        if (size > maxBody) throw new IOException("a GIOP message of " + size + " bytes: refused (the bound is " + maxBody + ")");
        return size;
    }

    @Override
    public long skip(long n) throws IOException {
        return read(new byte[(int) Math.min(n, 8_192)], 0, (int) Math.min(n, 8_192));
    }

    @Override
    public boolean markSupported() { return false; }
}
