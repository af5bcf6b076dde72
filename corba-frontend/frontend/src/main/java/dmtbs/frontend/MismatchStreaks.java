package dmtbs.frontend;

/**
 * Consecutive incorrect results per replica, in sequence order. The front end reports every
 * incorrect result, and the first correct one after a run of incorrect ones (which breaks the run),
 * so replica managers can count "wrong three times in a row" without a report for every correct
 * answer. Requests are judged when their last result comes in or their stragglers are late, which
 * is not always in sequence order; the managers count in sequence order and ignore a verdict older
 * than one they counted, so the streaks do too. A correct result judged late on an older request
 * once reset the streak here but not there, and the correct answer after it went unreported.
 */
public final class MismatchStreaks {

    private final int[] streaks;
    /** The sequence number of the latest verdict counted, per replica. */
    private final long[] counted;

    public MismatchStreaks(int replicas) {
        this.streaks = new int[replicas];
        this.counted = new long[replicas];
    }

    /** Returns the length of the run of incorrect results, this one included (unchanged for a verdict older than the latest). */
    public synchronized int wrong(int replica, long seq) {
        if (seq < counted[replica]) return streaks[replica];
        counted[replica] = seq;
        return ++streaks[replica];
    }

    /** Returns true if this correct result broke a run of incorrect ones (never for a verdict older than the latest). */
    public synchronized boolean correct(int replica, long seq) {
        if (seq < counted[replica]) return false;
        counted[replica] = seq;
        boolean broke = streaks[replica] > 0;
        streaks[replica] = 0;
        return broke;
    }

    public synchronized int streak(int replica) { return streaks[replica]; }
}
