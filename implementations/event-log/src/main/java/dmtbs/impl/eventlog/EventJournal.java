package dmtbs.impl.eventlog;

import java.util.ArrayList;
import java.util.List;

/**
 * The in-memory event log and the views it has been folded into.
 *
 * <p>Memory stays bounded: every {@link #CHECKPOINT_EVERY} events the log is compacted into a
 * checkpoint, and the checkpoint is the views themselves (they already hold everything the events
 * said), so compaction just forgets the events since the previous one.
 *
 * <p>Concurrency: single writer by contract — {@link #append} and {@link #restart} are called by the
 * one thread that applies requests (a replica applies them one at a time). The views are touched only
 * by that thread. {@link #appliedEventCount()} is volatile and written once per committed batch, after
 * the whole batch is projected, so another thread (a status probe) can read progress safely and never
 * sees half of a command.
 */
final class EventJournal {

    static final int CHECKPOINT_EVERY = 4096;

    private final List<DomainEvent> sinceCheckpoint = new ArrayList<>();
    private ReadModel views = new ReadModel();
    private volatile long appliedEventCount;

    ReadModel views() { return views; }

    /** Appends a batch decided together and folds it into the views; the batch is one command's effect. */
    void append(List<DomainEvent> batch) {
        sinceCheckpoint.addAll(batch);
        for (DomainEvent event : batch) views.project(event);
        appliedEventCount += batch.size(); // single writer: the read-modify-write cannot race
        if (sinceCheckpoint.size() >= CHECKPOINT_EVERY) sinceCheckpoint.clear();
    }

    /** Replaces the views (import) and starts a fresh log whose checkpoint they are. */
    void restart(ReadModel imported) {
        views = imported;
        sinceCheckpoint.clear();
        appliedEventCount = 0;
    }

    /** Events appended since the last checkpoint, oldest first. */
    List<DomainEvent> eventsSinceCheckpoint() { return List.copyOf(sinceCheckpoint); }

    /** Events applied to the current views since they were created or imported. */
    long appliedEventCount() { return appliedEventCount; }
}
