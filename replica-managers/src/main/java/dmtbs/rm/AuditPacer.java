package dmtbs.rm;

/**
 * When to order the next digest checkpoint. A checkpoint makes every replica hash its whole state
 * on its delivery thread, all at the same sequence number, so the group pauses for as long as the
 * second-fastest replica hashes. That cost grows with the state: 100-500 ms per checkpoint at
 * 250,000 requests into a benchmark, which at one checkpoint every 5 s was 9-22 % of each
 * replica's CPU and a group-wide stall each time. So checkpoints are spaced by the period or by
 * {@link #COST_FACTOR} times the slowest digest, whichever is longer: audits take at most
 * 1/COST_FACTOR of a replica's time however large the state grows, and a small state is still
 * audited every period. "The slowest digest" is the lesser of the latest two checkpoints' slowest:
 * a freshly started JVM hashes even an empty state slowly (300 ms seen), and that one cold
 * checkpoint must not stretch the next interval to 15 s; a state that really grows costs more at
 * both.
 *
 * <p>Every manager keeps one, fed by the checkpoint reports all managers receive, so the manager
 * that takes over ordering checkpoints keeps the pace. Pure: times in milliseconds, digest
 * durations in microseconds.
 */
final class AuditPacer {

    static final int COST_FACTOR = 50;
    private final long periodMillis;
    private long lastMillis;
    private long lastSeq = -1;
    private long slowestDigestMicros;
    private long previousSlowestMicros;

    AuditPacer(long periodMillis, long startMillis) {
        if (periodMillis <= 0) throw new IllegalArgumentException("audit period must be positive: " + periodMillis);
        this.periodMillis = periodMillis;
        this.lastMillis = startMillis;
    }

    /** The spacing now in force between two checkpoints. */
    synchronized long spacingMillis() {
        return Math.max(periodMillis, COST_FACTOR * Math.min(slowestDigestMicros, previousSlowestMicros) / 1_000);
    }

    synchronized boolean due(long nowMillis) {
        return nowMillis - lastMillis >= spacingMillis();
    }

    /** This manager ordered a checkpoint. */
    synchronized void ordered(long nowMillis) {
        lastMillis = Math.max(lastMillis, nowMillis);
    }

    /** A replica reported its digest at checkpoint {@code seq} and how long computing it took. */
    synchronized void reported(long seq, long digestMicros, long nowMillis) {
        if (seq > lastSeq) {
            // A newer checkpoint: it and the one before set the pace (the state may also have shrunk).
            lastSeq = seq;
            previousSlowestMicros = slowestDigestMicros;
            slowestDigestMicros = digestMicros;
            lastMillis = Math.max(lastMillis, nowMillis);
        } else if (seq == lastSeq) {
            slowestDigestMicros = Math.max(slowestDigestMicros, digestMicros);
        }
    }
}
