package dmtbs.impl.nestedmaps;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shows of one movie bucketed by date (epoch day -> at most 9 shows: 3 theatres x 3 slots).
 * It answers "this movie's shows from day d on, in date order" without a scan of all shows and without
 * a sorted index: walking the days one by one, or sorting the occupied days, whichever is cheaper.
 */
final class MovieCalendar {
    private final Map<Integer, List<ShowRecord>> showsByDay = new HashMap<>();
    /** An upper bound of the days in use. Never lowered on removal (that would need an ordered index);
     *  an overestimate only makes a walk longer, and {@link #daysFrom} then prefers sorting instead. */
    private int lastDay = Integer.MIN_VALUE;

    void add(ShowRecord show) {
        showsByDay.computeIfAbsent(show.day, d -> new ArrayList<>(3)).add(show);
        lastDay = Math.max(lastDay, show.day);
    }

    void remove(ShowRecord show) {
        List<ShowRecord> bucket = showsByDay.get(show.day);
        if (bucket == null) return;
        bucket.remove(show);
        if (bucket.isEmpty()) showsByDay.remove(show.day);
    }

    boolean isEmpty() { return showsByDay.isEmpty(); }

    /** The shows dated {@code day}, in no particular order (callers sort or filter). */
    List<ShowRecord> showsOn(int day) { return showsByDay.getOrDefault(day, List.of()); }

    /** The days on or after {@code from} that have shows, ascending. Cost: min(span walk, sort of occupied days). */
    List<Integer> daysFrom(long from) {
        long span = (long) lastDay - from + 1;
        List<Integer> days = new ArrayList<>();
        if (span <= 0) return days;
        if (span <= showsByDay.size()) {
            for (int d = (int) from; d <= lastDay; d++) if (showsByDay.containsKey(d)) days.add(d); // span fits: from > lastDay - size
            return days;
        }
        for (Integer d : showsByDay.keySet()) if (d >= from) days.add(d);
        days.sort(null);
        return days;
    }
}
