package dmtbs.frontend;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Consecutive incorrect results per replica. The front end reports every incorrect result, and the
 * first correct one after a run of incorrect ones (which breaks the run), so replica managers can
 * count "wrong three times in a row" without a report for every correct answer.
 */
public final class MismatchStreaks {

    private final AtomicIntegerArray streaks;

    public MismatchStreaks(int replicas) { this.streaks = new AtomicIntegerArray(replicas); }

    /** Returns the length of the run of incorrect results, this one included. */
    public int wrong(int replica) { return streaks.incrementAndGet(replica); }

    /** Returns true if this correct result broke a run of incorrect ones. */
    public boolean correct(int replica) { return streaks.getAndSet(replica, 0) > 0; }

    public int streak(int replica) { return streaks.get(replica); }
}
