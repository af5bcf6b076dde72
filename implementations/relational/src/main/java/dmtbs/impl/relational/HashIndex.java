package dmtbs.impl.relational;

import java.util.HashMap;
import java.util.function.Function;

/** A unique hash index: point lookups only (its iteration order is never used). */
final class HashIndex<R, K> extends Index<R, K> {
    HashIndex(String name, Function<R, K> keyOf) {
        super(name, keyOf, new HashMap<>());
    }
}
