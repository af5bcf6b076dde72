package dmtbs.client;

import dmtbs.booking.Request;
import dmtbs.corba.DMTBS.BookingService;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exactly-once calls: each call gets an identity of its own ({@link RequestIdentity}) and is sent
 * again under that same identity, after a growing pause, while the outcome says the front end may
 * answer if asked again (its connection failed, it was being restarted, or it said Unavailable: no
 * agreement in time, or overloaded), until the retry budget is spent. The replicas apply a call once
 * however often it arrives, so resending one that was perhaps applied is safe.
 * <p>With several front ends (one on each of two hosts), a call that could not reach its front end is
 * retried at the next one: a front end whose host is gone would otherwise hold the call for the
 * whole budget. {@code Unavailable} is retried where it came from. The replicas know the call
 * by its identity, not by the front end that carried it, so the retry is still applied at most once.
 * All threads move on together and stay with the front end that answers.
 * <p>Each thread is a client of its own (client ID: this caller's random prefix and the thread's ID),
 * making one call at a time with increasing retention IDs, as FT-CORBA expects of a client.
 */
public final class RetryingCaller {

    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(30);
    private static final long FIRST_BACKOFF_MILLIS = 100, MAX_BACKOFF_MILLIS = 1_000;
    /** The call may not have been applied, and the front end may be back shortly; others fail for good. */
    private static final Set<String> RETRIED_ERRORS = Set.of("COMM_FAILURE", "TRANSIENT", "TIMEOUT", "OBJECT_NOT_EXIST");

    private final String clientPrefix = randomPrefix();
    private final Duration budget;
    /** 32 bits on the wire (IDL long): 2^31 calls per caller before the front end refuses the IDs. */
    private final AtomicInteger lastRetention = new AtomicInteger();
    private final AtomicLong retries = new AtomicLong();
    /** The front end calls go to, as an index into the caller's list; and how often it changed. */
    private final AtomicInteger inUse = new AtomicInteger();
    private final AtomicLong switches = new AtomicLong();

    public RetryingCaller(Duration budget) {
        if (budget.isNegative()) throw new IllegalArgumentException("a negative retry budget: " + budget);
        this.budget = budget;
    }

    /** Performs the request at one front end, retried as above; returns the last attempt's outcome; never throws. */
    public Call call(BookingService service, Request request) { return call(List.of(service), request); }

    /**
     * Performs the request at the front end in use, retried as above at the next of {@code frontEnds}
     * each time; returns the last attempt's outcome; never throws.
     */
    public Call call(List<BookingService> frontEnds, Request request) { return call(frontEnds, request, newIdentity()); }

    /**
     * The identity for this thread's next call: its client ID and the next retention ID. A caller that
     * must know which call the replicas applied (chaos matches its history to their logs) takes it
     * here and passes it to {@link #call(List, Request, RequestIdentity)}.
     */
    public RequestIdentity newIdentity() {
        return new RequestIdentity(clientId(), lastRetention.incrementAndGet(), Instant.now().plus(budget));
    }

    /** As {@link #call(List, Request)}, under {@code identity} (from {@link #newIdentity}, used once). */
    public Call call(List<BookingService> frontEnds, Request request, RequestIdentity identity) {
        if (frontEnds.isEmpty()) throw new IllegalArgumentException("no front end to call");
        long deadline = System.nanoTime() + budget.toNanos();
        long backoff = FIRST_BACKOFF_MILLIS;
        while (true) {
            int used = Math.floorMod(inUse.get(), frontEnds.size());
            Call call = identity.during(() -> Call.perform(frontEnds.get(used), request));
            if (!worthRetrying(call)) return call;
            // Move on when this front end could not be reached (Unavailable comes from one that is up,
            // busy or waiting for the group: the other would be no better, and may be the dead one),
            // unless another thread has already moved (it would skip the one it moved to).
            if (frontEnds.size() > 1 && unreachable(call) && inUse.compareAndSet(used, (used + 1) % frontEnds.size())) {
                switches.incrementAndGet();
            }
            if (System.nanoTime() + backoff * 1_000_000 > deadline) return call;
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return call;
            }
            retries.incrementAndGet();
            backoff = Math.min(2 * backoff, MAX_BACKOFF_MILLIS);
        }
    }

    /** The client ID of the current thread's calls. */
    public String clientId() { return clientPrefix + "." + Thread.currentThread().getId(); }

    /** Attempts made beyond each call's first, over all calls so far. */
    public long retries() { return retries.get(); }

    /** How often the calls moved on to another front end. */
    public long switches() { return switches.get(); }

    static boolean worthRetrying(Call call) { return call.outcome() == Call.Outcome.UNAVAILABLE || unreachable(call); }

    /** The call failed on its way to or from the front end (its connection, its process), not in it. */
    private static boolean unreachable(Call call) {
        String error = call.systemException();
        return error != null && RETRIED_ERRORS.contains(error);
    }

    /** 22 characters of URL-safe base64: unique per caller, printable, and well inside ClientKey's 64. */
    private static String randomPrefix() {
        UUID u = UUID.randomUUID();
        byte[] bytes = java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
