package dmtbs.impl.relational;

import java.util.Collection;
import java.util.TreeMap;
import java.util.function.Function;

/** A unique sorted index: point lookups and ordered range scans ({@code WHERE key BETWEEN … ORDER BY key}). */
final class SortedIndex<R, K extends Comparable<? super K>> extends Index<R, K> {
    private final TreeMap<K, Integer> rowIdByKey;

    SortedIndex(String name, Function<R, K> keyOf) {
        this(name, keyOf, new TreeMap<>());
    }

    private SortedIndex(String name, Function<R, K> keyOf, TreeMap<K, Integer> rowIdByKey) {
        super(name, keyOf, rowIdByKey);
        this.rowIdByKey = rowIdByKey;
    }

    /** Ids of the rows with {@code from <= key < to}, in key order (a live view: copy it before writing). */
    Collection<Integer> range(K from, K to) {
        return rowIdByKey.subMap(from, true, to, false).values();
    }

    /** Ids of the rows with {@code from < key < to}, in key order (a live view: copy it before writing). */
    Collection<Integer> rangeAfter(K from, K to) {
        return rowIdByKey.subMap(from, false, to, false).values();
    }
}
