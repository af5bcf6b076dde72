package dmtbs.system;

import dmtbs.catalog.RandomWorkload;
import dmtbs.catalog.Step;
import dmtbs.client.Call;
import dmtbs.client.FrontEndConnection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Client threads sending seeded random requests through CORBA until stopped; every call is kept. */
final class Load implements AutoCloseable {

    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    /** When each call completed (System.nanoTime), in the order of {@link #calls}. */
    private final List<Long> completedAt = new ArrayList<>();

    Load(SystemUnderTest sut, int clients, long seed, int maxCallsEach) {
        for (int i = 0; i < clients; i++) {
            long s = seed + i;
            Thread t = new Thread(() -> {
                RandomWorkload workload = new RandomWorkload(s);
                Step step = workload.next();
                FrontEndConnection fe;
                try {
                    fe = sut.connect();
                } catch (RuntimeException e) {
                    // Counted as a failed call, so a client that never got going fails the test.
                    calls.add(new Call(step.request(), Call.Outcome.ERROR, "ERROR cannot connect: " + e.getMessage()));
                    return;
                }
                try (fe) {
                    for (int n = 0; n < maxCallsEach && !stop.get(); n++, step = workload.next()) {
                        Call call = Call.perform(fe.service(), step.request());
                        synchronized (calls) {
                            calls.add(call);
                            completedAt.add(System.nanoTime());
                        }
                    }
                }
            }, "load-" + i);
            threads.add(t);
            t.start();
        }
    }

    void awaitCalls(int atLeast, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (calls.size() < atLeast && System.currentTimeMillis() < deadline && threads.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(20);
        }
    }

    /** Waits for every client to finish (or stops them first). */
    List<Call> finish(boolean stopNow) throws InterruptedException {
        if (stopNow) stop.set(true);
        for (Thread t : threads) t.join(120_000);
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** Calls that completed between two instants (System.nanoTime): the load during a fault. */
    long completedBetween(long fromNanos, long toNanos) {
        synchronized (calls) {
            return completedAt.stream().filter(t -> t - fromNanos > 0 && toNanos - t > 0).count();
        }
    }

    static List<Call> failures(List<Call> calls) {
        return calls.stream().filter(c -> c.outcome() == Call.Outcome.UNAVAILABLE || c.outcome() == Call.Outcome.ERROR).toList();
    }

    /** Calls that had to be ordered: everything the front end could not refuse on its own. */
    static long ordered(List<Call> calls) {
        return calls.stream().map(Call::request).filter(r -> dmtbs.frontend.RequestPrecheck.check(r) == null).count();
    }

    @Override public void close() throws InterruptedException { finish(true); }


}
