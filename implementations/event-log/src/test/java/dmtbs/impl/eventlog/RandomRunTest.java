package dmtbs.impl.eventlog;

import dmtbs.booking.Area;
import dmtbs.booking.BookingState;
import dmtbs.booking.Movies;
import dmtbs.booking.Request;
import dmtbs.booking.Result;
import dmtbs.booking.ShowId;
import dmtbs.booking.Slot;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seeded random run over a small world (so rules collide often): every step keeps the state
 * exportable (BookingState checks capacity and seats), and a copy made by export/import answers the
 * next requests exactly like the original.
 */
class RandomRunTest {

    private static final long SEED = 20261126L;

    @Test void randomRunKeepsInvariantsAndSurvivesExportImport() {
        SplittableRandom random = new SplittableRandom(SEED);
        EventLogMachine machine = new EventLogMachine();
        LocalDate day = LocalDate.of(2026, 11, 26);
        Map<String, Integer> outcomes = new HashMap<>();
        for (int step = 0; step < 6000; step++) {
            if (random.nextInt(400) == 0) day = day.plusDays(1);
            Request request = randomRequest(random, day);
            Result result = machine.apply(request, day);
            outcomes.merge(result.canonical().split(" ")[0] + " " + request.operation(), 1, Integer::sum);
            if (step % 500 == 499) {
                BookingState state = machine.exportState();
                EventLogMachine copy = new EventLogMachine();
                copy.importState(state);
                assertEquals(machine.digest(), copy.digest(), "seed " + SEED + " step " + step);
                for (int i = 0; i < 50; i++) {
                    Request next = randomRequest(random, day);
                    assertEquals(machine.apply(next, day).canonical(), copy.apply(next, day).canonical(),
                            "seed " + SEED + " step " + step + " " + next);
                }
            }
        }
        assertTrue(outcomes.getOrDefault("OK exchangeTickets", 0) > 0, outcomes.toString());
        assertTrue(outcomes.getOrDefault("OK removeMovieSlots", 0) > 0, outcomes.toString());
    }

    private static Request randomRequest(SplittableRandom random, LocalDate day) {
        String show = showId(random, day), movie = Movies.ALL.get(random.nextInt(3));
        String customer = Area.values()[random.nextInt(3)] + "C000" + random.nextInt(4);
        String admin = show.substring(0, 3) + "A0001";
        int n = 1 + random.nextInt(3);
        return switch (random.nextInt(10)) {
            case 0 -> new Request.AddMovieSlots(admin, show, movie, 1 + random.nextInt(8));
            case 1 -> new Request.RemoveMovieSlots(admin, show, movie);
            case 2 -> new Request.ListMovieShowsAvailability(admin, movie);
            case 3 -> new Request.GetBookingSchedule(customer, customer);
            case 4, 5 -> new Request.CancelMovieTickets(customer, customer, show, movie, n);
            case 6, 7 -> new Request.ExchangeTickets(customer, customer, show, movie, showId(random, day),
                    Movies.ALL.get(random.nextInt(3)), n);
            default -> new Request.BookMovieTickets(admin, customer, show, movie, n);
        };
    }

    private static String showId(SplittableRandom random, LocalDate day) {
        return ShowId.of(Area.values()[random.nextInt(3)], Slot.values()[random.nextInt(3)],
                day.plusDays(random.nextInt(9) - 1)).text();
    }
}
