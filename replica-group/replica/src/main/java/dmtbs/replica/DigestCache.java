package dmtbs.replica;

/**
 * The replica's latest state digest, so that status polls (the admin console asks every 2 s) do not
 * hash a large state over and over on the delivery thread: at 250,000 requests into a benchmark one
 * digest took 100-500 ms, during which the replica applies nothing. A poll reuses the latest digest
 * when the state has not changed since, or when that digest was costly (at least
 * {@link #COSTLY_NANOS}) and recent (within {@link #COST_FACTOR} times its cost); the answer then
 * names the sequence number the digest belongs to. A small state is always hashed afresh. The cost
 * is the lesser of the latest two digests': a freshly started JVM hashes even an empty state slowly.
 * Pure: fed state versions, sequence numbers and times.
 */
final class DigestCache {

    static final long COSTLY_NANOS = 20_000_000;
    static final int COST_FACTOR = 50;

    /** A digest, the last sequence number applied to the state it hashes, and how long it took. */
    record Digest(String digest, long seq, long costNanos) {}

    private Digest latest;
    private long version = -1;
    private long costNanos;
    private long previousCostNanos;
    private long atNanos;

    /** The latest digest if it may stand for the state at {@code stateVersion} now, else null. */
    synchronized Digest reusable(long stateVersion, long nowNanos) {
        if (latest == null) return null;
        if (version == stateVersion) return latest;
        long cost = Math.min(costNanos, previousCostNanos);
        return cost >= COSTLY_NANOS && nowNanos - atNanos < COST_FACTOR * cost ? latest : null;
    }

    /**
     * The state changed outside the order (a state installed, a fault injected): the latest digest
     * no longer belongs to the sequence number it names, so it must not stand in for anything.
     */
    synchronized void forget() { latest = null; }

    synchronized void store(long stateVersion, Digest digest, long nowNanos) {
        this.latest = digest;
        this.version = stateVersion;
        this.previousCostNanos = this.costNanos;
        this.costNanos = digest.costNanos();
        this.atNanos = nowNanos;
    }
}
