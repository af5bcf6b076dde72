package dmtbs.catalog;

import dmtbs.booking.Area;
import dmtbs.booking.BookingMachine;
import dmtbs.booking.BookingState;
import dmtbs.booking.Movies;
import dmtbs.booking.Request;
import dmtbs.booking.ShowId;
import dmtbs.booking.Slot;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Single-thread apply throughput of each implementation on a large state (10,000 shows over about a
 * year, 50,000 bookings, 6,000 customers) for a realistic mix. Prints figures; asserts nothing.
 * Usage: {@code ApplyBenchmark [--ops N] [--seed S]}.
 */
public final class ApplyBenchmark {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    static final int CUSTOMERS_PER_AREA = 2_000;

    public static void main(String[] args) {
        int ops = 1_000_000;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--ops" -> ops = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> { System.err.println("usage: ApplyBenchmark [--ops N] [--seed S]"); System.exit(2); }
            }
        }
        BookingState state = largeState(seed, 10_000, 50_000);
        List<Request> mix = mix(seed + 1, ops);
        System.out.printf("state: %d shows, %d bookings; mix of %,d requests (seed %d)%n",
                state.shows().size(), state.bookings().size(), ops, seed);
        System.out.printf("%-14s %12s %10s %10s%n", "implementation", "ops/s", "import ms", "digest ms");
        for (String name : Implementations.NAMES) {
            BookingMachine m = Implementations.create(name);
            m.importState(state);
            run(m, mix.subList(0, Math.min(200_000, ops)));          // warm-up (JIT)
            long t0 = System.nanoTime();
            m.importState(state);
            long importNanos = System.nanoTime() - t0;
            long t1 = System.nanoTime();
            run(m, mix);
            long applyNanos = System.nanoTime() - t1;
            long t2 = System.nanoTime();
            m.digest();
            long digestNanos = System.nanoTime() - t2;
            System.out.printf("%-14s %,12.0f %10.1f %10.1f%n", name, ops / (applyNanos / 1e9), importNanos / 1e6,
                    digestNanos / 1e6);
        }
    }

    private static long run(BookingMachine m, List<Request> requests) {
        long sink = 0;
        for (Request r : requests) sink += m.apply(r, TODAY).canonical().length();
        return sink;
    }

    /** Shows: every movie x theatre x slot for consecutive days ending at today+6; bookings spread over them. */
    public static BookingState largeState(long seed, int showCount, int bookingCount) {
        SplittableRandom random = new SplittableRandom(seed);
        List<BookingState.Show> shows = new ArrayList<>(showCount);
        LocalDate day = TODAY.plusDays(6);
        outer:
        while (true) {
            for (Area a : Area.values()) for (Slot s : Slot.values()) for (String movie : Movies.ALL) {
                if (shows.size() == showCount) break outer;
                shows.add(new BookingState.Show(movie, ShowId.of(a, s, day).text(), 100));
            }
            day = day.minusDays(1);
        }
        Map<String, Integer> booked = new HashMap<>();
        Map<String, BookingState.Booking> bookings = new HashMap<>();
        while (bookings.size() < bookingCount) {
            BookingState.Show show = shows.get(random.nextInt(shows.size()));
            String customer = customer(random);
            int seats = 1 + random.nextInt(3);
            String showKey = show.movieName() + "\t" + show.movieID();
            String key = customer + "\t" + showKey;
            if (bookings.containsKey(key) || booked.getOrDefault(showKey, 0) + seats > show.capacity()) continue;
            booked.merge(showKey, seats, Integer::sum);
            bookings.put(key, new BookingState.Booking(customer, show.movieName(), show.movieID(), seats));
        }
        return new BookingState(shows, new ArrayList<>(bookings.values()));
    }

    /**
     * The request mix: book 35%, cancel 15%, exchange 15%, schedule 20%, add 8%, list 4%, remove 3%.
     * Shows are drawn from the booking window; cancels and exchanges mostly name seats booked earlier.
     */
    public static List<Request> mix(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Request> out = new ArrayList<>(count);
        Request.BookMovieTickets[] recent = new Request.BookMovieTickets[4096];
        for (int i = 0; i < count; i++) {
            int p = random.nextInt(100);
            String customer = customer(random);
            ShowId show = windowShow(random);
            String movie = Movies.ALL.get(random.nextInt(3));
            Request.BookMovieTickets old = recent[random.nextInt(recent.length)];
            if (p < 35 || old == null) {
                var b = new Request.BookMovieTickets(customer, customer, show.text(), movie, 1 + random.nextInt(2));
                recent[i & (recent.length - 1)] = b;
                out.add(b);
            } else if (p < 50) {
                out.add(new Request.CancelMovieTickets(old.userID(), old.customerID(), old.movieID(), old.movieName(), 1));
            } else if (p < 65) {
                out.add(new Request.ExchangeTickets(old.userID(), old.customerID(), old.movieID(), old.movieName(),
                        show.text(), movie, 1));
            } else if (p < 85) {
                out.add(new Request.GetBookingSchedule(customer, customer));
            } else if (p < 93) {
                out.add(new Request.AddMovieSlots(show.area().name() + "A0001", show.text(), movie, 100 + random.nextInt(20)));
            } else if (p < 97) {
                out.add(new Request.ListMovieShowsAvailability("ATWA0001", movie));
            } else {
                out.add(new Request.RemoveMovieSlots(show.area().name() + "A0001", show.text(), movie));
            }
        }
        return out;
    }

    private static ShowId windowShow(SplittableRandom random) {
        return ShowId.of(Area.values()[random.nextInt(3)], Slot.values()[random.nextInt(3)], TODAY.plusDays(random.nextInt(7)));
    }

    private static String customer(SplittableRandom random) {
        return Area.values()[random.nextInt(3)].name() + "C" + String.format("%04d", random.nextInt(CUSTOMERS_PER_AREA));
    }
}
