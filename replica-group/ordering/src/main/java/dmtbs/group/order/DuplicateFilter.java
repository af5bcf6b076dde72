package dmtbs.group.order;

import dmtbs.group.msg.RequestId;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Remembers which client requests were ordered, so a request re-sent by its front end (after a
 * timeout or a sequencer change) is never ordered twice. Per front end it keeps the counters ordered
 * at or above the front end's low-water mark; the front end never re-sends below it, so memory stays
 * bounded by the requests in flight. Every member feeds it from the delivered order, so whichever
 * member becomes sequencer already knows what was ordered.
 */
public final class DuplicateFilter {

    private static final class Window {
        long lowWater;
        final TreeSet<Long> ordered = new TreeSet<>();
    }

    private final Map<String, Window> windows = new HashMap<>();

    /** True if this request was already ordered (or is below its front end's low-water mark). */
    public boolean seen(RequestId id) {
        Window w = windows.get(id.frontEnd());
        return w != null && (id.counter() < w.lowWater || w.ordered.contains(id.counter()));
    }

    /** Records that {@code id} was ordered; {@code lowWater} is its front end's oldest pending counter. */
    public void record(RequestId id, long lowWater) {
        Window w = windows.computeIfAbsent(id.frontEnd(), k -> new Window());
        if (lowWater > w.lowWater) {
            w.lowWater = lowWater;
            w.ordered.headSet(lowWater).clear();
        }
        if (id.counter() >= w.lowWater) w.ordered.add(id.counter());
    }

    public int size() { return windows.values().stream().mapToInt(w -> w.ordered.size()).sum(); }
}
