package dmtbs.replica;

import dmtbs.booking.fault.FaultyMachine;
import dmtbs.catalog.Implementations;
import dmtbs.catalog.RandomWorkload;
import dmtbs.catalog.Step;
import dmtbs.group.msg.Codec;
import dmtbs.group.msg.OrderedBatch;
import dmtbs.group.msg.OrderedRequest;
import dmtbs.group.msg.ReplicaResult;
import dmtbs.group.msg.RequestId;
import dmtbs.group.msg.ResultBatch;
import dmtbs.group.order.OrderingNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A warm spare's rehearsal while it waits for activation: the replica's hot path on scratch data
 * (ordered batches encoded and decoded as on the wire, delivered by the same ordering protocol,
 * applied to a scratch instance of its implementation, results encoded, now and then a digest), so
 * that the JIT has compiled it before the spare replaces anybody. A spare that had merely started
 * replayed at little more than the arrival rate for 1.7 s after installing its state (3.4-3.6 s from
 * kill to caught up on a busy day, against a 3 s target).
 *
 * <p>It shares two cores with the live system, so it runs in short slices with pauses (half a core
 * at most), and it stops within one batch of the spare's activation.
 */
final class SpareWarmup {

    /**
     * Enough for the first compiler (a few hundred calls a method), which is most of the gain: 3,000
     * rehearsed requests already cut the replay to 0.2 s. Far more kept the spare compiling, and
     * taking CPU from the live system and from its own join, when the replacement was needed.
     */
    static final int STEPS = 4_000;
    private static final int BATCH = 8;
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long PAUSE_MILLIS = 20;

    private SpareWarmup() {}

    /** Applies up to {@code steps} scratch requests; returns how many it applied before {@code stop}. */
    static int run(String implementation, int steps, BooleanSupplier stop) throws InterruptedException {
        FaultyMachine machine = new FaultyMachine(Implementations.create(implementation), 1);
        RandomWorkload workload = new RandomWorkload(7);
        List<OrderedRequest> delivered = new ArrayList<>();
        OrderingNode<String> ordering = new OrderingNode<>("spare", new OrderingNode.Effects<>() {
            @Override public void send(String to, Object message) { }

            @Override public void multicast(Object message) { }

            @Override public void deliver(List<OrderedRequest> inOrder) { delivered.addAll(inOrder); }
        }, name -> name, 1, true, null, () -> null);
        ordering.onView(1, List.of("sequencer", "spare"), 0);
        ordering.onMessage("sequencer", new dmtbs.group.msg.SyncDone(1, Long.MAX_VALUE), 0);     // the sequencer settled its epoch
        long seq = 0;
        int applied = 0;
        long sliceEnd = System.nanoTime() + SLICE_NANOS;
        while (applied < steps && !stop.getAsBoolean()) {
            List<OrderedRequest> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                Step s = workload.next();
                seq++;
                batch.add(new OrderedRequest(seq, s.date().toEpochDay(), new RequestId("warm-up", seq), seq, null, s.request()));
            }
            byte[] wire = Codec.encode(new OrderedBatch(1, batch));
            ordering.onMessage("sequencer", Codec.decode(wire, 0, wire.length), 0);
            List<ReplicaResult> results = new ArrayList<>(delivered.size());
            for (OrderedRequest r : delivered) results.add(new ReplicaResult(r.seq(), r.id(), machine.apply(r.request(), r.businessDate())));
            delivered.clear();
            Codec.encode(new ResultBatch("spare", machine.name(), results));
            applied += results.size();
            if (applied % 4_096 < BATCH) machine.digest();               // the checkpoint path
            if (System.nanoTime() - sliceEnd > 0) {
                Thread.sleep(PAUSE_MILLIS);
                sliceEnd = System.nanoTime() + SLICE_NANOS;
            }
        }
        return applied;
    }
}
