package dmtbs.impl.relational;

import dmtbs.booking.Area;
import dmtbs.booking.BookingState;
import dmtbs.booking.Movies;
import dmtbs.booking.Request;
import dmtbs.booking.ShowId;
import dmtbs.booking.Slot;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Throughput on the benchmark's shape: 10,000 shows over about a year, 50,000 bookings, a few
 * thousand customers, a mix of mostly book/cancel/exchange/schedule. Tagged soak: run on request with
 * {@code mvn -o -q -pl relational test -Dgroups=soak -DexcludedGroups=none}.
 */
@Tag("soak")
class RelationalMachineBenchmarkTest {
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 5);
    private static final LocalDate TODAY = FIRST_DAY.plusDays(180);

    @Test
    void manyOperationsPerSecond() {
        SplittableRandom random = new SplittableRandom(42);
        List<String[]> shows = new ArrayList<>();
        List<BookingState.Show> stateShows = new ArrayList<>();
        for (int day = 0; shows.size() < 10_000; day++)
            for (Slot slot : Slot.values())
                for (Area area : Area.values())
                    for (String movie : Movies.ALL) {
                        if (shows.size() == 10_000) break;
                        String id = ShowId.of(area, slot, FIRST_DAY.plusDays(day)).text();
                        shows.add(new String[] {id, movie});
                        stateShows.add(new BookingState.Show(movie, id, 40));
                    }
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 3000; i++) customers.add(Area.values()[i % 3].name() + "C" + String.format("%04d", i));
        Map<Integer, Integer> booked = new HashMap<>();
        HashSet<String> seen = new HashSet<>();
        List<BookingState.Booking> bookings = new ArrayList<>();
        while (bookings.size() < 50_000) {
            int s = random.nextInt(shows.size());
            String c = customers.get(random.nextInt(customers.size()));
            if (!seen.add(c + s) || booked.merge(s, 2, Integer::sum) > 40) continue;
            bookings.add(new BookingState.Booking(c, shows.get(s)[1], shows.get(s)[0], 2));
        }
        RelationalMachine machine = new RelationalMachine();
        machine.importState(new BookingState(stateShows, bookings));

        int ops = 300_000;
        List<Request> requests = new ArrayList<>(ops);
        for (int i = 0; i < ops; i++) {
            String[] show = shows.get(random.nextInt(shows.size()));
            String[] other = shows.get(random.nextInt(shows.size()));
            String c = customers.get(random.nextInt(customers.size()));
            int kind = random.nextInt(100);
            requests.add(kind < 30 ? new Request.BookMovieTickets(c, c, show[0], show[1], 1 + random.nextInt(2))
                    : kind < 50 ? new Request.CancelMovieTickets(c, c, show[0], show[1], 1)
                    : kind < 70 ? new Request.ExchangeTickets(c, c, show[0], show[1], other[0], other[1], 1)
                    : kind < 92 ? new Request.GetBookingSchedule(c, c)
                    : kind < 96 ? new Request.AddMovieSlots(show[0].substring(0, 3) + "A0001", show[0], show[1], 45)
                    : kind < 98 ? new Request.ListMovieShowsAvailability("ATWA0001", show[1])
                    : new Request.RemoveMovieSlots(show[0].substring(0, 3) + "A0001", show[0], show[1]));
        }
        BookingState initial = machine.exportState();
        double perSecond = 0;
        for (int round = 0; round < 4; round++) {
            machine.importState(initial);
            long start = System.nanoTime();
            for (Request r : requests) machine.apply(r, TODAY);
            perSecond = ops / ((System.nanoTime() - start) / 1e9);
            System.out.printf("relational: %.0f ops/s%n", perSecond);
        }
        printMicrosPerOperation(machine, requests);
        assertTrue(perSecond > 100_000, "throughput " + perSecond);
    }

    /** Where the time goes, per operation kind (on the state the last round left). */
    private static void printMicrosPerOperation(RelationalMachine machine, List<Request> requests) {
        Map<String, long[]> countAndNanos = new TreeMap<>();
        for (Request r : requests) {
            long start = System.nanoTime();
            machine.apply(r, TODAY);
            long[] acc = countAndNanos.computeIfAbsent(r.operation(), k -> new long[2]);
            acc[0]++;
            acc[1] += System.nanoTime() - start;
        }
        countAndNanos.forEach((op, acc) -> System.out.printf("  %s: %d ops, %.1f us/op%n", op, acc[0], acc[1] / 1e3 / acc[0]));
    }
}
