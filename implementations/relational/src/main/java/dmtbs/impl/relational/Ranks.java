package dmtbs.impl.relational;

import dmtbs.booking.Area;
import dmtbs.booking.Movies;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Order-preserving numbers for names, so the sorted indexes compare numbers instead of strings.
 * Ranks come from sorting the names themselves (SPEC order is plain string order), never from
 * declaration order.
 */
final class Ranks {
    private static final List<Area> THEATRES_BY_CODE =
            Stream.of(Area.values()).sorted(Comparator.comparing(Area::name)).toList();
    private static final List<String> MOVIES_BY_NAME = Movies.ALL.stream().sorted().toList();

    static final int THEATRES = THEATRES_BY_CODE.size();
    static final int MOVIES = MOVIES_BY_NAME.size();

    private Ranks() {}

    static int theatre(Area area) { return THEATRES_BY_CODE.indexOf(area); }

    /** Rank of a valid movie name; -1 for any other string. */
    static int movie(String movieName) { return MOVIES_BY_NAME.indexOf(movieName); }
}
