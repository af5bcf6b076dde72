package dmtbs.group.msg;

/**
 * The front end tells the replica managers about a replica: {@code MISMATCH} (its result differed
 * from the agreed one), {@code MATCH} (a correct result after mismatches: the streak is broken) or
 * {@code LATE} (no result within twice the slowest result seen recently: a suspected crash).
 */
public record Report(Kind kind, String replica, long seq, String detail) {
    public enum Kind { MISMATCH, MATCH, LATE }
}
