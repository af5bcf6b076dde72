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

    @SuppressWarnings("unchecked")
    public static List<Object> list(String text) { return (List<Object>) parse(text); }

    /** Whitespace between tokens (pretty-printed JSON, such as Chromium's). */
    private void skip() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    private Object value() {
        skip();
        char c = s.charAt(i);
        if (c == '{') {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            skip();
            while (s.charAt(i) != '}') {
                skip();
                String k = string();
                skip();
                i++;                                    // ':'
                m.put(k, value());
                skip();
                if (s.charAt(i) == ',') i++;
                skip();
            }
            i++;
            return m;
        }
        if (c == '[') {
            List<Object> l = new ArrayList<>();
            i++;
            skip();
            while (s.charAt(i) != ']') {
                l.add(value());
                skip();
                if (s.charAt(i) == ',') i++;
                skip();
            }
            i++;
            return l;
        }
        if (c == '"') return string();
        int start = i;
        while (i < s.length() && ",]}".indexOf(s.charAt(i)) < 0 && !Character.isWhitespace(s.charAt(i))) i++;
        String word = s.substring(start, i);
        return switch (word) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "null" -> null;
            default -> word.matches("-?\\d+") ? (Object) Long.parseLong(word) : (Object) Double.parseDouble(word);
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
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
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
