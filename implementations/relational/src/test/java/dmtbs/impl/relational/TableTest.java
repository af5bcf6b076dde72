package dmtbs.impl.relational;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The storage engine: indexes follow every write, and a rollback restores rows, ids and indexes exactly. */
class TableTest {
    record Row(String name, int value) {}

    private final Table<Row> table = new Table<>("T");
    private final HashIndex<Row, String> byName = table.withIndex(new HashIndex<>("by_name", Row::name));
    private final SortedIndex<Row, Integer> byValue = table.withIndex(new SortedIndex<>("by_value", Row::value));

    private List<Row> contents() {
        List<Row> rows = new ArrayList<>();
        table.forEachRow(rows::add);
        return rows;
    }

    @Test
    void rollbackUndoesInsertsUpdatesAndDeletesIncludingFreeListReuse() {
        Transaction setup = new Transaction();
        int a = table.insert(setup, new Row("a", 1));
        int b = table.insert(setup, new Row("b", 2));
        table.insert(setup, new Row("c", 3));
        setup.commit();
        List<Row> before = contents();

        Transaction tx = new Transaction();
        table.delete(tx, b);
        int reused = table.insert(tx, new Row("d", 4));      // takes b's free id
        assertEquals(b, reused);
        table.update(tx, a, new Row("a", 10));
        table.insert(tx, new Row("e", 5));                    // appended
        table.delete(tx, reused);
        tx.rollback();

        assertEquals(before, contents());
        assertEquals(a, byName.find("a"));
        assertEquals(b, byName.find("b"));
        assertEquals(Index.NO_ROW, byName.find("d"));
        assertEquals(Index.NO_ROW, byName.find("e"));
        assertEquals(List.of(a, b), List.copyOf(byValue.range(0, 3)));
        assertEquals(List.of(), List.copyOf(byValue.range(4, 11)));
    }

    @Test
    void aDuplicateKeyChangesNothing() {
        Transaction tx = new Transaction();
        table.insert(tx, new Row("a", 1));
        int b = table.insert(tx, new Row("b", 2));
        assertThrows(IllegalStateException.class, () -> table.insert(tx, new Row("a", 3)));
        assertThrows(IllegalStateException.class, () -> table.update(tx, b, new Row("b", 1)));
        tx.commit();
        assertEquals(List.of(new Row("a", 1), new Row("b", 2)), contents());
        assertEquals(List.of(b), List.copyOf(byValue.range(2, 3)));
    }
}
