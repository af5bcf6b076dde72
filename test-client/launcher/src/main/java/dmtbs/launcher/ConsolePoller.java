package dmtbs.launcher;

import dmtbs.group.node.Json;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One round of status questions a second, however many pages watch: each round goes through the
 * {@link ConsoleFeed}, and the frame it gives is what every watching page receives next.
 */
public final class ConsolePoller implements AutoCloseable {

    record Frame(long version, String json) {}

    private final Supplier<List<Object>> status;
    private final ConsoleFeed feed = new ConsoleFeed();
    private final Thread thread;
    private volatile boolean closed;
    private Frame latest;

    ConsolePoller(Supplier<List<Object>> status) {
        this.status = status;
        this.thread = new Thread(this::loop, "console-poller");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        long version = 0;
        while (!closed) {
            long start = System.currentTimeMillis();
            try {
                List<Map<String, Object>> processes = status.get().stream().filter(Map.class::isInstance).map(p -> {
                    @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) p;
                    return m;
                }).toList();
                String json = Json.of(feed.update(System.currentTimeMillis(), processes));
                synchronized (this) {
                    latest = new Frame(++version, json);
                    notifyAll();
                }
            } catch (RuntimeException e) {
                // a round that failed (a process answering garbage): the next one tries again
            }
            try {
                Thread.sleep(Math.max(100, 1_000 - (System.currentTimeMillis() - start)));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The first frame newer than {@code seen}, waiting up to {@code millis}; null if none came. */
    synchronized Frame next(long seen, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while ((latest == null || latest.version() <= seen) && !closed) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) return null;
            wait(left);
        }
        return latest == null || latest.version() <= seen ? null : latest;
    }

    /** A demo panel action, for the timeline. */
    void action(String line, DemoPanel.Outcome o) {
        feed.action(System.currentTimeMillis(), line, o.command(), o.result(), o.ok());
    }

    @Override public void close() {
        closed = true;
        thread.interrupt();
        synchronized (this) {
            notifyAll();
        }
    }
}
