package dmtbs.impl.relational;

import dmtbs.booking.Request;
import dmtbs.booking.Result;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readers racing writers through the StampedLock: optimistic reads that see a writer are redone under
 * the read lock, so a reader never gets an internal error, and the writers' net effect is exact.
 */
class ConcurrentAccessTest {
    private static final LocalDate MON = LocalDate.of(2026, 11, 23);

    @Test
    void readersNeverSeeTornStateAndWritesAllLand() throws InterruptedException {
        RelationalMachine machine = new RelationalMachine();
        for (String id : List.of("ATWM241126", "ATWA241126", "ATWE241126"))
            machine.apply(new Request.AddMovieSlots("ATWA0001", id, "Avatar", 10_000), MON);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            String customer = "ATWC000" + w;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    check(problems, machine.apply(new Request.BookMovieTickets(customer, customer, "ATWM241126", "Avatar", 2), MON));
                    check(problems, machine.apply(new Request.ExchangeTickets(customer, customer, "ATWM241126", "Avatar",
                            "ATWA241126", "Avatar", 1), MON));
                }
            }));
        }
        for (int r = 0; r < 2; r++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    Result list = machine.apply(new Request.ListMovieShowsAvailability("VERA0001", "Avatar"), MON);
                    if (!(list instanceof Result.Shows shows) || shows.shows().size() != 3) problems.add(list.canonical());
                    Result schedule = machine.apply(new Request.GetBookingSchedule("ATWC0000", "ATWC0000"), MON);
                    if (!(schedule instanceof Result.Schedule)) problems.add(schedule.canonical());
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join();
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals("SCHEDULE [ATWM241126 Avatar 2000,ATWA241126 Avatar 2000]",
                machine.apply(new Request.GetBookingSchedule("ATWC0001", "ATWC0001"), MON).canonical());
    }

    private static void check(ConcurrentLinkedQueue<String> problems, Result result) {
        if (result.isRefusal()) problems.add(result.canonical());
    }
}
