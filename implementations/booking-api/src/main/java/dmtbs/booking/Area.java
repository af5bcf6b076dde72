package dmtbs.booking;

/** A theatre. The code is the three-letter prefix of user and show IDs. */
public enum Area {
    ATW("Atwater"), OUT("Outremont"), VER("Verdun");

    private final String theatreName;

    Area(String theatreName) { this.theatreName = theatreName; }

    public String theatreName() { return theatreName; }

    /** The area with this exact code, or null (no exception: bad input is data here). */
    public static Area ofCode(String code) {
        return switch (code) {
            case "ATW" -> ATW;
            case "OUT" -> OUT;
            case "VER" -> VER;
            default -> null;
        };
    }
}
