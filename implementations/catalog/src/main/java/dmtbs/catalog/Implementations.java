package dmtbs.catalog;

import dmtbs.booking.BookingMachine;
import dmtbs.impl.eventlog.EventLogMachine;
import dmtbs.impl.nestedmaps.NestedMapsMachine;
import dmtbs.impl.relational.RelationalMachine;
import dmtbs.impl.sortedindex.SortedIndexMachine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The four independently written implementations of the booking rules, by name. */
public final class Implementations {

    private static final Map<String, Supplier<BookingMachine>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("nested-maps", NestedMapsMachine::new);
        FACTORIES.put("sorted-index", SortedIndexMachine::new);
        FACTORIES.put("event-log", EventLogMachine::new);
        FACTORIES.put("relational", RelationalMachine::new);
    }

    /** Replica host i (1-based) runs implementation NAMES.get(i - 1). */
    public static final List<String> NAMES = List.copyOf(FACTORIES.keySet());

    private Implementations() {}

    /** A fresh machine with the empty state. */
    public static BookingMachine create(String name) {
        Supplier<BookingMachine> f = FACTORIES.get(name);
        if (f == null) throw new IllegalArgumentException("unknown implementation '" + name + "'; one of " + NAMES);
        return f.get();
    }

    public static List<BookingMachine> createAll() {
        return NAMES.stream().map(Implementations::create).toList();
    }
}
