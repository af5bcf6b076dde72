package dmtbs.launcher;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How soon a supervised process is started again after it exits: at once (a crash costs the time to
 * start, not a wait), unless it keeps dying, when a process that crashes on start would otherwise
 * take a core restarting: after {@link #LOOP} exits within {@link #WINDOW_MILLIS}, wait
 * {@link #PAUSE_MILLIS}. Pure: times in, a delay out.
 */
public final class RestartBackoff {

    static final long FIRST_MILLIS = 200;
    static final int LOOP = 5;
    static final long WINDOW_MILLIS = 60_000;
    static final long PAUSE_MILLIS = 10_000;

    private final Deque<Long> exits = new ArrayDeque<>();

    /** The process exited at {@code nowMillis}: how long to wait before starting it again. */
    public long afterExit(long nowMillis) {
        exits.addLast(nowMillis);
        while (!exits.isEmpty() && nowMillis - exits.peekFirst() > WINDOW_MILLIS) exits.removeFirst();
        return exits.size() >= LOOP ? PAUSE_MILLIS : FIRST_MILLIS;
    }
}
