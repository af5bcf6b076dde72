package dmtbs.reference;

/**
 * A well-formed user ID: theatre, role letter ({@code A} admin, {@code C} customer), four ASCII
 * digits, nothing else (booking-rules.md §1).
 */
record User(String id, String theatre, boolean isAdmin) {

    /** The user, or null if {@code id} is not exactly a user ID. */
    static User parse(String id) {
        if (id == null || id.length() != 8) return null;
        String theatre = id.substring(0, 3);
        char role = id.charAt(3);
        if (!Syntax.isTheatre(theatre) || (role != 'A' && role != 'C') || !Syntax.asciiDigits(id, 4, 8)) return null;
        return new User(id, theatre, role == 'A');
    }

    /** A customer argument must name a customer; an admin's ID there is malformed (booking-rules.md §4 BAD_REQUEST). */
    static User parseCustomer(String id) {
        User user = parse(id);
        return user == null || user.isAdmin() ? null : user;
    }

    /** Admins act for any customer; customers only for themselves (booking-rules.md §3). */
    boolean mayActFor(User customer) {
        return isAdmin || id.equals(customer.id());
    }
}
