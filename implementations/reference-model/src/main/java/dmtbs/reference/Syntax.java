package dmtbs.reference;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * The exact spelling of names, IDs, dates and counts (booking-rules.md §1, §3 rule 7, §4 clarifications).
 * Written here from the SPEC, deliberately not shared with the booking-api helpers, so that a
 * mistake in one reading cannot hide in both.
 */
final class Syntax {

    /** Theatre codes. Show order compares them as strings: ATW < OUT < VER. */
    static final List<String> THEATRES = List.of("ATW", "OUT", "VER");

    static final List<String> MOVIES = List.of("Avatar", "Avengers", "Titanic");

    /** Slot letters in show order: morning, afternoon, evening. */
    static final String SLOTS = "MAE";

    static final int MIN_COUNT = 1;
    static final int MAX_COUNT = 10_000;

    private Syntax() {}

    static boolean isMovie(String name) {
        return name != null && MOVIES.contains(name);
    }

    static boolean isTheatre(String code) {
        return THEATRES.contains(code);
    }

    /** Seats to book, cancel or exchange, and capacities, alike. */
    static boolean isCount(int n) {
        return n >= MIN_COUNT && n <= MAX_COUNT;
    }

    /** True iff {@code text[from, to)} is all ASCII digits. */
    static boolean asciiDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') return false;   // Character.isDigit would accept full-width digits
        }
        return true;
    }

    /** {@code DDMMYY} as a date in 20YY, or null if malformed or not a real day (310226, 290226). */
    static LocalDate parseDate(String ddmmyy) {
        if (ddmmyy.length() != 6 || !asciiDigits(ddmmyy, 0, 6)) return null;
        int day = Integer.parseInt(ddmmyy.substring(0, 2));
        int month = Integer.parseInt(ddmmyy.substring(2, 4));
        int year = 2000 + Integer.parseInt(ddmmyy.substring(4, 6));
        if (month < 1 || month > 12) return null;
        if (day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) return null;
        return LocalDate.of(year, month, day);
    }
}
