package dmtbs.client;

import java.util.Arrays;
import java.util.List;

/**
 * One closed-loop client's call latencies (written by that client's thread alone, read after it
 * stops), and the percentiles over several clients: what the bench prints for the front end and for
 * the yardstick alike, so the figures side by side mean the same.
 */
public final class Latencies {

    /** Calls recorded over all clients, with their median and 99th percentile (0 without calls). */
    public record Percentiles(long count, long p50Nanos, long p99Nanos) {}

    // Grown as needed: memory follows the calls made, not the number of clients.
    private long[] nanos = new long[1 << 14];
    private int size;

    public void record(long latencyNanos) {
        if (size == nanos.length) nanos = Arrays.copyOf(nanos, size * 2);
        nanos[size++] = latencyNanos;
    }

    public static Percentiles over(List<Latencies> clients) {
        long[] all = new long[clients.stream().mapToInt(l -> l.size).sum()];
        int at = 0;
        for (Latencies l : clients) {
            System.arraycopy(l.nanos, 0, all, at, l.size);
            at += l.size;
        }
        Arrays.sort(all);
        long p50 = all.length == 0 ? 0 : all[all.length / 2];
        long p99 = all.length == 0 ? 0 : all[Math.min(all.length - 1, (int) (all.length * 0.99))];
        return new Percentiles(all.length, p50, p99);
    }
}
