package dmtbs.booking;

/** Time of day of a show. Declaration order is show order: morning, afternoon, evening. */
public enum Slot {
    M, A, E;

    public static Slot ofLetter(char c) {
        return switch (c) {
            case 'M' -> M;
            case 'A' -> A;
            case 'E' -> E;
            default -> null;
        };
    }
}
