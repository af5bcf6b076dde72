package dmtbs.frontend;

import dmtbs.booking.Request;
import dmtbs.booking.Result;
import dmtbs.group.msg.ClientKey;
import dmtbs.group.msg.ClientRequest;
import dmtbs.group.msg.OrderedRequest;
import dmtbs.group.msg.ReplicaNames;
import dmtbs.group.msg.ReplicaResult;
import dmtbs.group.msg.Report;
import dmtbs.group.msg.RequestId;
import dmtbs.group.node.Json;
import org.jgroups.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * Every decision of the front end's replicated path, with no threads, clocks or sockets: the shell
 * ({@link ReplicatedBackend}) and the cluster simulation pass in the time and carry out the
 * {@link Effects}. Each call gets a request ID and goes to the sequencer, batched with whatever else
 * is waiting; it completes when two replicas give identical results ({@link Tally}). Afterwards the
 * request is judged: replicas that disagreed are reported as MISMATCH, replicas later than the
 * suspicion threshold as LATE, to every replica manager. Safe for concurrent callers without a shared
 * lock: pending requests sit in a concurrent map, votes are lock-free.
 */
public final class FrontEndCore {

    private static final Logger log = LoggerFactory.getLogger(FrontEndCore.class);
    static final int REPLICAS = ReplicaNames.COUNT;
    private static final long RESEND_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long SUSPICION_FLOOR_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    private static final long LATE_REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long queued requests wait for the batch in flight before they go anyway (lost batch, new sequencer). */
    private static final long HOLD_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** What the front end does to the world. */
    public interface Effects {
        /** Sends requests to the sequencer. */
        void submit(List<ClientRequest> requests);

        /** Sends a report to every replica manager. */
        void report(Report report);
    }

    /** A call on its way: the ID it was given and its answer to come. */
    public record Call(RequestId id, CompletableFuture<Result> answer) {}

    /** Identical results that decide a call: one more than the wrong replicas the service masks. */
    public static final int MATCHING = 2;

    private final String frontEndId;
    private final long deadlineMillis;
    private final int matching;
    private final Effects effects;
    private final AtomicLong counter = new AtomicLong();
    private final ConcurrentSkipListMap<Long, Pending> pending = new ConcurrentSkipListMap<>();
    private final ConcurrentLinkedQueue<ClientRequest> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    /**
     * The counter of the last request of the batch in flight (sent, not yet decided), or 0. While it
     * is set, new requests wait in the outbox: they leave together when it is decided.
     */
    private final AtomicLong awaitedCounter = new AtomicLong();
    private volatile long awaitedSinceNanos;
    /** Messages to the sequencer and the requests in them: requests per message = batching. */
    private final AtomicLong submits = new AtomicLong();
    private final AtomicLong submitted = new AtomicLong();
    private final ResponseTimes responseTimes = new ResponseTimes(1_024, SUSPICION_FLOOR_NANOS);
    /** Each replica's recent response time in µs, weighted 1/16 to the newest: the console's per-replica chart. */
    private final java.util.concurrent.atomic.AtomicLongArray replicaResponseMicros = new java.util.concurrent.atomic.AtomicLongArray(REPLICAS);
    private final MismatchStreaks streaks = new MismatchStreaks(REPLICAS);
    /**
     * When each replica was last reported LATE: at most one report per replica per
     * LATE_REPORT_INTERVAL. A frozen replica is reported again every interval until its managers act;
     * a replica that is merely slow under CPU starvation no longer floods them (287 reports in one
     * 32-client run when every late result after an answer was reported).
     */
    private final AtomicLongArray lastLateReport = new AtomicLongArray(REPLICAS);
    private final AtomicLongArray mismatches = new AtomicLongArray(REPLICAS);
    private final AtomicLongArray lateReports = new AtomicLongArray(REPLICAS);
    /** Requests on which two pairs of replicas disagreed. */
    private final AtomicLong conflicts = new AtomicLong();
    private volatile long lowWater = 1;
    /** Calls between taking a counter and registering it as pending: the low-water mark waits for them. */
    private final AtomicLong registering = new AtomicLong();

    private static final class Pending {
        final long counter;
        final ClientRequest request;
        final Tally tally;
        final CompletableFuture<Result> future = new CompletableFuture<>();
        final long startNanos;
        final long deadlineNanos;
        volatile boolean ordered;
        /** The sequence number it was ordered at, once seen (-1 before). */
        volatile long seq = -1;
        /** The incarnation of each replica that answered (reports name the process, not just the replica). */
        final AtomicReferenceArray<String> answeredBy = new AtomicReferenceArray<>(REPLICAS);
        /** The processes that held the replicas' names when it was ordered: those that owe it an answer. */
        volatile String[] heldBy;
        volatile long lastSentNanos;

        Pending(long counter, ClientRequest request, int matching, long startNanos, long deadlineNanos) {
            this.counter = counter;
            this.tally = new Tally(REPLICAS, matching);
            this.request = request;
            this.startNanos = startNanos;
            this.lastSentNanos = startNanos;
            this.deadlineNanos = deadlineNanos;
        }
    }

    /** {@code matching}: {@link #MATCHING}; the simulation plants a bug with another value to see it caught. */
    public FrontEndCore(String frontEndId, long deadlineMillis, int matching, Effects effects) {
        this.frontEndId = frontEndId;
        this.deadlineMillis = deadlineMillis;
        this.matching = matching;
        this.effects = effects;
    }

    /** A client's call; {@code replyTo} is this front end's group address (results come back to it). */
    public Call execute(Request request, ClientKey client, Address replyTo, long now) {
        Pending p;
        registering.incrementAndGet();
        try {
            long c = counter.incrementAndGet();
            ClientRequest cr = new ClientRequest(new RequestId(frontEndId, c), lowWater, replyTo, request, null, client);
            p = new Pending(c, cr, matching, now, now + TimeUnit.MILLISECONDS.toNanos(deadlineMillis));
            pending.put(c, p);
        } finally {
            registering.decrementAndGet();
        }
        outbox.add(p.request);
        flush(now);
        return new Call(p.request.id(), p.future);
    }

    /**
     * Batching without a sender thread and without a timer (Nagle's rule): at most one batch is in
     * flight. The caller that finds none in flight and nobody sending sends everything queued; the
     * others return at once, and what they queued leaves when the batch in flight is decided (its last
     * request has two equal results, see {@link #results}). Alone, a request leaves at once; under
     * load every message (to the sequencer, the ordered multicast, each replica's results) carries
     * many. (Releasing at "decided" rather than at "ordered" measured best: 2.4 requests per batch
     * against 2.2 with 8 clients, and 1 without holding.) The re-checks after releasing the flag mean
     * nothing queued is ever left behind; a batch that is never decided (a sequencer crash, two
     * replicas down) stops holding the outbox after {@link #HOLD_MAX_NANOS} (checked by the sweep)
     * or at once on a view change.
     */
    private void flush(long now) {
        while (!outbox.isEmpty() && awaitedCounter.get() == 0 && sending.compareAndSet(false, true)) {
            try {
                if (awaitedCounter.get() != 0) continue;
                List<ClientRequest> batch = new ArrayList<>();
                ClientRequest r;
                while (batch.size() < 1_024 && (r = outbox.poll()) != null) batch.add(r);
                if (batch.isEmpty()) continue;
                awaitedSinceNanos = now;
                awaitedCounter.set(batch.get(batch.size() - 1).id().counter());
                submits.incrementAndGet();
                submitted.addAndGet(batch.size());
                effects.submit(batch);
            } finally {
                sending.set(false);
            }
        }
    }

    /** The batch in flight is decided (or given up on): let the next one go. */
    private void release(long awaited, long now) {
        if (awaitedCounter.compareAndSet(awaited, 0)) flush(now);
    }

    /**
     * A replica's results; {@code replica} is its index, {@code incarnation} the process that sent
     * them (the shell checked that it holds the replica's name).
     */
    public void results(int replica, String incarnation, List<ReplicaResult> results, long now) {
        for (ReplicaResult rr : results) {
            if (!rr.id().frontEnd().equals(frontEndId)) continue;
            Pending p = pending.get(rr.id().counter());
            if (p == null) continue;                      // already judged and forgotten
            responseTimes.record(now - p.startNanos);
            long micros = (now - p.startNanos) / 1_000;
            replicaResponseMicros.getAndUpdate(replica, old -> old == 0 ? micros : old + (micros - old) / 16);
            p.answeredBy.compareAndSet(replica, null, incarnation);
            if (p.seq < 0) p.seq = rr.seq();              // a front end behind on a gap has not delivered it yet
            Result agreed = p.tally.offer(replica, rr.result());
            if (agreed != null) {
                p.future.complete(agreed);
                // Replicas answer a batch in order: its last request decided closes the batch.
                if (p.counter == awaitedCounter.get()) release(p.counter, now);
            }
        }
    }

    /** Requests delivered in order; {@code holders}: the incarnation of each replica in the view now (null if absent). */
    public void delivered(List<OrderedRequest> inOrder, Supplier<String[]> holders) {
        String[] heldBy = null;
        for (OrderedRequest r : inOrder) {
            if (r.id() == null || !r.id().frontEnd().equals(frontEndId)) continue;
            Pending p = pending.get(r.id().counter());
            if (p != null) {
                if (heldBy == null) heldBy = holders.get();
                p.seq = r.seq();
                p.heldBy = heldBy;
                p.ordered = true;
            }
        }
    }

    /** A new view: a new coordinator may be a new sequencer, so what it has not ordered yet goes again, at once. */
    public void viewChanged(long now) {
        release(awaitedCounter.get(), now);
        resendUnordered(0, now);
    }

    /**
     * Frequent (every 20 ms): re-sends what was not ordered, times out what no two replicas agreed
     * on, judges what is decided, and moves the low-water mark.
     */
    public void sweep(long now, Supplier<String[]> holders) {
        // Read the counter before checking for registrations in progress: a call that took a
        // counter up to `issued` is then either registered (seen below) or still registering.
        long issued = counter.get();
        boolean noneRegistering = registering.get() == 0;
        long threshold = responseTimes.suspicionThreshold();
        long low = issued + 1;
        long awaited = awaitedCounter.get();
        if (awaited != 0 && now - awaitedSinceNanos > HOLD_MAX_NANOS) release(awaited, now);
        resendUnordered(RESEND_NANOS, now);
        for (Map.Entry<Long, Pending> e : pending.entrySet()) {      // counter order: streaks stay in order
            Pending p = e.getValue();
            if (p.tally.decided() != null) {
                if (p.tally.answers() == REPLICAS || now - p.startNanos > threshold) judge(p, now - p.startNanos > threshold, now, holders);
                else low = Math.min(low, p.counter);
            } else if (now > p.deadlineNanos) {
                pending.remove(p.counter);
                p.future.completeExceptionally(new Backend.UnavailableException(
                        "no two replicas agreed within " + deadlineMillis + " ms (answers: " + p.tally.answers() + ")"));
            } else {
                low = Math.min(low, p.counter);
            }
        }
        // Never above a request that may still be sent: the sequencer forgets counters below it.
        if (noneRegistering) lowWater = Math.max(lowWater, low);
    }

    private void resendUnordered(long olderThanNanos, long now) {
        List<ClientRequest> again = new ArrayList<>();
        for (Pending p : pending.values()) {
            if (!p.ordered && p.tally.decided() == null && now - p.lastSentNanos >= olderThanNanos) {
                p.lastSentNanos = now;
                again.add(p.request);
            }
        }
        if (!again.isEmpty()) {
            log.info("re-sending {} unordered requests to the sequencer", again.size());
            effects.submit(again);
        }
    }

    /** The request is decided and every replica answered, or the stragglers are late: report and forget. */
    private void judge(Pending p, boolean pastThreshold, long now, Supplier<String[]> holders) {
        pending.remove(p.counter);
        long seq = p.seq;
        List<Integer> dissenters = p.tally.dissenters();
        if (p.tally.conflict()) {
            // Two pairs, two answers: more than one replica is wrong. Either side may be the right
            // one, so no streak moves; the managers hear of it, and an operator must look.
            conflicts.incrementAndGet();
            log.error("CONFLICT at seq {} ({}): two pairs of replicas gave different results; {} disagreed with the answer given",
                    seq, p.request.id(), dissenters.stream().map(i -> "R" + (i + 1)).toList());
            for (int i : dissenters) {
                report(new Report(Report.Kind.CONFLICT, "R" + (i + 1), p.answeredBy.get(i), seq, p.request.id() + " two pairs disagree"));
            }
            return;
        }
        for (int i = 0; i < REPLICAS; i++) {
            String replica = "R" + (i + 1);
            String by = p.answeredBy.get(i);
            if (dissenters.contains(i)) {
                mismatches.incrementAndGet(i);
                int run = streaks.wrong(i, seq);
                report(new Report(Report.Kind.MISMATCH, replica, by, seq, p.request.id() + " wrong " + run + " in a row"));
            } else if (p.tally.answered(i)) {
                if (streaks.correct(i, seq)) report(new Report(Report.Kind.MATCH, replica, by, seq, p.request.id().toString()));
            } else if (pastThreshold && lateReportDue(i, now)) {
                lateReports.incrementAndGet(i);
                // No answer: the report is about the process that held the name when the request was
                // ordered (a replacement that joined since owes no answer for it).
                String[] heldBy = p.heldBy != null ? p.heldBy : holders.get();
                report(new Report(Report.Kind.LATE, replica, heldBy[i], seq, "no result for "
                        + p.request.id() + " within " + TimeUnit.NANOSECONDS.toMillis(responseTimes.suspicionThreshold()) + " ms"));
            }
        }
    }

    private boolean lateReportDue(int replica, long now) {
        long last = lastLateReport.get(replica);
        return (last == 0 || now - last >= LATE_REPORT_INTERVAL_NANOS) && lastLateReport.compareAndSet(replica, last, now);
    }

    private void report(Report r) {
        log.info("report {} {} at seq {} {}", r.kind(), r.replica(), r.seq(), r.detail());
        effects.report(r);
    }

    public int pendingCount() { return pending.size(); }

    public void status(Json j) {
        j.put("pending", pending.size())
                .put("suspicionThresholdMs", TimeUnit.NANOSECONDS.toMillis(responseTimes.suspicionThreshold()));
        List<Long> counts = new ArrayList<>();
        List<Long> late = new ArrayList<>();
        List<Integer> runs = new ArrayList<>();
        List<Double> responseMs = new ArrayList<>();
        for (int i = 0; i < REPLICAS; i++) {
            responseMs.add(replicaResponseMicros.get(i) / 1_000.0);
            counts.add(mismatches.get(i));
            late.add(lateReports.get(i));
            runs.add(streaks.streak(i));
        }
        j.put("mismatches", counts).put("lateReports", late).put("wrongRuns", runs).put("replicaResponseMs", responseMs).put("conflicts", conflicts.get()).put("submits", submits.get()).put("submitted", submitted.get());
    }
}
