package dmtbs.booking;

/** ASCII-only character tests: {@link Character#isDigit} accepts full-width digits, which booking-rules.md refuses. */
final class Ascii {
    private Ascii() {}

    static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    /** Value of {@code len} ASCII digits starting at {@code from}, or -1 if any is not a digit. */
    static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
