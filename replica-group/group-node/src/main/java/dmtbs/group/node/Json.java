package dmtbs.group.node;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** A tiny JSON writer for status output (flat objects of strings, numbers, booleans and lists). */
public final class Json {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public Json put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    @Override public String toString() { return write(fields); }

    /** Any value of the shapes above (maps, lists, strings, numbers, booleans, null) as JSON. */
    public static String of(Object value) { return write(value); }

    private static String write(Object v) {
        if (v == null) return "null";
        if (v instanceof Json j) return j.toString();
        if (v instanceof Number || v instanceof Boolean) return v.toString();
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            m.forEach((k, val) -> sb.append(sb.length() > 1 ? "," : "").append(quote(k.toString())).append(':').append(write(val)));
            return sb.append('}').toString();
        }
        if (v instanceof Collection<?> c) {
            StringBuilder sb = new StringBuilder("[");
            for (Object o : c) sb.append(sb.length() > 1 ? "," : "").append(write(o));
            return sb.append(']').toString();
        }
        return quote(v.toString());
    }

    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
