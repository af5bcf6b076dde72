package dmtbs.frontend;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The slowest of the most recent result times, for crash suspicion: a replica later than twice the
 * slowest recent result (never less than a floor) is suspected. A window, not an all-time maximum:
 * one slow moment (a GC pause, a replica catching up) must not raise the bar for ever.
 * Lock-free: many threads record.
 */
public final class ResponseTimes {

    private final AtomicLongArray window;
    private final AtomicInteger next = new AtomicInteger();
    private final long floorNanos;

    public ResponseTimes(int size, long floorNanos) {
        this.window = new AtomicLongArray(size);
        this.floorNanos = floorNanos;
    }

    public void record(long nanos) {
        window.set(Math.floorMod(next.getAndIncrement(), window.length()), nanos);
    }

    public long slowest() {
        long max = 0;
        for (int i = 0; i < window.length(); i++) max = Math.max(max, window.get(i));
        return max;
    }

    /** How long a replica may take before it is suspected: max(floor, 2 x slowest recent). */
    public long suspicionThreshold() { return Math.max(floorNanos, 2 * slowest()); }
}
