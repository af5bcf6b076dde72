package dmtbs.impl.relational;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A table of immutable row objects addressed by integer row ids. Deleted ids go to a free list and
 * are reused by later inserts. Every write keeps the table's indexes in step, checks their
 * uniqueness before touching anything (so a refused write changes nothing), and is recorded in the
 * transaction's undo log.
 */
final class Table<R> {
    private final String name;
    private final ArrayList<R> rows = new ArrayList<>();
    private final ArrayDeque<Integer> freeRowIds = new ArrayDeque<>();
    private final List<Index<R, ?>> indexes = new ArrayList<>();

    Table(String name) { this.name = name; }

    /** Declares an index; only on an empty table (existing rows would be missing from it). */
    <I extends Index<R, ?>> I withIndex(I index) {
        if (rows.size() != freeRowIds.size()) throw new IllegalStateException("index added to a non-empty table " + name);
        indexes.add(index);
        return index;
    }

    R get(int rowId) {
        R row = rowId >= 0 && rowId < rows.size() ? rows.get(rowId) : null;
        if (row == null) throw new IllegalStateException(name + " has no row " + rowId);
        return row;
    }

    /** Calls {@code action} on every live row, in row id order. */
    void forEachRow(Consumer<R> action) {
        for (R row : rows) if (row != null) action.accept(row);
    }

    /** Ids of all live rows (a copy). */
    List<Integer> rowIds() {
        List<Integer> ids = new ArrayList<>(rows.size() - freeRowIds.size());
        for (int id = 0; id < rows.size(); id++) if (rows.get(id) != null) ids.add(id);
        return ids;
    }

    int insert(Transaction tx, R row) {
        requireUniqueKeys(row, Index.NO_ROW);
        boolean reuse = !freeRowIds.isEmpty();
        int rowId = reuse ? freeRowIds.pop() : rows.size();
        if (reuse) rows.set(rowId, row); else rows.add(row);
        for (Index<R, ?> index : indexes) index.add(rowId, row);
        tx.log(new Transaction.Inserted<>(this, rowId, reuse));
        return rowId;
    }

    void update(Transaction tx, int rowId, R newRow) {
        R oldRow = get(rowId);
        requireUniqueKeys(newRow, rowId);
        replace(rowId, oldRow, newRow);
        tx.log(new Transaction.Updated<>(this, rowId, oldRow));
    }

    void delete(Transaction tx, int rowId) {
        R oldRow = get(rowId);
        unlink(rowId, oldRow);
        tx.log(new Transaction.Deleted<>(this, rowId, oldRow));
    }

    // --- undo steps, called by Transaction.rollback in reverse log order ---

    void undoInsert(int rowId, boolean reusedFreeRow) {
        R row = get(rowId);
        for (Index<R, ?> index : indexes) index.remove(rowId, row);
        if (reusedFreeRow) {
            rows.set(rowId, null);
            freeRowIds.push(rowId);
        } else {
            if (rowId != rows.size() - 1) throw new IllegalStateException("undo out of order in " + name);
            rows.remove(rowId);
        }
    }

    void undoUpdate(int rowId, R oldRow) { replace(rowId, get(rowId), oldRow); }

    void undoDelete(int rowId, R oldRow) {
        // Undo runs backwards, so the id this delete freed is again on top of the free list.
        Integer freed = freeRowIds.peek();
        if (freed == null || freed != rowId) throw new IllegalStateException("undo out of order in " + name);
        freeRowIds.pop();
        rows.set(rowId, oldRow);
        for (Index<R, ?> index : indexes) index.add(rowId, oldRow);
    }

    private void unlink(int rowId, R row) {
        for (Index<R, ?> index : indexes) index.remove(rowId, row);
        rows.set(rowId, null);
        freeRowIds.push(rowId);
    }

    private void replace(int rowId, R oldRow, R newRow) {
        for (Index<R, ?> index : indexes) {
            if (index.sameKey(oldRow, newRow)) continue; // most updates touch no indexed column
            index.remove(rowId, oldRow);
            index.add(rowId, newRow);
        }
        rows.set(rowId, newRow);
    }

    private void requireUniqueKeys(R row, int rowId) {
        for (Index<R, ?> index : indexes) {
            if (index.conflicts(row, rowId))
                throw new IllegalStateException("duplicate key in " + name + "." + index.name() + ": " + row);
        }
    }
}
