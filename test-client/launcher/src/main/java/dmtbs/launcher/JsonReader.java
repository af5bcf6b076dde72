package dmtbs.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the small JSON documents the processes answer status with (objects, arrays, strings, numbers, booleans). */
public final class JsonReader {
    private final String s;
    private int i;

    private JsonReader(String s) { this.s = s; }

    static Object parse(String text) {
        JsonReader r = new JsonReader(text.strip());
        Object v = r.value();
        if (r.i != r.s.length()) throw new IllegalArgumentException("trailing text in " + text);
        return v;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text) { return (Map<String, Object>) parse(text); }

    private Object value() {
        char c = s.charAt(i);
        if (c == '{') {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            while (s.charAt(i) != '}') {
                String k = string();
                i++;                                    // ':'
                m.put(k, value());
                if (s.charAt(i) == ',') i++;
            }
            i++;
            return m;
        }
        if (c == '[') {
            List<Object> l = new ArrayList<>();
            i++;
            while (s.charAt(i) != ']') {
                l.add(value());
                if (s.charAt(i) == ',') i++;
            }
            i++;
            return l;
        }
        if (c == '"') return string();
        int start = i;
        while (i < s.length() && ",]}".indexOf(s.charAt(i)) < 0) i++;
        String word = s.substring(start, i);
        return switch (word) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "null" -> null;
            default -> word.contains(".") ? (Object) Double.parseDouble(word) : (Object) Long.parseLong(word);
        };
    }

    private String string() {
        StringBuilder sb = new StringBuilder();
        i++;                                            // opening quote
        while (s.charAt(i) != '"') {
            char c = s.charAt(i++);
            if (c == '\\') {
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'u' -> { sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
        i++;
        return sb.toString();
    }
}
