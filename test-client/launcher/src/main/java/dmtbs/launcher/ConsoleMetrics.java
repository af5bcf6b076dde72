package dmtbs.launcher;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's {@code /metrics}: what the processes' status answers say, in the Prometheus text
 * format, through the Prometheus Java client (callback metrics: each scrape reads one fresh set of
 * status answers, so watching adds nothing to the group: no ordered message, no view change).
 * Names follow Prometheus conventions: {@code dmtbs_…}, counters end in {@code _total}, base units.
 */
final class ConsoleMetrics {

    private static final Pattern REPLACEMENT = Pattern.compile("^(R\\d) replaced \\((\\w+)\\)");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Supplier<List<Object>> status;
    /** The status answers of the scrape in progress (callbacks run inside {@link #scrape}, under its lock). */
    private List<Map<String, Object>> processes = List.of();

    /** A process's answer to an admin command (the front ends' {@code metrics}). */
    private final java.util.function.BiFunction<String, String, String> ask;

    /**
     * @param status the processes' status answers
     * @param ask    sends an admin command to a process by name: the front ends measure their calls
     *               themselves ({@code FrontEndMetrics}), and their expositions are merged into this one
     */
    ConsoleMetrics(Supplier<List<Object>> status, java.util.function.BiFunction<String, String, String> ask) {
        this.status = status;
        this.ask = ask;
        gauge("dmtbs_process_up", "1 if the process answers its admin port, else 0", "member", "kind", cb -> each(p ->
                cb.call("running".equals(p.get("state")) ? 1 : 0, name(p), String.valueOf(p.getOrDefault("kind", "unknown")))));
        gauge("dmtbs_sequencer", "1 for the member that orders (the sequencer), 0 for the others", "member", null, cb -> each(p -> {
            if (p.get("sequencer") instanceof Boolean b) cb.call(b ? 1 : 0, name(p));
        }));
        gauge("dmtbs_view_id", "The id of the group view the member is in", "member", null, cb -> number(cb::call, "view"));
        gauge("dmtbs_delivered_seq", "The highest sequence number the member delivered in order", "member", null, cb -> number(cb::call, "delivered"));
        gauge("dmtbs_replica_last_applied_seq", "The last sequence number the replica applied", "member", null, cb -> number(cb::call, "lastApplied"));
        gauge("dmtbs_replica_durable_seq", "The last sequence number on the replica's disk", "member", null, cb -> number(cb::call, "durableSeq"));
        gauge("dmtbs_heap_used_bytes", "Heap in use by the member's JVM", "member", null, cb -> number(cb::call, "heapUsedBytes"));
        gauge("dmtbs_frontend_pending_requests", "Calls the front end waits for two equal results on", "member", null, cb -> number(cb::call, "pending"));
        gauge("dmtbs_frontend_suspicion_threshold_seconds", "After this long without its result, a replica is reported late", "member", null,
                cb -> number(cb::call, "suspicionThresholdMs", 1e-3));
        gauge("dmtbs_frontend_replica_response_seconds", "Each replica's recent response time as the front end sees it (weighted to the newest)",
                "member", "replica", cb -> perReplica(cb::call, "replicaResponseMs", 1e-3));
        counter("dmtbs_replica_state_transfers", "State transfers the replica process installed", "member", null, cb -> number(cb::call, "stateTransfers"));
        counter("dmtbs_replica_state_transfer_seconds", "Time from asking for the others' state to installing it, summed", "member", null,
                cb -> number(cb::call, "stateTransferSeconds"));
        counter("dmtbs_decode_failures", "Messages the member could not decode (dropped)", "member", null, cb -> number(cb::call, "decodeFailures"));
        counter("dmtbs_frontend_conflicts", "Calls on which two pairs of replicas gave different results", "member", null, cb -> number(cb::call, "conflicts"));
        counter("dmtbs_frontend_mismatches", "Results that differed from the agreed one, by replica", "member", "replica",
                cb -> perReplica(cb::call, "mismatches", 1));
        counter("dmtbs_frontend_suspicions", "LATE reports: no result within the suspicion threshold, by replica", "member", "replica",
                cb -> perReplica(cb::call, "lateReports", 1));
        counter("dmtbs_manager_false_suspicions", "LATE reports about the manager's replica while it answered", "member", null,
                cb -> number(cb::call, "falseSuspicions"));
        counter("dmtbs_replacements", "Replica processes replaced, by replica and reason (as the managers' histories tell)", "replica", "reason",
                cb -> replacements().forEach((key, n) -> cb.call(n, key.split(" ")[0], key.split(" ")[1])));
    }

    /** The text a Prometheus server scrapes. */
    synchronized String scrape() throws IOException {
        processes = status.get().stream().filter(Map.class::isInstance).map(p -> {
            @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) p;
            return m;
        }).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        List<String> texts = new java.util.ArrayList<>(List.of(out.toString(java.nio.charset.StandardCharsets.UTF_8)));
        for (Map<String, Object> p : processes) {
            if (!"frontend".equals(p.get("kind")) || !"running".equals(p.get("state"))) continue;
            try {
                texts.add(ask.apply(name(p), "metrics"));
            } catch (RuntimeException e) {
                // It stopped answering since its status: this scrape has no call metrics from it.
            }
        }
        return MetricsText.merge(texts);
    }

    static String contentType() { return PrometheusTextFormatWriter.create().getContentType(); }

    // ------------------------------------------------------------ reading the status answers

    private interface Row { void of(Map<String, Object> process); }

    private void each(Row row) { processes.forEach(row::of); }

    private static String name(Map<String, Object> p) { return String.valueOf(p.get("name")); }

    /** What both callback kinds take: a value and its label values. */
    private interface Sink { void call(double value, String... labels); }

    private void number(Sink cb, String field) { number(cb, field, 1); }

    private void number(Sink cb, String field, double scale) {
        each(p -> {
            if (p.get(field) instanceof Number n) cb.call(n.doubleValue() * scale, name(p));
        });
    }

    private void perReplica(Sink cb, String field, double scale) {
        each(p -> {
            if (p.get(field) instanceof List<?> l) {
                for (int i = 0; i < l.size(); i++) if (l.get(i) instanceof Number n) cb.call(n.doubleValue() * scale, name(p), "R" + (i + 1));
            }
        });
    }

    /**
     * Each manager tells every replacement it saw (its own and the others' notices), so the count per
     * replica and reason is the most any one manager saw.
     */
    private Map<String, Long> replacements() {
        Map<String, Long> most = new TreeMap<>();
        each(p -> {
            if (!(p.get("replacements") instanceof List<?> history)) return;
            Map<String, Long> seen = new TreeMap<>();
            for (Object entry : history) {
                Matcher m = REPLACEMENT.matcher(String.valueOf(entry));
                if (m.find()) seen.merge(m.group(1) + " " + m.group(2), 1L, Long::sum);
            }
            seen.forEach((k, n) -> most.merge(k, n, Math::max));
        });
        return most;
    }

    // ------------------------------------------------------------ registration

    private void gauge(String name, String help, String label, String secondLabel, java.util.function.Consumer<GaugeWithCallback.Callback> cb) {
        var b = GaugeWithCallback.builder().name(name).help(help).callback(cb);
        (secondLabel == null ? b.labelNames(label) : b.labelNames(label, secondLabel)).register(registry);
    }

    private void counter(String name, String help, String label, String secondLabel, java.util.function.Consumer<CounterWithCallback.Callback> cb) {
        var b = CounterWithCallback.builder().name(name).help(help).callback(cb);
        (secondLabel == null ? b.labelNames(label) : b.labelNames(label, secondLabel)).register(registry);
    }
}
