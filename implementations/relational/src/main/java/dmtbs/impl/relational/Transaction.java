package dmtbs.impl.relational;

import java.util.ArrayList;
import java.util.List;

/**
 * One unit of work over the tables, with an undo log. Every table write records how to reverse
 * itself; {@link #rollback()} replays the log backwards, so each undo step sees exactly the state
 * its write produced (this is what lets a deleted row take back its own row id from the free list).
 */
final class Transaction {

    /** How to reverse one table write. */
    sealed interface UndoRecord permits Inserted, Updated, Deleted {
        void undo();
    }

    record Inserted<R>(Table<R> table, int rowId, boolean reusedFreeRow) implements UndoRecord {
        public void undo() { table.undoInsert(rowId, reusedFreeRow); }
    }

    record Updated<R>(Table<R> table, int rowId, R oldRow) implements UndoRecord {
        public void undo() { table.undoUpdate(rowId, oldRow); }
    }

    record Deleted<R>(Table<R> table, int rowId, R oldRow) implements UndoRecord {
        public void undo() { table.undoDelete(rowId, oldRow); }
    }

    private final List<UndoRecord> undoLog = new ArrayList<>();
    private boolean open = true;

    boolean isOpen() { return open; }

    void log(UndoRecord record) {
        requireOpen();
        undoLog.add(record);
    }

    void commit() {
        requireOpen();
        undoLog.clear();
        open = false;
    }

    void rollback() {
        requireOpen();
        open = false;
        for (int i = undoLog.size() - 1; i >= 0; i--) undoLog.get(i).undo();
        undoLog.clear();
    }

    private void requireOpen() {
        if (!open) throw new IllegalStateException("transaction already finished");
    }
}
