package dmtbs.impl.relational;

import java.util.Map;
import java.util.function.Function;

/**
 * A unique index of one table: maps the key computed from a row (its "indexed columns") to the
 * row's id. Every index here is unique; a non-unique lookup is made unique by adding the primary
 * key's columns to the index key, as a relational engine would.
 *
 * @param <R> the row type of the table
 * @param <K> the key type
 */
abstract class Index<R, K> {
    static final int NO_ROW = -1;

    private final String name;
    private final Function<R, K> keyOf;
    private final Map<K, Integer> rowIdByKey;

    Index(String name, Function<R, K> keyOf, Map<K, Integer> rowIdByKey) {
        this.name = name;
        this.keyOf = keyOf;
        this.rowIdByKey = rowIdByKey;
    }

    String name() { return name; }

    /** The id of the row with this key, or {@link #NO_ROW}. */
    final int find(K key) {
        Integer rowId = rowIdByKey.get(key);
        return rowId == null ? NO_ROW : rowId;
    }

    final boolean sameKey(R a, R b) { return keyOf.apply(a).equals(keyOf.apply(b)); }

    /** True when another row than {@code rowId} already holds {@code row}'s key. */
    final boolean conflicts(R row, int rowId) {
        Integer holder = rowIdByKey.get(keyOf.apply(row));
        return holder != null && holder != rowId;
    }

    final void add(int rowId, R row) { rowIdByKey.put(keyOf.apply(row), rowId); }

    final void remove(int rowId, R row) {
        if (!rowIdByKey.remove(keyOf.apply(row), rowId))
            throw new IllegalStateException("index " + name + " does not hold row " + rowId);
    }
}
