package dmtbs.booking;

import java.util.List;

/** The movies the system knows. Names match exactly (case-sensitive, no whitespace). */
public final class Movies {
    public static final List<String> ALL = List.of("Avatar", "Avengers", "Titanic");

    private Movies() {}

    public static boolean isValid(String name) {
        return name != null && ALL.contains(name);
    }
}
