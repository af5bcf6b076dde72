package dmtbs.yardstick;

import java.util.Arrays;

/** One client's call latencies in the measuring window (single writer, read after it stops). */
final class Latencies {
    private long[] nanos = new long[1 << 14];
    private int size;
    private long errors;

    void record(long latencyNanos, boolean ok) {
        if (!ok) {
            errors++;
            return;
        }
        if (size == nanos.length) nanos = Arrays.copyOf(nanos, size * 2);
        nanos[size++] = latencyNanos;
    }

    int size() { return size; }

    long errors() { return errors; }

    long[] sorted() {
        long[] copy = Arrays.copyOf(nanos, size);
        Arrays.sort(copy);
        return copy;
    }
}
