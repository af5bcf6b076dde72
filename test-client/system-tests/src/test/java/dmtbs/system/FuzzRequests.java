package dmtbs.system;

import dmtbs.booking.Request;
import dmtbs.catalog.RandomWorkload;

import java.util.SplittableRandom;

/**
 * Seeded calls for the CORBA fuzzer: one in five is an ordinary request (so the group does real work
 * meanwhile), the rest have arguments from everything a careless or hostile client sends: empty,
 * near misses of valid IDs, other scripts, control and bidirectional characters, embedded NULs,
 * emoji, random code points, strings of up to 2 KB, and every {@link #ONE_MB}-th call an argument of 1 MB.
 */
final class FuzzRequests {

    static final int ONE_MB = 1_000;
    private static final String[] AREAS = {"ATW", "VER", "OUT"};
    private static final String[] MOVIES = {"Avatar", "Avengers", "Titanic"};
    private static final String[] ODD = {
            "", " ", "ATWC0001 ", "atwc0001", "ÄTWC0001", "ＡＴＷＣ０００１", "ATWC٠٠٠١", "Титаник", "アバター", "😀🎬🍿",
            "\u202EATWC0001", "ATWC\u00000001", "ATWC0001\n", "Avatar\t", "Avatar\r\nX-Injected: 1", "\u001b[2J\u001b[H",
            "%s%n%x", "'; DROP TABLE bookings; --", "../../etc/passwd", "ATWM261126\u200B", "null", "AvatarAvatar"};
    private static final int[] COUNTS = {0, 1, -1, 2, 1_000, Integer.MAX_VALUE, Integer.MIN_VALUE};

    private final SplittableRandom random;
    private final RandomWorkload ordinary;
    private long made;

    FuzzRequests(long seed) {
        this.random = new SplittableRandom(seed);
        this.ordinary = new RandomWorkload(seed);
    }

    Request next() {
        made++;
        if (made % ONE_MB == 0) return withOneMegabyte();
        if (random.nextInt(5) == 0) return ordinary.next().request();
        return switch (random.nextInt(7)) {
            case 0 -> new Request.AddMovieSlots(text(), text(), text(), count());
            case 1 -> new Request.RemoveMovieSlots(text(), text(), text());
            case 2 -> new Request.ListMovieShowsAvailability(text(), text());
            case 3 -> new Request.BookMovieTickets(text(), text(), text(), text(), count());
            case 4 -> new Request.GetBookingSchedule(text(), text());
            case 5 -> new Request.CancelMovieTickets(text(), text(), text(), text(), count());
            default -> new Request.ExchangeTickets(text(), text(), text(), text(), text(), text(), count());
        };
    }

    /** A string from the odd ones, a near miss of a valid one, random code points, or a long one. */
    String text() {
        return switch (random.nextInt(8)) {
            case 0 -> ODD[random.nextInt(ODD.length)];
            case 1 -> userId();
            case 2 -> showId();
            case 3 -> MOVIES[random.nextInt(MOVIES.length)];
            case 4 -> nearMiss(random.nextBoolean() ? userId() : showId());
            case 5 -> codePoints(1 + random.nextInt(24));
            case 6 -> "A".repeat(random.nextInt(2_048));
            default -> ascii(random.nextInt(12));
        };
    }

    private Request withOneMegabyte() {
        String big = random.nextBoolean() ? "ATWC0001".repeat(125_000) : "Ä".repeat(500_000);   // 1 MB in UTF-8 either way
        return random.nextBoolean() ? new Request.GetBookingSchedule(big, "ATWC0001")
                : new Request.BookMovieTickets("ATWC0001", "ATWC0001", "ATWM261126", big, 1);
    }

    private String userId() {
        return AREAS[random.nextInt(3)] + (random.nextBoolean() ? "C" : "A") + String.format("%04d", random.nextInt(10_000));
    }

    private String showId() {
        return AREAS[random.nextInt(3)] + "MAE".charAt(random.nextInt(3)) + String.format("%02d1126", 20 + random.nextInt(12));
    }

    private String nearMiss(String valid) {
        StringBuilder b = new StringBuilder(valid);
        int at = random.nextInt(b.length());
        switch (random.nextInt(3)) {
            case 0 -> b.setCharAt(at, (char) (32 + random.nextInt(95)));
            case 1 -> b.deleteCharAt(at);
            default -> b.insert(at, (char) (32 + random.nextInt(95)));
        }
        return b.toString();
    }

    /** Valid Unicode (no lone surrogates: the Java client could not send those): all planes, controls included. */
    private String codePoints(int n) {
        StringBuilder b = new StringBuilder();
        while (b.length() < n) {
            int cp = random.nextInt(4) == 0 ? 0x10000 + random.nextInt(0x100000) : random.nextInt(0xD800);
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    private String ascii(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append((char) random.nextInt(128));
        return b.toString();
    }

    int count() { return COUNTS[random.nextInt(COUNTS.length)]; }
}
