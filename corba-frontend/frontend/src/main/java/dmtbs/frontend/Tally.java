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

    private final AtomicReferenceArray<Result> results;
    private final AtomicReference<Result> decided = new AtomicReference<>();

    public Tally(int replicas) { this.results = new AtomicReferenceArray<>(replicas); }

    /** Records replica {@code i}'s result; returns the agreed result if this offer decided it, else null. */
    public Result offer(int i, Result r) {
        if (i < 0 || i >= results.length() || !results.compareAndSet(i, null, r)) return null;
        if (decided.get() != null) return null;
        String c = r.canonical();
        for (int j = 0; j < results.length(); j++) {
            Result other = results.get(j);
            if (j != i && other != null && other.canonical().equals(c)) {
                return decided.compareAndSet(null, r) ? r : null;
            }
        }
        return null;
    }

    public Result decided() { return decided.get(); }

    public boolean answered(int i) { return results.get(i) != null; }

    public int answers() {
        int n = 0;
        for (int j = 0; j < results.length(); j++) if (results.get(j) != null) n++;
        return n;
    }

    /** Replicas whose result differs from the agreed one (empty before a decision). */
    public List<Integer> dissenters() {
        Result d = decided.get();
        List<Integer> out = new ArrayList<>();
        if (d == null) return out;
        for (int j = 0; j < results.length(); j++) {
            Result r = results.get(j);
            if (r != null && !r.canonical().equals(d.canonical())) out.add(j);
        }
        return out;
    }
}
