package dmtbs.yardstick;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What the driving member measured, as one line the bench reads back. */
public record Result(long ops, long errors, double seconds, long p50Nanos, long p99Nanos, String through) {

    static Result of(List<Latencies> clients, double seconds, String through) {
        long[] all = new long[clients.stream().mapToInt(Latencies::size).sum()];
        long errors = 0;
        int at = 0;
        for (Latencies l : clients) {
            long[] s = l.sorted();
            System.arraycopy(s, 0, all, at, s.length);
            at += s.length;
            errors += l.errors();
        }
        Arrays.sort(all);
        return new Result(all.length, errors, seconds, percentile(all, 50), percentile(all, 99), through);
    }

    /** Nearest rank; 0 for no samples. */
    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) return 0;
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    public String line() {
        return String.format(Locale.ROOT, "ops=%d errors=%d seconds=%s p50=%d p99=%d through=%s", ops, errors, seconds, p50Nanos, p99Nanos,
                through.replace(' ', '_'));
    }

    public static Result parse(String line) {
        String[] f = line.trim().split(" ");
        if (f.length != 6) throw new IllegalArgumentException("not a yardstick result: '" + line + "'");
        return new Result(Long.parseLong(value(f[0], "ops")), Long.parseLong(value(f[1], "errors")), Double.parseDouble(value(f[2], "seconds")),
                Long.parseLong(value(f[3], "p50")), Long.parseLong(value(f[4], "p99")), value(f[5], "through").replace('_', ' '));
    }

    private static String value(String field, String key) {
        if (!field.startsWith(key + "=")) throw new IllegalArgumentException("expected " + key + "=…, got '" + field + "'");
        return field.substring(key.length() + 1);
    }

    public double opsPerSecond() { return ops / seconds; }
}
