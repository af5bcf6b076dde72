package dmtbs.booking;

/**
 * A well-formed user ID: area + role letter + 4 ASCII digits, e.g. {@code ATWA2345}.
 * Parsing never throws; a malformed ID parses to null and is a BAD_REQUEST.
 */
public record UserId(Area area, Role role, String text) {

    public static UserId parse(String s) {
        if (s == null || s.length() != 8) return null;
        Area area = Area.ofCode(s.substring(0, 3));
        Role role = Role.ofLetter(s.charAt(3));
        if (area == null || role == null || Ascii.digits(s, 4, 4) < 0) return null;
        return new UserId(area, role, s);
    }

    public boolean isAdmin() { return role == Role.ADMIN; }

    public boolean isCustomer() { return role == Role.CUSTOMER; }

    @Override public String toString() { return text; }
}
