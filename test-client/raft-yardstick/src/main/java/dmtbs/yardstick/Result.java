package dmtbs.yardstick;

import dmtbs.client.Latencies;

import java.util.List;
import java.util.Locale;

/** What the driving member measured, as one line the bench reads back. */
public record Result(long ops, long errors, double seconds, long p50Nanos, long p99Nanos, String through) {

    static Result of(List<Latencies> clients, long errors, double seconds, String through) {
        Latencies.Percentiles p = Latencies.over(clients);
        return new Result(p.count(), errors, seconds, p.p50Nanos(), p.p99Nanos(), through);
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
