package dmtbs.impl.relational;

import dmtbs.booking.Area;
import dmtbs.booking.Movies;
import dmtbs.booking.Request;
import dmtbs.booking.Result;
import dmtbs.booking.ShowId;
import dmtbs.booking.Slot;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Seeded random operations over a small world (many refusals, rollbacks and removal moves). A fresh
 * machine built from the exported state recomputes every derived column and index, so any drift in
 * SHOWS.booked or in an index shows up as a different answer from the two machines.
 */
class RandomConsistencyTest {
    private static final long SEED = 7;
    private static final LocalDate START = LocalDate.of(2026, 11, 20);

    @Test
    void derivedColumnsAndIndexesStayConsistentWithTheRows() {
        SplittableRandom random = new SplittableRandom(SEED);
        RelationalMachine machine = new RelationalMachine();
        LocalDate today = START;
        for (int step = 0; step < 20_000; step++) {
            if (step % 2_000 == 1_999) today = today.plusDays(1);
            machine.apply(randomRequest(random, today, machine), today);
            if (step % 500 == 499) {
                RelationalMachine copy = new RelationalMachine();
                copy.importState(machine.exportState());
                assertEquals(machine.digest(), copy.digest(), "seed " + SEED + " step " + step);
                for (int probe = 0; probe < 40; probe++) {
                    Request r = randomRequest(random, today, machine);
                    assertEquals(machine.apply(r, today).canonical(), copy.apply(r, today).canonical(),
                            "seed " + SEED + " step " + step + " " + r);
                }
                for (String movie : Movies.ALL) {
                    Request list = new Request.ListMovieShowsAvailability("ATWA0001", movie);
                    assertEquals(machine.apply(list, today).canonical(), copy.apply(list, today).canonical());
                }
            }
        }
    }

    /** A random request; cancels and exchanges mostly name a show the customer holds, so that they succeed often. */
    private static Request randomRequest(SplittableRandom random, LocalDate today, RelationalMachine machine) {
        String show = ShowId.of(pick(random, Area.values()), pick(random, Slot.values()),
                today.plusDays(random.nextInt(-2, 9))).text();
        String other = ShowId.of(pick(random, Area.values()), pick(random, Slot.values()),
                today.plusDays(random.nextInt(-2, 9))).text();
        String movie = Movies.ALL.get(random.nextInt(Movies.ALL.size()));
        String otherMovie = Movies.ALL.get(random.nextInt(Movies.ALL.size()));
        String customer = pick(random, Area.values()).name() + "C000" + random.nextInt(6);
        String admin = show.substring(0, 3) + "A0001";
        int n = 1 + random.nextInt(4);
        int kind = random.nextInt(8);
        if ((kind == 2 || kind == 3 || kind == 4) && random.nextInt(4) != 0) {
            Result schedule = machine.apply(new Request.GetBookingSchedule(customer, customer), today);
            List<Result.BookingEntry> held = ((Result.Schedule) schedule).bookings();
            if (!held.isEmpty()) {
                Result.BookingEntry entry = held.get(random.nextInt(held.size()));
                show = entry.movieID();
                movie = entry.movieName();
                n = 1 + random.nextInt(entry.tickets());
            }
        }
        return switch (kind) {
            case 0 -> new Request.AddMovieSlots(admin, show, movie, 1 + random.nextInt(8));
            case 1 -> new Request.RemoveMovieSlots(admin, show, movie);
            case 2 -> new Request.CancelMovieTickets(customer, customer, show, movie, n);
            case 3, 4 -> new Request.ExchangeTickets(customer, customer, show, movie, other, otherMovie, n);
            case 5 -> new Request.GetBookingSchedule(customer, customer);
            default -> new Request.BookMovieTickets(admin, customer, show, movie, n);
        };
    }

    private static <T> T pick(SplittableRandom random, T[] values) { return values[random.nextInt(values.length)]; }
}
