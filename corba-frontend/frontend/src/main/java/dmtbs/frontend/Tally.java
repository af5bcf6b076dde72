package dmtbs.frontend;

import dmtbs.booking.Result;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The votes for one request: each replica's result in its own slot, decided as soon as two results
 * are identical (canonical text, so a refusal's reason does not count). Lock-free: results of
 * different replicas arrive on different threads, and at least one of two matching offers sees the
 * other, so a decision is never missed.
 */
public final class Tally {

    /** A result with its canonical text, computed once: list results build long texts. */
    private record Vote(Result result, String canonical) {}

    private final AtomicReferenceArray<Vote> votes;
    private final int matching;
    private final AtomicReference<Vote> decided = new AtomicReference<>();

    /** Decides at two identical results: with at most one wrong replica, two equal ones are right. */
    public Tally(int replicas) { this(replicas, 2); }

    /** Decides at {@code matching} identical results (f + 1 for f wrong replicas). */
    public Tally(int replicas, int matching) {
        this.votes = new AtomicReferenceArray<>(replicas);
        this.matching = matching;
    }

    /** Records replica {@code i}'s result; returns the agreed result if this offer decided it, else null. */
    public Result offer(int i, Result r) {
        if (i < 0 || i >= votes.length()) return null;
        Vote v = new Vote(r, r.canonical());
        if (!votes.compareAndSet(i, null, v) || decided.get() != null) return null;
        int same = 1;
        for (int j = 0; j < votes.length(); j++) {
            Vote other = votes.get(j);
            if (j != i && other != null && other.canonical().equals(v.canonical())) same++;
        }
        return same >= matching && decided.compareAndSet(null, v) ? r : null;
    }

    /**
     * Whether two of the replicas that disagree with the decision agree with each other: two answers,
     * each given by two replicas. With at most one wrong replica that cannot happen; the first pair
     * decided only because it was first, so neither side is taken for the wrong one.
     */
    public boolean conflict() {
        Vote d = decided.get();
        if (d == null) return false;
        java.util.Set<String> others = new java.util.HashSet<>();
        for (int j = 0; j < votes.length(); j++) {
            Vote v = votes.get(j);
            if (v != null && !v.canonical().equals(d.canonical()) && !others.add(v.canonical())) return true;
        }
        return false;
    }

    public Result decided() {
        Vote d = decided.get();
        return d == null ? null : d.result();
    }

    public boolean answered(int i) { return votes.get(i) != null; }

    public int answers() {
        int n = 0;
        for (int j = 0; j < votes.length(); j++) if (votes.get(j) != null) n++;
        return n;
    }

    /** Replicas whose result differs from the agreed one (empty before a decision). */
    public List<Integer> dissenters() {
        Vote d = decided.get();
        List<Integer> out = new ArrayList<>();
        if (d == null) return out;
        for (int j = 0; j < votes.length(); j++) {
            Vote v = votes.get(j);
            if (v != null && !v.canonical().equals(d.canonical())) out.add(j);
        }
        return out;
    }
}
