package dmtbs.booking;

/** Bounds on ticket counts and capacities (booking-rules.md rule 7). */
public final class Limits {
    public static final int MIN_COUNT = 1;
    public static final int MAX_COUNT = 10_000;

    private Limits() {}

    public static boolean countInRange(int n) { return n >= MIN_COUNT && n <= MAX_COUNT; }
}
