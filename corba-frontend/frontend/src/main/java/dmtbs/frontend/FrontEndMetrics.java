package dmtbs.frontend;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * What the front end's clients see, measured where they see it, with the Prometheus Java client:
 * calls by operation and outcome, and their latency as a histogram (classic buckets, seconds).
 * Served as the text format by the admin command {@code metrics}; the console's {@code /metrics}
 * passes it on beside what it reads from the processes' status answers.
 */
public final class FrontEndMetrics {

    /** Outcomes as a client sees them: a result, a refusal from the rules, or Unavailable (no agreed answer in time, overloaded). */
    public enum Outcome { OK, REFUSED, UNAVAILABLE }

    /** From a refused-at-once call (about 50 µs) to the deadline (seconds). */
    private static final double[] BUCKETS = {0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter calls;
    private final Histogram latency;

    /**
     * @param member     the front end's name, a label on every sample (the console serves several front ends' metrics as one)
     * @param overloaded calls turned away because the front end was full ({@link Admission})
     */
    public FrontEndMetrics(String member, LongSupplier overloaded) {
        Labels labels = Labels.of("member", member);
        calls = Counter.builder().name("dmtbs_frontend_requests_total").constLabels(labels)
                .help("Calls the front end answered, by operation and outcome").labelNames("operation", "outcome").register(registry);
        latency = Histogram.builder().name("dmtbs_frontend_request_duration_seconds").constLabels(labels)
                .help("Time from a call's arrival at the front end to its answer, by operation").labelNames("operation")
                .classicOnly().classicUpperBounds(BUCKETS).register(registry);
        CounterWithCallback.builder().name("dmtbs_frontend_overloaded_total").constLabels(labels)
                .help("Calls turned away at once because the front end had its bound of calls in flight")
                .callback(cb -> cb.call(overloaded.getAsLong())).register(registry);
    }

    public void observe(String operation, Outcome outcome, long nanos) {
        calls.labelValues(operation, outcome.name()).inc();
        latency.labelValues(operation).observe(nanos / 1e9);
    }

    /**
     * Every operation's latency together, for the console's charts: the buckets' upper bounds (s)
     * and their counts (each bucket's own, the last one above every bound), read from the histogram.
     */
    public void status(dmtbs.group.node.Json j) {
        long[] counts = new long[BUCKETS.length + 1];
        for (var point : latency.collect().getDataPoints()) {
            var buckets = point.getClassicBuckets();
            for (int i = 0; i < Math.min(buckets.size(), counts.length); i++) counts[i] += buckets.getCount(i);
        }
        j.put("latencyBoundsS", java.util.Arrays.stream(BUCKETS).boxed().toList())
                .put("latencyCounts", java.util.Arrays.stream(counts).boxed().toList());
    }

    /** The Prometheus text format. */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);              // a byte array does not fail
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
