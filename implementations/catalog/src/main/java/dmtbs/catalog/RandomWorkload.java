package dmtbs.catalog;

import dmtbs.booking.Area;
import dmtbs.booking.Movies;
import dmtbs.booking.Request;
import dmtbs.booking.ShowId;
import dmtbs.booking.Slot;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random request sequences biased so that the rules interact: few customers, few shows,
 * small capacities, dates that drift forward (so shows become past) and a sprinkle of malformed
 * input. The same seed always gives the same sequence.
 */
public final class RandomWorkload {

    private static final String[] BAD_IDS = {"ATWX0001", "atwc0001", "ATWC000", "", "ATWC0001 ", "ATWC００01"};

    private final SplittableRandom random;
    private final int customersPerArea;
    private final int dayRange;
    /** Whether the date moves forward now and then; a live system whose date is pinned needs it still. */
    private final boolean drifting;
    private LocalDate today;

    /** Small world: 2 customers per theatre, shows over 9 days around today. */
    public RandomWorkload(long seed) { this(seed, 2, 9, LocalDate.of(2026, 11, 23)); }

    public RandomWorkload(long seed, int customersPerArea, int dayRange, LocalDate start) {
        this(seed, customersPerArea, dayRange, start, true);
    }

    private RandomWorkload(long seed, int customersPerArea, int dayRange, LocalDate start, boolean drifting) {
        this.random = new SplittableRandom(seed);
        this.customersPerArea = customersPerArea;
        this.dayRange = dayRange;
        this.today = start;
        this.drifting = drifting;
    }

    /**
     * Requests for a system whose business date is {@code today} and stays so (shows from the day
     * before to {@code dayRange - 2} days after it): the same mix, without the drift.
     */
    public static RandomWorkload atFixedDate(long seed, int customersPerArea, int dayRange, LocalDate today) {
        return new RandomWorkload(seed, customersPerArea, dayRange, today, false);
    }

    public List<Step> steps(int count) {
        List<Step> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(next());
        return out;
    }

    public Step next() {
        // Drawn even when fixed: with the same seed the two differ in their dates only.
        if (random.nextInt(60) == 0 && drifting) today = today.plusDays(1);
        return new Step(today, request());
    }

    private Request request() {
        int p = random.nextInt(100);
        if (p < 14) {
            Request.AddMovieSlots add = new Request.AddMovieSlots(admin(showArea()), lastShow.text(), lastMovie, capacity());
            recentShows[random.nextInt(recentShows.length)] = add;
            return add;
        }
        if (p < 18) { Area a = showArea(); return new Request.RemoveMovieSlots(admin(a), lastShow.text(), lastMovie); }
        if (p < 22) return new Request.ListMovieShowsAvailability(anyUser(), movie());
        if (p < 55) {
            String c = customer();
            Request.BookMovieTickets b = new Request.BookMovieTickets(requesterFor(c), c, show(), lastMovie, count());
            recentBookings[random.nextInt(recentBookings.length)] = b;
            return b;
        }
        if (p < 60) { String c = customer(); return new Request.GetBookingSchedule(requesterFor(c), c); }
        Request.BookMovieTickets held = recentBookings[random.nextInt(recentBookings.length)];
        boolean reuse = held != null && random.nextInt(3) > 0;     // mostly name seats that were booked
        String c = reuse ? held.customerID() : customer();
        String oldShow = reuse ? held.movieID() : show();
        String oldMovie = reuse ? held.movieName() : lastMovie;
        int n = reuse ? 1 : count();
        if (p < 75) return new Request.CancelMovieTickets(requesterFor(c), c, oldShow, oldMovie, n);
        return new Request.ExchangeTickets(requesterFor(c), c, oldShow, oldMovie, show(), lastMovie, n);
    }

    /** Recent add requests, so that bookings and exchanges often name shows that exist. */
    private final Request.AddMovieSlots[] recentShows = new Request.AddMovieSlots[24];

    /** Recent booking requests, so cancels and exchanges often name seats actually held. */
    private final Request.BookMovieTickets[] recentBookings = new Request.BookMovieTickets[16];

    private ShowId lastShow;
    private String lastMovie;

    /** Picks a show (often a recently added one), remembering its ID and movie in lastShow/lastMovie. */
    private String show() {
        Request.AddMovieSlots added = recentShows[random.nextInt(recentShows.length)];
        if (added != null && random.nextBoolean() && ShowId.parse(added.movieID()) != null) {
            lastShow = ShowId.parse(added.movieID());
            lastMovie = added.movieName();
        } else {
            showArea();
        }
        return lastShow.text();
    }

    private Area showArea() {
        Area area = Area.values()[random.nextInt(3)];
        Slot slot = Slot.values()[random.nextInt(3)];
        LocalDate date = today.plusDays(random.nextInt(dayRange) - 1);
        lastShow = ShowId.of(area, slot, date);
        lastMovie = movie();
        if (random.nextInt(200) == 0) lastMovie = "Batman";
        return area;
    }

    private String movie() { return Movies.ALL.get(random.nextInt(3)); }

    private String customer() {
        if (random.nextInt(150) == 0) return BAD_IDS[random.nextInt(BAD_IDS.length)];
        return Area.values()[random.nextInt(3)].name() + "C" + String.format("%04d", 1 + random.nextInt(customersPerArea));
    }

    private String admin(Area area) {
        int p = random.nextInt(40);
        if (p == 0) return "ATWC0001";
        if (p == 1) return Area.values()[random.nextInt(3)].name() + "A0001";
        return area.name() + "A0001";
    }

    private String anyUser() { return random.nextInt(20) == 0 ? customer() : admin(Area.values()[random.nextInt(3)]); }

    /** Mostly the customer themself, sometimes an admin, rarely another customer. */
    private String requesterFor(String customer) {
        int p = random.nextInt(20);
        if (p == 0) return customer();
        if (p < 4) return admin(Area.values()[random.nextInt(3)]);
        return customer;
    }

    private int count() {
        int p = random.nextInt(100);
        if (p == 0) return random.nextInt(3) - 1;      // 0, -1 or 1
        if (p == 1) return 10_001;
        return 1 + random.nextInt(3);
    }

    private int capacity() {
        int p = random.nextInt(100);
        if (p == 0) return 0;
        return 1 + random.nextInt(8);
    }
}
