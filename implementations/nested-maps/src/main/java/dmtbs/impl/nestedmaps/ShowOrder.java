package dmtbs.impl.nestedmaps;

import java.util.Comparator;

/** SPEC §1 show order: date, then slot M < A < E, then theatre code alphabetically, then movie name. */
final class ShowOrder {
    private ShowOrder() {}

    static final Comparator<ShowRecord> COMPARATOR = (a, b) -> {
        if (a.day != b.day) return Integer.compare(a.day, b.day);
        // Slot's declaration order is M, A, E: exactly the show order of slots.
        if (a.slot() != b.slot()) return Integer.compare(a.slot().ordinal(), b.slot().ordinal());
        int theatre = a.theatre().name().compareTo(b.theatre().name());
        if (theatre != 0) return theatre;
        return a.movieName.compareTo(b.movieName);
    };
}
