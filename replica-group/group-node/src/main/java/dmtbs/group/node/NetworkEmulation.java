package dmtbs.group.node;

import org.jgroups.Message;
import org.jgroups.stack.Protocol;

import java.util.SplittableRandom;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A LAN's latency and loss inside the group stack, for hosts whose kernel has no netem: every message
 * this member sends leaves a constant delay late, in the order it was sent, and a fraction is lost
 * (below the reliability layer, which resends it). JGroups' own DELAY was tried first: its sender
 * thread polls its queue without ever blocking, a core per process, and on two cores a 1 ms delay
 * then cost 40 ms a request. Here the sender thread sleeps until the next message is due.
 * The losses come from a seeded generator, so a run can be repeated.
 */
final class NetworkEmulation extends Protocol {

    private record Due(long atNanos, Message message) {}

    private final LinkedBlockingQueue<Due> queue = new LinkedBlockingQueue<>();
    private final SplittableRandom random;
    private volatile long delayNanos;
    private volatile double loss;
    private Thread sender;

    NetworkEmulation(long seed) { this.random = new SplittableRandom(seed); }

    void set(int delayMillis, double loss) {
        this.delayNanos = delayMillis * 1_000_000L;
        this.loss = loss;
    }

    @Override
    public void start() throws Exception {
        super.start();
        sender = new Thread(this::send, "network-emulation");
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void stop() {
        if (sender != null) sender.interrupt();
        super.stop();
    }

    @Override
    public Object down(Message msg) {
        double l = loss;
        if (l > 0) {
            boolean lost;
            synchronized (random) {
                lost = random.nextDouble() < l;
            }
            if (lost) return null;
        }
        long d = delayNanos;
        if (d == 0 && queue.isEmpty()) return down_prot.down(msg);
        queue.add(new Due(System.nanoTime() + d, msg));
        return null;
    }

    private void send() {
        try {
            while (true) {
                Due next = queue.take();
                long wait;
                while ((wait = next.atNanos() - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
                down_prot.down(next.message());
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }
}
