package dmtbs.group.msg;

/**
 * The front end tells the replica managers about a replica: {@code MISMATCH} (its result differed
 * from the agreed one), {@code MATCH} (a correct result after mismatches: the streak is broken),
 * {@code LATE} (no result within twice the slowest result seen recently: a suspected crash) or
 * {@code CONFLICT} (two pairs of replicas agreed on different results for one request: more than
 * one replica is wrong, beyond what the service masks, and nobody is replaced for it on its own).
 * A report names the replica's incarnation (the group address of the process that answered, or that
 * held the name; a replacement has another one) and the sequence number of the request it judges
 * (-1 if the front end did not see it ordered), so that a report about a replaced process never
 * counts against its successor.
 */
public record Report(Kind kind, String replica, String incarnation, long seq, String detail) {
    public enum Kind { MISMATCH, MATCH, LATE, CONFLICT }
}
