package dmtbs.booking;

/** The role letter of a user ID. */
public enum Role {
    ADMIN('A'), CUSTOMER('C');

    private final char letter;

    Role(char letter) { this.letter = letter; }

    public char letter() { return letter; }

    public static Role ofLetter(char c) {
        return switch (c) {
            case 'A' -> ADMIN;
            case 'C' -> CUSTOMER;
            default -> null;
        };
    }
}
