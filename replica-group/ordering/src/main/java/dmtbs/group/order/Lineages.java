package dmtbs.group.order;

import dmtbs.group.msg.EpochStart;

import java.util.List;
import java.util.TreeSet;

/**
 * Comparing orders by the epochs they were given under (as Viewstamped Replication compares logs).
 * A sequencer gives each number once per epoch, so two orders that agree on the epoch at a number
 * agree on the request there; where the epochs differ, one of the orders is a deposed sequencer's,
 * given behind a cut to at most one replica, never acknowledged. Pure.
 */
final class Lineages {

    static final int MAX = 64;

    private Lineages() {}

    /** The epoch of the newest entry, {@link OrderLog#UNKNOWN} for an empty lineage. */
    static long lastEpoch(List<EpochStart> lineage) {
        return lineage.isEmpty() ? OrderLog.UNKNOWN : lineage.get(lineage.size() - 1).epoch();
    }

    /** The epoch at {@code seq} ({@link OrderLog#UNKNOWN} before the lineage begins). */
    static long epochAt(List<EpochStart> lineage, long seq) {
        long epoch = OrderLog.UNKNOWN;
        for (EpochStart s : lineage) {
            if (s.firstSeq() > seq) break;
            epoch = s.epoch();
        }
        return epoch;
    }

    /**
     * The first number from which an order (its {@code lineage}, delivered up to {@code highest})
     * departs from the order the group continues, or Long.MAX_VALUE: the group's is {@code group} up to
     * {@code target}, and every number after it is the current sequencer's, of epoch {@code current}.
     * Where an epoch is unknown (restored from disk, installed from the others' state, or too old to
     * be told) the orders are taken to agree: such an order was the group's.
     */
    static long departure(List<EpochStart> lineage, long highest, List<EpochStart> group, long target, long current) {
        if (lineage.isEmpty()) return Long.MAX_VALUE;
        TreeSet<Long> boundaries = new TreeSet<>();
        for (EpochStart s : lineage) boundaries.add(s.firstSeq());
        for (EpochStart s : group) if (s.firstSeq() <= target) boundaries.add(s.firstSeq());
        boundaries.add(target + 1);
        for (long b : boundaries) {
            if (b > highest) break;
            long mine = epochAt(lineage, b);
            long theirs = b > target ? current : group.isEmpty() || b < group.get(0).firstSeq() ? OrderLog.UNKNOWN : epochAt(group, b);
            if (mine != OrderLog.UNKNOWN && theirs != OrderLog.UNKNOWN && mine != theirs) return b;
        }
        return Long.MAX_VALUE;
    }
}
