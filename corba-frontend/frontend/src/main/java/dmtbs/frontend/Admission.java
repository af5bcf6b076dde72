package dmtbs.frontend;

import dmtbs.group.node.Json;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bound on the calls the front end works on at once. Past it a call is turned away at once (the
 * servant answers {@code Unavailable("overloaded …")}) instead of waiting behind the others: a flood
 * then costs the front end a refusal per excess call, not a thread, a pending entry and heap per call
 * until the deadline. The bound is chosen above what the group serves within a short wait (about
 * 3,000 calls/s measured: 128 calls in flight are 40 ms of work), so normal load never meets it.
 */
public final class Admission {

    /** System property overriding {@link #DEFAULT_LIMIT}. */
    public static final String LIMIT_PROPERTY = "dmtbs.frontend_max_in_flight";
    public static final int DEFAULT_LIMIT = 128;

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicLong turnedAway = new AtomicLong();

    public Admission(int limit) {
        if (limit < 1) throw new IllegalArgumentException("the in-flight bound must be at least 1, not " + limit);
        this.limit = limit;
    }

    /** The bound from {@link #LIMIT_PROPERTY}, or the default. */
    public static Admission fromSystemProperties() {
        return new Admission(Integer.getInteger(LIMIT_PROPERTY, DEFAULT_LIMIT));
    }

    public int limit() { return limit; }

    /** Takes a place if one is free; every true must be followed by one {@link #leave()}. */
    public boolean tryEnter() {
        int n = inFlight.incrementAndGet();
        if (n > limit) {
            inFlight.decrementAndGet();
            turnedAway.incrementAndGet();
            return false;
        }
        peak.accumulateAndGet(n, Math::max);
        return true;
    }

    public void leave() { inFlight.decrementAndGet(); }

    /** Calls turned away so far. */
    public long turnedAway() { return turnedAway.get(); }

    public void status(Json j) {
        j.put("inFlight", inFlight.get()).put("inFlightLimit", limit).put("inFlightPeak", peak.get())
                .put("overloaded", turnedAway.get());
    }
}
