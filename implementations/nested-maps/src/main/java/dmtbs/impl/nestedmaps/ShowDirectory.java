package dmtbs.impl.nestedmaps;

import dmtbs.booking.Area;
import dmtbs.booking.ShowId;
import dmtbs.booking.Slot;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every show, in the classic theatre-server shape theatre -> movie -> movieID -> show, plus a per-movie
 * {@link MovieCalendar} for the questions asked in date order (list, the target of a removal move, the
 * same movie at the same slot in another theatre).
 */
final class ShowDirectory {
    private final Map<Area, Map<String, Map<String, ShowRecord>>> theatres = new EnumMap<>(Area.class);
    private final Map<String, MovieCalendar> calendars = new HashMap<>();

    /** The show (movieName, id), or null. */
    ShowRecord find(ShowId id, String movieName) {
        Map<String, Map<String, ShowRecord>> movies = theatres.get(id.area());
        if (movies == null) return null;
        Map<String, ShowRecord> shows = movies.get(movieName);
        return shows == null ? null : shows.get(id.text());
    }

    void add(ShowRecord show) {
        theatres.computeIfAbsent(show.theatre(), t -> new HashMap<>())
                .computeIfAbsent(show.movieName, m -> new HashMap<>())
                .put(show.movieID(), show);
        calendars.computeIfAbsent(show.movieName, m -> new MovieCalendar()).add(show);
    }

    void remove(ShowRecord show) {
        Map<String, Map<String, ShowRecord>> movies = theatres.get(show.theatre());
        Map<String, ShowRecord> shows = movies.get(show.movieName);
        shows.remove(show.movieID());
        if (shows.isEmpty()) movies.remove(show.movieName);
        MovieCalendar calendar = calendars.get(show.movieName);
        calendar.remove(show);
        if (calendar.isEmpty()) calendars.remove(show.movieName);
    }

    void forEach(Consumer<ShowRecord> action) {
        theatres.values().forEach(movies -> movies.values().forEach(shows -> shows.values().forEach(action)));
    }

    /** Shows of {@code movieName} in every theatre dated {@code fromDay} or later, in show order. */
    List<ShowRecord> showsFrom(String movieName, long fromDay) {
        List<ShowRecord> result = new ArrayList<>();
        MovieCalendar calendar = calendars.get(movieName);
        if (calendar == null) return result;
        for (int day : calendar.daysFrom(fromDay)) {
            List<ShowRecord> sameDay = new ArrayList<>(calendar.showsOn(day));
            sameDay.sort(ShowOrder.COMPARATOR); // at most 9 shows: sorting on demand is cheap
            result.addAll(sameDay);
        }
        return result;
    }

    /** The same movie, date and slot as {@code show} in the other theatres (rule 5). */
    List<ShowRecord> sameSlotInOtherTheatres(ShowRecord show) {
        List<ShowRecord> result = new ArrayList<>(2);
        MovieCalendar calendar = calendars.get(show.movieName);
        if (calendar == null) return result;
        for (ShowRecord other : calendar.showsOn(show.day)) {
            if (other.slot() == show.slot() && other.theatre() != show.theatre()) result.add(other);
        }
        return result;
    }

    /**
     * Finds removal targets (SPEC §5) for one removed show: the shows of the same movie at the same theatre
     * after it in show order. The ordered days are computed once; each customer's search walks them lazily.
     */
    RemovalTargets removalTargets(ShowRecord removed) {
        MovieCalendar calendar = calendars.getOrDefault(removed.movieName, new MovieCalendar());
        return new RemovalTargets(removed, calendar, calendar.daysFrom(removed.day));
    }

    record RemovalTargets(ShowRecord removed, MovieCalendar calendar, List<Integer> days) {
        /** The earliest later show of the same movie and theatre with at least {@code seats} free, or null. */
        ShowRecord firstWithSeatsLeft(int seats) {
            for (int day : days) {
                List<ShowRecord> sameDay = calendar.showsOn(day);
                for (Slot slot : Slot.values()) { // Slot order is show order within one theatre and movie
                    if (day == removed.day && slot.ordinal() <= removed.slot().ordinal()) continue;
                    ShowRecord show = atSlot(sameDay, slot);
                    if (show != null && show.seatsLeft() >= seats) return show;
                }
            }
            return null;
        }

        private ShowRecord atSlot(List<ShowRecord> sameDay, Slot slot) {
            for (ShowRecord show : sameDay) {
                if (show.slot() == slot && show.theatre() == removed.theatre() && show != removed) return show;
            }
            return null;
        }
    }
}
